package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kinerja/internal/periode"
	"kinerja/internal/store"
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

// The Riwayat Kinerja lists every period with its SKP, published predikat,
// documents and keberatan, for the pegawai, their penilai, their kepala OPD and the
// Admin BKD, and for nobody else.
func TestRiwayatKinerja(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	ctx := context.Background()
	c, pen, mine := approvedSKP(t, a)
	pr, err := a.store.ActivePeriod(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.store.Period(pr.ID).Move(ctx, store.Actor{Label: "test"}, pr.Version, periode.Penilaian); err != nil {
		t.Fatal(err)
	}
	page := pen.get(mine + "/penilaian?ke=0")
	if r := pen.post(mine+"/penilaian?ke=0", ratingFormFor(t, page.body, "sesuai", "sesuai", "sesuai")); r.status != http.StatusSeeOther {
		t.Fatalf("annual rating: %d %s", r.status, r.text())
	}
	if r := pen.post("/penilaian/tetapkan?ke=0", url.Values{"konfirmasi": {"1"}, "justifikasi": {"Satu-satunya pegawai dengan SKP disetujui."}}); r.status != http.StatusSeeOther {
		t.Fatalf("tetapkan: %d %s", r.status, r.text())
	}
	if r := c.post(mine+"/keberatan?ke=0", url.Values{"aksi": {"ajukan"}, "alasan": {"Realisasi melampaui target."}}); r.status != http.StatusSeeOther {
		t.Fatalf("keberatan: %d %s", r.status, r.text())
	}
	openYear(t, a, 2027)

	r := c.get("/riwayat")
	own := "/pegawai/" + strconv.FormatInt(ppl.staff.ID, 10) + "/kinerja"
	if r.status != http.StatusSeeOther || r.header.Get("Location") != own {
		t.Fatalf("/riwayat: %d %s", r.status, r.header.Get("Location"))
	}
	for _, who := range []struct {
		name string
		c    *client
	}{{"pegawai", c}, {"penilai", pen}, {"kepala OPD", a.clientAs(ppl.kepalaDisdik.NIP)}, {"Admin BKD", a.clientAs(ppl.admin.NIP)}} {
		r := who.c.get(own)
		txt := r.text()
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d", who.name, r.status)
		}
		for _, want := range []string{"Periode 2027 Perencanaan", "Periode 2026 Penilaian", "Predikat kinerja tahunan Baik",
			"Hasil kerja sesuai ekspektasi, perilaku kerja sesuai ekspektasi", "Tahunan: Keberatan diajukan", "Disetujui", "Belum dibuat"} {
			if !strings.Contains(txt, want) {
				t.Errorf("%s: riwayat lacks %q: %s", who.name, want, txt)
			}
		}
		for _, href := range []string{mine + "/evaluasi.pdf?ke=0", mine + "/pdf", mine + "/keberatan?ke=0", mine + "/penilaian?ke=0"} {
			if !strings.Contains(r.body, `href="`+href+`"`) {
				t.Errorf("%s: no link to %s", who.name, href)
			}
		}
		if strings.Index(txt, "Periode 2027") > strings.Index(txt, "Periode 2026") {
			t.Errorf("%s: not newest first", who.name)
		}
	}
	// The link reaches the document.
	if doc := c.get(mine + "/evaluasi.pdf?ke=0"); doc.status != http.StatusOK {
		t.Errorf("annual document from the riwayat: %d", doc.status)
	}
	// Someone of another OPD, and a tampered id, see nothing.
	if r := a.clientAs(ppl.dinkesStaff.NIP).get(own); r.status != http.StatusForbidden || strings.Contains(r.text(), "Baik") {
		t.Errorf("another OPD's pegawai: %d", r.status)
	}
	if r := c.get("/pegawai/999999999/kinerja"); r.status != http.StatusNotFound {
		t.Errorf("unknown pegawai: %d", r.status)
	}
	// The profile lists the periods the pegawai takes part in and links the riwayat.
	prof := a.clientAs(ppl.admin.NIP).get("/pegawai/" + strconv.FormatInt(ppl.staff.ID, 10))
	if txt := prof.text(); !strings.Contains(txt, "Periode penilaian") || !strings.Contains(txt, "2027 Perencanaan") || !strings.Contains(txt, "2026 Penilaian") ||
		!strings.Contains(prof.body, `href="`+own+`"`) {
		t.Errorf("profile periods: %s", txt)
	}
}

// Once 2027 opens, a penilai still owing 2026's annual ratings is told so on the
// Beranda, with a link into 2026, and can publish them there.
func TestBerandaEarlierYearInPenilaian(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ctx := context.Background()
	_, pen, mine := approvedSKP(t, a)
	pr, err := a.store.ActivePeriod(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.store.Period(pr.ID).Move(ctx, store.Actor{Label: "test"}, pr.Version, periode.Penilaian); err != nil {
		t.Fatal(err)
	}
	openYear(t, a, 2027)
	home := pen.get("/")
	if !strings.Contains(home.text(), "1 bawahan belum dinilai (penilaian tahunan 2026).") || !strings.Contains(home.body, `href="/penilaian?tahun=2026&amp;ke=0"`) {
		t.Fatalf("no 2026 task: %s", home.text())
	}
	page := pen.get(mine + "/penilaian?ke=0")
	if r := pen.post(mine+"/penilaian?ke=0", ratingFormFor(t, page.body, "sesuai", "sesuai", "sesuai")); r.status != http.StatusSeeOther {
		t.Fatalf("annual rating: %d %s", r.status, r.text())
	}
	if home := pen.get("/").text(); !strings.Contains(home, "1 penilaian tahunan 2026 menunggu ditetapkan.") {
		t.Fatalf("no publish task: %s", home)
	}
	if r := pen.get("/penilaian?tahun=2026&ke=0"); !strings.Contains(r.text(), "Penilaian Tahunan 2026") || !strings.Contains(r.body, `action="/penilaian/tetapkan?tahun=2026&amp;ke=0"`) {
		t.Fatalf("2026 penilaian page: %s", r.text())
	}
	if r := pen.post("/penilaian/tetapkan?tahun=2026&ke=0", url.Values{"konfirmasi": {"1"}, "justifikasi": {"Satu pegawai."}}); r.status != http.StatusSeeOther || !strings.Contains(r.header.Get("Location"), "tahun=2026") {
		t.Fatalf("tetapkan 2026: %d %s", r.status, r.header.Get("Location"))
	}
	if home := pen.get("/").text(); strings.Contains(home, "tahunan 2026") {
		t.Errorf("2026 task after publishing: %s", home)
	}
}
