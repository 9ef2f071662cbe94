package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kinerja/internal/org"
)

// The penilai approves several submitted plans from SKP Bawahan after a confirmation
// that lists them; nothing is approved before it, a plan of someone else's
// subordinate is refused, and a stale choice is a conflict.
func TestBulkApproveFromTheQueue(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	openPeriod(t, a)
	pen := penilaiWithRHK(t, a)
	var second string
	for _, x := range a.ds.Pegawai {
		if x.AtasanID == ppl.penilai.ID && x.ID != ppl.staff.ID {
			second = x.NIP
			break
		}
	}
	if second == "" {
		t.Fatal("the penilai has one subordinate only")
	}
	one := submittedSKP(t, a.clientAs(ppl.staff.NIP))
	two := submittedSKP(t, a.clientAs(second))

	q := pen.get("/skp/bawahan")
	boxes := regexp.MustCompile(`<input type="checkbox" id="pilih-\d+" name="skp" value="(\d+:\d+)"`).FindAllStringSubmatch(q.body, -1)
	if len(boxes) != 2 || !strings.Contains(q.text(), "Setujui SKP yang dipilih") {
		t.Fatalf("queue checkboxes: %v %s", boxes, q.text())
	}
	// Nothing chosen: 422 with the error linked to the first checkbox.
	if got := checkSummary(t, pen.post("/skp/bawahan/setujui", url.Values{})); len(got) != 1 || !strings.HasPrefix(got[0], "pilih-") {
		t.Errorf("empty choice: %v", got)
	}
	choice := url.Values{"skp": {boxes[0][1], boxes[1][1]}}
	confirm := pen.post("/skp/bawahan/setujui", choice)
	staff := org.NamaLengkap(ppl.staff.GelarDepan, ppl.staff.Nama, ppl.staff.GelarBelakang)
	if ct := confirm.text(); confirm.status != http.StatusOK || !strings.Contains(ct, "Setujui 2 SKP berikut?") || !strings.Contains(ct, staff) || !strings.Contains(ct, "Ya, setujui 2 SKP") {
		t.Fatalf("confirmation: %d %s", confirm.status, ct)
	}
	if strings.Contains(pen.get(one).text(), "Disetujui") {
		t.Fatal("approved before confirmation")
	}
	// Someone else's subordinate's plan, tampered into the form, is refused.
	dinkes := submittedOther(t, a)
	if r := pen.post("/skp/bawahan/setujui", url.Values{"skp": {dinkes}, "konfirmasi": {"ya"}}); r.status != http.StatusForbidden {
		t.Errorf("tampered id: %d", r.status)
	}
	hidden := regexp.MustCompile(`name="skp" value="([^"]+)"`).FindStringSubmatch(confirm.body)[1]
	if r := pen.post("/skp/bawahan/setujui", url.Values{"skp": {hidden}, "konfirmasi": {"ya"}}); r.status != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", r.status, r.text())
	}
	if r := pen.get("/skp/bawahan"); !strings.Contains(r.text(), "2 SKP disetujui.") || strings.Contains(r.body, `name="skp"`) {
		t.Errorf("queue after: %s", r.text())
	}
	for _, p := range []string{one, two} {
		if !strings.Contains(pen.get(p).text(), "Disetujui") {
			t.Errorf("%s not approved", p)
		}
	}
	// The same choice again is no longer waiting: 409, nothing changes.
	if r := pen.post("/skp/bawahan/setujui", url.Values{"skp": {hidden}, "konfirmasi": {"ya"}}); r.status != http.StatusConflict || !strings.Contains(r.text(), "tidak lagi menunggu persetujuan") {
		t.Errorf("second approval: %d %s", r.status, r.text())
	}
}

// submittedOther submits a plan in Dinas Kesehatan and returns its "id:version".
func submittedOther(t *testing.T, a *app) string {
	t.Helper()
	ppl := a.people()
	c := a.clientAs(ppl.dinkesStaff.NIP)
	id := strings.TrimPrefix(c.post("/skp/buat", nil).header.Get("Location"), "/skp/")
	if id == "" {
		t.Fatal("no plan")
	}
	return id + ":1"
}
