package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// Once 2027 opens, every per-period page defaults to it and switches back to 2026
// with the period selector (a GET form with tahun).
func TestPeriodSelector(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	picker := regexp.MustCompile(`<select id="pilih-periode" name="tahun">`)
	if r := c.get("/skp"); r.status != http.StatusSeeOther {
		t.Fatalf("one period: SKP Saya goes to the plan: %d", r.status)
	}
	if r := c.get(mine); picker.MatchString(r.body) {
		t.Fatal("a selector with only one period to choose")
	}
	openYear(t, a, 2027)

	// SKP Saya: 2027 by default, 2026 one choice away.
	r := c.get("/skp")
	if r.status != http.StatusOK || !strings.Contains(r.text(), "Periode 2027") || !picker.MatchString(r.body) ||
		!strings.Contains(r.body, `<option value="2026">2026 (Pelaksanaan)</option>`) || !strings.Contains(r.body, `<option value="2027" selected>2027 (Perencanaan)</option>`) {
		t.Fatalf("SKP Saya in 2027: %d %s", r.status, r.body)
	}
	if r := c.get("/skp?tahun=2026"); r.status != http.StatusSeeOther || r.header.Get("Location") != mine {
		t.Fatalf("SKP Saya 2026: %d %s", r.status, r.header.Get("Location"))
	}
	for _, bad := range []string{"2030", "abc", "2026%27"} {
		if r := c.get("/skp?tahun=" + bad); r.status != http.StatusNotFound || !strings.Contains(r.text(), "tidak ada atau belum dibuka") {
			t.Errorf("tahun=%s: %d", bad, r.status)
		}
	}
	if r := c.get(mine); !strings.Contains(r.body, `<option value="2026" selected>`) || !strings.Contains(r.body, `action="/skp"`) {
		t.Errorf("the 2026 SKP page has no selector: %s", r.body)
	}

	// SKP Bawahan.
	if r := pen.get("/skp/bawahan"); !strings.Contains(r.text(), "Periode 2027") || strings.Contains(r.body, `href="`+mine+`"`) {
		t.Errorf("SKP Bawahan 2027: %s", r.text())
	}
	if r := pen.get("/skp/bawahan?tahun=2026"); !strings.Contains(r.text(), "Periode 2026") || !strings.Contains(r.body, `href="`+mine+`"`) {
		t.Errorf("SKP Bawahan 2026: %s", r.text())
	}

	// Penilaian: the tabs stay in 2026.
	if r := pen.get("/penilaian?tahun=2026&ke=1"); !strings.Contains(r.text(), "Penilaian Triwulan I 2026") || !strings.Contains(r.body, `href="/penilaian?tahun=2026&amp;ke=2"`) {
		t.Errorf("Penilaian 2026: %s", r.body)
	}
	if r := pen.get("/penilaian"); !strings.Contains(r.text(), "2027") || strings.Contains(r.body, "tahun=2026") {
		t.Errorf("Penilaian default: %s", r.text())
	}

	// Kurva and pohon of the OPD, for its kepala.
	kep := a.clientAs(ppl.kepalaDisdik.NIP)
	if r := kep.get("/penilaian/opd?tahun=2026"); !strings.Contains(r.text(), "2026") || !picker.MatchString(r.body) {
		t.Errorf("kurva 2026: %s", r.text())
	}
	if r := kep.get("/pohon?tahun=2026"); !strings.Contains(r.text(), "Pohon kinerja Dinas Pendidikan 2026") || !strings.Contains(r.text(), "Tersusunnya dokumen muatan lokal") {
		t.Errorf("pohon 2026: %s", r.text())
	}
	if r := kep.get("/pohon"); !strings.Contains(r.text(), "Pohon kinerja Dinas Pendidikan 2027") || strings.Contains(r.text(), "Tersusunnya dokumen muatan lokal") {
		t.Errorf("pohon 2027: %s", r.text())
	}

	// Keberatan.
	if r := c.get("/keberatan?tahun=2026"); !strings.Contains(r.text(), "Keberatan 2026") || !picker.MatchString(r.body) {
		t.Errorf("keberatan 2026: %s", r.text())
	}

	// The admin's period pages switch to the same page of another year.
	admin := a.clientAs(ppl.admin.NIP)
	r = admin.get("/periode?tahun=2026&hal=peserta")
	if r.status != http.StatusSeeOther || !strings.HasSuffix(r.header.Get("Location"), "/peserta") {
		t.Fatalf("admin selector: %d %s", r.status, r.header.Get("Location"))
	}
	if p := admin.get(r.header.Get("Location")); !strings.Contains(p.body, `<input type="hidden" name="hal" value="peserta">`) || !strings.Contains(p.body, `<option value="2027">2027 (Perencanaan)</option>`) {
		t.Errorf("peserta page selector: %s", p.body)
	}
	if r := admin.get("/periode?tahun=1999"); r.status != http.StatusNotFound {
		t.Errorf("unknown year: %d", r.status)
	}
}
