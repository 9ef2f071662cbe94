package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kinerja/internal/store"
)

// TestMutasiThroughTheWeb follows a pegawai who moves to another penilai on 15 May:
// the Admin BKD records it, the pegawai gets a new plan cascaded from the new
// penilai's, the earlier penilai still rates Triwulan I–II on the earlier plan, and the
// new penilai gives the annual rating with the earlier plan, its ratings and evidence
// beside it; the documents show both plans with their dates.
func TestMutasiThroughTheWeb(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	atasan := a.pegawai(ppl.penilai.AtasanID)
	baru := a.clientAs(atasan.NIP)
	admin := a.clientAs(ppl.admin.NIP)
	stranger := a.clientAs(ppl.dinkesStaff.NIP)

	// Triwulan I on the earlier plan: realisasi, a piece of evidence, a rating.
	real := c.get(mine + "/realisasi?ke=1")
	iki := regexp.MustCompile(`name="nilai_(\d+)"`).FindStringSubmatch(real.body)[1]
	if r := c.post(mine+"/realisasi?ke=1", url.Values{"v_" + iki: {"0"}, "nilai_" + iki: {"5"}}); r.status != http.StatusSeeOther {
		t.Fatalf("realisasi: %d %s", r.status, r.text())
	}
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	if r := c.uploadBukti(mine+"/bukti?ke=1", map[string]string{"iki": iki, "judul": "Laporan muatan lokal Januari"}, "laporan.pdf", pdf); r.status != http.StatusSeeOther {
		t.Fatalf("bukti: %d %s", r.status, r.text())
	}
	rateAll(t, pen, mine, "sesuai")

	// The Admin BKD records the mutasi on the participant's page.
	per, err := a.store.ActivePeriod(ctx)
	if err != nil {
		t.Fatal(err)
	}
	detail := "/periode/" + itoa(per.ID) + "/peserta/" + itoa(ppl.staff.ID)
	page := admin.get(detail)
	if !strings.Contains(page.text(), "Riwayat penugasan") || !strings.Contains(page.text(), "1 Januari 2026 – 31 Desember 2026") {
		t.Fatalf("peserta page before mutasi: %s", page.text())
	}
	form := url.Values{"version": {formVersionOf(t, regexp.MustCompile(`(?s)<form[^>]*/mutasi".*?</form>`).FindString(page.body))},
		"tmt": {"2027-01-15"}, "nip_penilai": {atasan.NIP}, "alasan": {"SK Kepala Dinas 800/15/2026"}}
	bad := admin.post(detail+"/mutasi", form)
	if targets := checkSummary(t, bad); len(targets) != 1 || targets[0] != "mutasi_tmt" || !strings.Contains(bad.text(), "TMT harus di dalam periode") ||
		!strings.Contains(bad.body, `value="SK Kepala Dinas 800/15/2026"`) || !strings.Contains(bad.body, `value="2027-01-15"`) {
		t.Fatalf("TMT outside the period: %v %s", targets, bad.text())
	}
	form.Set("tmt", "2026-05-15")
	if r := stranger.post(detail+"/mutasi", form); r.status != http.StatusForbidden {
		t.Fatalf("a pegawai recording a mutasi: %d", r.status)
	}
	// Tampered ids in the URL.
	for _, path := range []string{"/periode/" + itoa(per.ID) + "/peserta/999999/mutasi", "/periode/999999/peserta/" + itoa(ppl.staff.ID) + "/mutasi",
		"/periode/" + itoa(per.ID) + "/peserta/abc/mutasi"} {
		if r := admin.post(path, form); r.status != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 404", path, r.status)
		}
	}
	if r := admin.post(detail+"/mutasi", form); r.status != http.StatusSeeOther {
		t.Fatalf("mutasi: %d %s", r.status, r.text())
	}
	page = admin.get(detail)
	for _, want := range []string{"Mutasi dicatat.", "1 Januari 2026 – 14 Mei 2026", "Berakhir karena mutasi: SK Kepala Dinas 800/15/2026",
		"15 Mei 2026 – 31 Desember 2026", "Triwulan I dan Triwulan II", "Triwulan III, Triwulan IV dan tahunan", atasan.Nama} {
		if !strings.Contains(page.text(), want) {
			t.Errorf("peserta page after mutasi lacks %q: %s", want, page.text())
		}
	}
	// Recording it again on the page read before is refused.
	if r := admin.post(detail+"/mutasi", form); r.status != http.StatusConflict {
		t.Errorf("second mutasi on a stale page: %d", r.status)
	}

	// SKP Saya is the new plan, a draft; the earlier one is history.
	plan := c.get("/skp").header.Get("Location")
	loc := c.get(plan)
	if plan == "" || plan == mine || !strings.Contains(loc.text(), "Masa penugasan SKP ini: 15 Mei 2026 – 31 Desember 2026") || !strings.Contains(loc.body, plan+"/rhk/baru") {
		t.Fatalf("SKP Saya after mutasi: %s %s", plan, loc.text())
	}
	old := c.get(mine)
	if !strings.Contains(old.text(), "Penugasan ini berakhir karena mutasi") || strings.Contains(old.body, "/perubahan") || !strings.Contains(old.body, `href="`+plan+`"`) {
		t.Fatalf("earlier plan page: %s", old.text())
	}

	// The new penilai drafts a plan; the pegawai's new plan cascades from it.
	baruSKP := baru.post("/skp/buat", nil).header.Get("Location")
	f := baru.get(baruSKP + "/rhk/baru")
	baru.post(baruSKP+"/rhk/baru", url.Values{"version": {formVersionOf(t, f.body)}, "jenis": {"utama"}, "uraian": {"Terlaksananya supervisi sekolah dasar"}})
	f = c.get(plan + "/rhk/baru")
	if !strings.Contains(f.text(), "Terlaksananya supervisi sekolah dasar") || strings.Contains(f.text(), "Tersusunnya kurikulum SD yang mutakhir") {
		t.Fatalf("the new plan cascades from the earlier penilai: %s", f.text())
	}
	key := regexp.MustCompile(`<option value="(\d+)"[^>]*>1\. `).FindStringSubmatch(f.body)[1]
	c.post(plan+"/rhk/baru", url.Values{"version": {formVersionOf(t, f.body)}, "jenis": {"utama"}, "uraian": {"Tersupervisinya sekolah binaan"}, "atasan": {key}})
	add := regexp.MustCompile(`href="(/skp/\d+/rhk/\d+/iki/baru)"`).FindStringSubmatch(c.get(plan).body)[1]
	f = c.get(add)
	c.post(add, url.Values{"version": {formVersionOf(t, f.body)}, "indikator": {"Jumlah sekolah yang disupervisi"}, "aspek": {"kuantitas"}, "target": {"8"}, "satuan": {"sekolah"}})
	if r := c.post(plan+"/ajukan", url.Values{"version": {formVersionOf(t, c.get(plan).body)}}); r.status != http.StatusSeeOther {
		t.Fatalf("ajukan new plan: %d %s", r.status, r.text())
	}
	if r := pen.get(plan); r.status != http.StatusForbidden {
		t.Fatalf("the earlier penilai reading the new plan: %d", r.status)
	}
	if r := pen.post(plan+"/keputusan", url.Values{"version": {formVersionOf(t, baru.get(plan).body)}, "keputusan": {"setujui"}}); r.status != http.StatusForbidden {
		t.Fatalf("the earlier penilai deciding the new plan: %d", r.status)
	}
	if r := baru.post(plan+"/keputusan", url.Values{"version": {formVersionOf(t, baru.get(plan).body)}, "keputusan": {"setujui"}}); r.status != http.StatusSeeOther {
		t.Fatalf("the new penilai approving: %d %s", r.status, r.text())
	}

	// Who rates which check-in.
	if r := pen.get("/penilaian?ke=2"); !strings.Contains(r.body, `href="`+mine+`/penilaian?ke=2"`) {
		t.Fatalf("the earlier penilai's Triwulan II list: %s", r.text())
	}
	if r := pen.get("/penilaian?ke=3"); strings.Contains(r.text(), ppl.staff.Nama) {
		t.Fatalf("the earlier penilai still lists the pegawai at Triwulan III: %s", r.text())
	}
	if r := baru.get("/penilaian?ke=3"); !strings.Contains(r.body, `href="`+plan+`/penilaian?ke=3"`) {
		t.Fatalf("the new penilai's Triwulan III list: %s", r.text())
	}
	p2 := pen.get(mine + "/penilaian?ke=2")
	if r := pen.post(mine+"/penilaian?ke=2", ratingFormFor(t, p2.body, "diatas", "diatas", "sesuai")); r.status != http.StatusSeeOther {
		t.Fatalf("the earlier penilai rating Triwulan II: %d %s", r.status, r.text())
	}
	if r := pen.post(mine+"/penilaian?ke=3", ratingFormFor(t, p2.body, "sesuai", "sesuai", "sesuai")); r.status != http.StatusConflict ||
		!strings.Contains(r.text(), "tidak termasuk masa penugasan") {
		t.Fatalf("rating Triwulan III on the earlier plan: %d %s", r.status, r.text())
	}
	for _, ke := range []string{"1", "2"} {
		if r := pen.post("/penilaian/tetapkan?ke="+ke, url.Values{"konfirmasi": {"1"}, "justifikasi": {"Satu-satunya pegawai dengan SKP disetujui."}}); r.status != http.StatusSeeOther {
			t.Fatalf("the earlier penilai publishing check-in %s: %d %s", ke, r.status, r.text())
		}
	}
	// The earlier plan's pages offer its own check-ins only; a later one shows its last.
	tabs := pen.get(mine + "/penilaian?ke=4")
	if !strings.Contains(tabs.body, `href="`+mine+`/penilaian?ke=2" aria-current="page"`) || strings.Contains(tabs.body, mine+"/penilaian?ke=3") ||
		strings.Contains(tabs.body, mine+"/penilaian?ke=0") {
		t.Fatalf("check-in tabs of the earlier plan: %s", tabs.text())
	}

	// The annual rating: the new penilai, with the earlier plan beside it.
	ps := a.store.Period(per.ID)
	cur, _ := ps.Get(ctx)
	if err := ps.Move(ctx, store.Actor{Label: "test"}, cur.Version, "penilaian"); err != nil {
		t.Fatal(err)
	}
	year := baru.get(plan + "/penilaian?ke=0")
	for _, want := range []string{"Penugasan sebelumnya: 1 Januari 2026 – 14 Mei 2026", "Jumlah dokumen muatan lokal", "Laporan muatan lokal Januari",
		"5 dokumen", ppl.penilai.Nama, "Jumlah sekolah yang disupervisi"} {
		if !strings.Contains(year.text(), want) {
			t.Errorf("annual rating page lacks %q: %s", want, year.text())
		}
	}
	bukti := regexp.MustCompile(`href="(/bukti/\d+)"`).FindStringSubmatch(year.body)
	if bukti == nil {
		t.Fatal("no link to the earlier plan's evidence")
	}
	if r := baru.get(bukti[1]); r.status != http.StatusOK {
		t.Errorf("the new penilai opening the earlier evidence: %d", r.status)
	}
	if r := baru.get(mine); r.status != http.StatusOK {
		t.Errorf("the new penilai reading the earlier plan: %d", r.status)
	}
	if r := stranger.get(bukti[1]); r.status != http.StatusForbidden {
		t.Errorf("a stranger opening the evidence: %d", r.status)
	}
	if r := pen.post(mine+"/penilaian?ke=0", ratingFormFor(t, p2.body, "sesuai", "sesuai", "sesuai")); r.status != http.StatusForbidden && r.status != http.StatusConflict {
		t.Errorf("the earlier penilai giving the annual rating: %d", r.status)
	}
	if r := baru.post(plan+"/penilaian?ke=0", ratingFormFor(t, year.body, "sesuai", "sesuai", "sesuai")); r.status != http.StatusSeeOther {
		t.Fatalf("annual rating: %d %s", r.status, r.text())
	}
	if r := baru.post("/penilaian/tetapkan?ke=0", url.Values{"konfirmasi": {"1"}, "justifikasi": {"Satu-satunya pegawai dengan SKP disetujui."}}); r.status != http.StatusSeeOther {
		t.Fatalf("tetapkan: %d %s", r.status, r.text())
	}

	// The documents show both plans with their dates.
	doc := c.get(plan + "/evaluasi.pdf?ke=0")
	if doc.status != http.StatusOK {
		t.Fatalf("evaluasi pdf: %d %s", doc.status, doc.text())
	}
	txt := strings.Join(strings.Fields(pdfText(t, []byte(doc.body))), " ")
	for _, want := range []string{"Masa penugasan: 15 Mei 2026 – 31 Desember 2026", "PENUGASAN SEBELUMNYA DALAM PERIODE INI (MUTASI)", "Triwulan II Di Atas Ekspektasi Sesuai Ekspektasi Baik Ditetapkan " + ppl.penilai.Nama,
		"1 Januari 2026 – 14 Mei 2026", "Jumlah dokumen muatan lokal", "Jumlah sekolah yang disupervisi", ppl.penilai.Nama, atasan.Nama} {
		if !strings.Contains(txt, want) {
			t.Errorf("evaluasi pdf lacks %q: %s", want, txt)
		}
	}
	skpDoc := c.get(mine + "/pdf")
	txt = strings.Join(strings.Fields(pdfText(t, []byte(skpDoc.body))), " ")
	for _, want := range []string{"Masa penugasan: 1 Januari 2026 – 14 Mei 2026", "SKP dalam periode ini (mutasi): 1 Januari 2026 – 14 Mei 2026 (dokumen ini); 15 Mei 2026 – 31 Desember 2026",
		ppl.penilai.Nama} {
		if !strings.Contains(txt, want) {
			t.Errorf("SKP pdf of the earlier plan lacks %q: %s", want, txt)
		}
	}
}
