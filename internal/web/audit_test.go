package web_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func auditCSV(t *testing.T, c *client, query url.Values) [][]string {
	t.Helper()
	r := c.get("/audit/unduh.csv?" + query.Encode())
	if r.status != http.StatusOK {
		t.Fatalf("audit csv %v: %d", query, r.status)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\xEF\xBB\xBF"))).ReadAll()
	if err != nil || len(recs) == 0 || recs[0][0] != "Waktu" {
		t.Fatalf("audit csv: %v %v", recs, err)
	}
	return recs[1:]
}

func TestAuditPageFiltersAndExports(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	_, _, mine := approvedSKP(t, a)
	skpID := strings.TrimPrefix(mine, "/skp/")
	admin := a.clientAs(ppl.admin.NIP)

	all := auditCSV(t, admin, url.Values{})
	if len(all) < 5 {
		t.Fatalf("only %d audit rows", len(all))
	}
	// By action: every row has it.
	byAction := auditCSV(t, admin, url.Values{"aksi": {"skp.setujui"}})
	if len(byAction) == 0 {
		t.Fatal("no skp.keputusan rows")
	}
	for _, r := range byAction {
		if r[2] != "skp.setujui" {
			t.Errorf("action filter kept %v", r)
		}
	}
	// By entity: the SKP's history, from the SKP's own link.
	bySKP := auditCSV(t, admin, url.Values{"entitas": {"skp"}, "id": {skpID}})
	for _, r := range bySKP {
		if r[3] != "skp" || r[4] != skpID {
			t.Errorf("entity filter kept %v", r)
		}
	}
	if len(bySKP) < 2 {
		t.Errorf("SKP history %v", bySKP)
	}
	if r := admin.get(mine); !strings.Contains(r.body, `href="/audit?entitas=skp&amp;id=`+skpID+`"`) {
		t.Errorf("the SKP page has no link to its audit history")
	}
	// By actor: the penilai's NIP or part of the name, and nobody else's rows.
	for _, who := range []string{ppl.penilai.NIP, strings.ToLower(strings.Fields(ppl.penilai.Nama)[0])} {
		rows := auditCSV(t, admin, url.Values{"pelaku": {who}})
		if len(rows) == 0 {
			t.Errorf("actor %q: no rows", who)
		}
		for _, r := range rows {
			if !strings.Contains(r[1], ppl.penilai.NIP) {
				t.Errorf("actor %q kept %v", who, r)
			}
		}
	}
	// By date: today holds everything, tomorrow nothing.
	today := a.clock.now().Format("2006-01-02")
	tomorrow := a.clock.now().AddDate(0, 0, 1).Format("2006-01-02")
	if rows := auditCSV(t, admin, url.Values{"dari": {today}, "sampai": {today}}); len(rows) != len(all) {
		t.Errorf("today: %d of %d", len(rows), len(all))
	}
	if rows := auditCSV(t, admin, url.Values{"dari": {tomorrow}}); len(rows) != 0 {
		t.Errorf("tomorrow: %d rows", len(rows))
	}
	// The page: a readable diff, pagination, the filter kept; bad dates are 422.
	page := admin.get("/audit?aksi=skp.setujui")
	if page.status != http.StatusOK || !strings.Contains(page.text(), "skp.setujui") || !strings.Contains(page.body, "<del>") ||
		!strings.Contains(page.body, `href="/audit/unduh.xlsx?aksi=skp.setujui"`) {
		t.Errorf("audit page: %d %s", page.status, page.text())
	}
	bad := admin.get("/audit?dari=2026-13-45&sampai=2026-01-01")
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.text(), "HHHH-BB-TT") || !strings.Contains(bad.body, `value="2026-13-45"`) {
		t.Errorf("bad date: %d %s", bad.status, bad.text())
	}
	if r := admin.get("/audit?dari=2026-02-01&sampai=2026-01-01"); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "tidak boleh sebelum") {
		t.Errorf("reversed range: %d", r.status)
	}
	if r := admin.get("/audit/unduh.xlsx"); r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Type"), "spreadsheetml") {
		t.Errorf("xlsx: %d", r.status)
	}
	// Only the Admin BKD.
	for _, nip := range []string{ppl.kepalaDisdik.NIP, ppl.penilai.NIP, ppl.staff.NIP} {
		for _, p := range []string{"/audit", "/audit/unduh.csv", "/audit/unduh.xlsx"} {
			if r := a.clientAs(nip).get(p); r.status != http.StatusForbidden {
				t.Errorf("%s GET %s: %d", nip, p, r.status)
			}
		}
	}
}
