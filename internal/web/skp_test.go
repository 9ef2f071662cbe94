package web_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"kinerja/internal/org"
)

// openPeriod creates and opens the 2026 period through the admin pages.
func openPeriod(t *testing.T, a *app) string {
	t.Helper()
	return openYear(t, a, 2026)
}

// openYear creates and opens the period of a calendar year through the admin pages.
func openYear(t *testing.T, a *app, tahun int) string {
	t.Helper()
	admin := a.clientAs(a.people().admin.NIP)
	y := strconv.Itoa(tahun)
	r := admin.post("/periode/baru", url.Values{"tahun": {y}, "mulai": {y + "-01-01"}, "selesai": {y + "-12-31"}, "jadwal": {"triwulan"},
		"keberatan_hari": {"14"}, "ambang_anonim": {"3"}, "kalibrasi": {"penilai"}, "version": {"0"}})
	p := r.header.Get("Location")
	if r := admin.post(p+"/fase", url.Values{"version": {"1"}, "ke": {"perencanaan"}}); r.status != http.StatusSeeOther {
		t.Fatalf("open period %d: %d %s", tahun, r.status, r.text())
	}
	return p
}

var versionRe = regexp.MustCompile(`name="version" value="(\d+)"`)

func formVersionOf(t *testing.T, body string) string {
	t.Helper()
	m := versionRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no version in the form")
	}
	return m[1]
}

func TestSKPPathThroughTheWeb(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	if r := a.client(); true {
		r.login(ppl.staff.NIP)
		if p := r.get("/skp"); !strings.Contains(p.text(), "Belum ada periode penilaian yang dibuka") {
			t.Fatalf("before a period: %s", p.text())
		}
	}
	openPeriod(t, a)

	// The penilai writes an RHK first, so the staff member can support it.
	pen := a.clientAs(ppl.penilai.NIP)
	r := pen.post("/skp/buat", nil)
	if r.status != http.StatusSeeOther {
		t.Fatalf("penilai creates: %d %s", r.status, r.text())
	}
	penSKP := r.header.Get("Location")
	form := pen.get(penSKP + "/rhk/baru")
	r = pen.post(penSKP+"/rhk/baru", url.Values{"version": {formVersionOf(t, form.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya kurikulum SD yang mutakhir"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("penilai RHK: %d %s", r.status, r.text())
	}

	c := a.clientAs(ppl.staff.NIP)
	if p := c.get("/skp"); !strings.Contains(p.text(), "Anda belum membuat SKP untuk periode ini.") {
		t.Fatalf("empty SKP Saya: %s", p.text())
	}
	r = c.post("/skp/buat", nil)
	mine := r.header.Get("Location")
	if p := c.get("/skp"); p.status != http.StatusSeeOther || p.header.Get("Location") != mine {
		t.Fatalf("SKP Saya now goes to the plan: %d %q", p.status, p.header.Get("Location"))
	}
	page := c.get(mine)
	for _, want := range []string{"SKP 2026", "Draf", "Pegawai yang dinilai", ppl.staff.Nama, "Pejabat penilai kinerja", ppl.penilai.Nama,
		"Berorientasi Pelayanan", "Kolaboratif", "Belum ada RHK Utama."} {
		if !strings.Contains(page.text(), want) {
			t.Errorf("plan page lacks %q", want)
		}
	}
	if strings.Contains(page.text(), "Draft") {
		t.Errorf("plan page spells the status the English way (KBBI: draf)")
	}

	t.Run("bad RHK input is explained and kept", func(t *testing.T) {
		form := c.get(mine + "/rhk/baru")
		if !strings.Contains(form.text(), "1. Tersusunnya kurikulum SD yang mutakhir") {
			t.Fatalf("the penilai's RHK are not offered: %s", form.text())
		}
		r := c.post(mine+"/rhk/baru", url.Values{"version": {formVersionOf(t, form.body)}, "jenis": {"utama"}, "uraian": {"abc"}, "atasan": {"999999"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="uraian-error">Uraian RHK terlalu pendek.`) ||
			!strings.Contains(r.body, `id="atasan-error">`) || !strings.Contains(r.body, ">abc</textarea>") {
			t.Fatalf("bad RHK: %d %s", r.status, r.text())
		}
	})

	form = c.get(mine + "/rhk/baru")
	kunci := regexp.MustCompile(`<option value="(\d+)"[^>]*>1\. Tersusunnya kurikulum`).FindStringSubmatch(form.body)
	if kunci == nil {
		t.Fatal("no atasan RHK option")
	}
	r = c.post(mine+"/rhk/baru", url.Values{"version": {formVersionOf(t, form.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya dokumen kurikulum muatan lokal"}, "atasan": {kunci[1]}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("RHK: %d %s", r.status, r.text())
	}
	page = c.get(mine)
	addIKI := regexp.MustCompile(`href="(/skp/\d+/rhk/\d+/iki/baru)"`).FindStringSubmatch(page.body)
	if addIKI == nil {
		t.Fatal("no add-IKI link")
	}

	t.Run("submitting an incomplete plan lists what is missing", func(t *testing.T) {
		r := c.post(mine+"/ajukan", url.Values{"version": {formVersionOf(t, page.body)}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "SKP belum lengkap:") || !strings.Contains(r.text(), "belum memiliki indikator") {
			t.Fatalf("incomplete submit: %d %s", r.status, r.text())
		}
	})

	t.Run("two editors: the second gets a conflict and keeps the input", func(t *testing.T) {
		f1 := c.get(addIKI[1])
		f2 := c.get(addIKI[1])
		ok := c.post(addIKI[1], url.Values{"version": {formVersionOf(t, f1.body)}, "indikator": {"Jumlah dokumen kurikulum"}, "aspek": {"kuantitas"}, "target": {"12"}, "satuan": {"dokumen"}})
		if ok.status != http.StatusSeeOther {
			t.Fatalf("first: %d %s", ok.status, ok.text())
		}
		late := c.post(addIKI[1], url.Values{"version": {formVersionOf(t, f2.body)}, "indikator": {"Persentase sekolah yang menerapkan"}, "aspek": {"kualitas"}, "target": {"80"}, "satuan": {"persen"}})
		if late.status != http.StatusConflict || !strings.Contains(late.text(), "sudah diubah orang lain") || !strings.Contains(late.body, "Persentase sekolah yang menerapkan") {
			t.Fatalf("second: %d %s", late.status, late.text())
		}
	})
	t.Run("targets must be positive numbers with a unit", func(t *testing.T) {
		f := c.get(addIKI[1])
		r := c.post(addIKI[1], url.Values{"version": {formVersionOf(t, f.body)}, "indikator": {"Waktu penyelesaian"}, "aspek": {"waktu"}, "target": {"-2"}, "satuan": {""}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Target harus lebih besar dari 0.") || !strings.Contains(r.text(), "Satuan wajib diisi") {
			t.Fatalf("bad target: %d %s", r.status, r.text())
		}
	})

	page = c.get(mine)
	if r := c.post(mine+"/ajukan", url.Values{"version": {formVersionOf(t, page.body)}}); r.status != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", r.status, r.text())
	}

	// The penilai returns it with a note, then approves the resubmission.
	queue := pen.get("/skp/bawahan")
	if !strings.Contains(queue.text(), ppl.staff.Nama) || !strings.Contains(queue.text(), "Diajukan") {
		t.Fatalf("queue: %s", queue.text())
	}
	review := pen.get(mine)
	if !strings.Contains(review.text(), "Keputusan penilai") {
		t.Fatalf("review page: %s", review.text())
	}
	if r := pen.post(mine+"/keputusan", url.Values{"version": {formVersionOf(t, review.body)}, "keputusan": {"kembalikan"}, "catatan": {""}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.body, `id="catatan-error">Tuliskan catatan`) {
		t.Fatalf("return without a note: %d %s", r.status, r.text())
	}
	if r := pen.post(mine+"/keputusan", url.Values{"version": {formVersionOf(t, review.body)}, "keputusan": {"kembalikan"}, "catatan": {"Tambahkan indikator kualitas"}}); r.status != http.StatusSeeOther {
		t.Fatalf("return: %d %s", r.status, r.text())
	}
	page = c.get(mine)
	if !strings.Contains(page.text(), "Dikembalikan") || !strings.Contains(page.text(), "Tambahkan indikator kualitas") {
		t.Fatalf("returned plan: %s", page.text())
	}
	// The note is at the top of the plan, before the RHK, not only in the history.
	if top, rhk := strings.Index(page.text(), "Tambahkan indikator kualitas Perbaiki SKP sesuai catatan ini"), strings.Index(page.text(), "Hasil kerja"); top < 0 || top > rhk {
		t.Fatalf("the return note is not above the plan: %s", page.text())
	}
	f := c.get(addIKI[1])
	if r := c.post(addIKI[1], url.Values{"version": {formVersionOf(t, f.body)}, "indikator": {"Persentase sekolah yang menerapkan"}, "aspek": {"kualitas"}, "target": {"80"}, "satuan": {"persen"}}); r.status != http.StatusSeeOther {
		t.Fatalf("fix: %d", r.status)
	}
	page = c.get(mine)
	c.post(mine+"/ajukan", url.Values{"version": {formVersionOf(t, page.body)}})
	review = pen.get(mine)
	if r := pen.post(mine+"/keputusan", url.Values{"version": {formVersionOf(t, review.body)}, "keputusan": {"setujui"}}); r.status != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", r.status, r.text())
	}
	page = c.get(mine)
	txt := page.text()
	for _, want := range []string{"Disetujui", "Buat draf versi 2", "Diajukan (versi 1)", "Dikembalikan (versi 1)", "Disetujui (versi 1)", "12 dokumen", "80 persen"} {
		if !strings.Contains(txt, want) {
			t.Errorf("approved plan lacks %q", want)
		}
	}
	if strings.Contains(page.body, "/rhk/baru") {
		t.Error("an approved plan still offers edits")
	}
	if r := c.get(addIKI[1]); r.status != http.StatusOK {
		t.Logf("form of an approved plan: %d", r.status)
	}
	if r := c.post(addIKI[1], url.Values{"version": {formVersionOf(t, page.body)}, "indikator": {"Sesudah disetujui"}, "aspek": {"waktu"}, "target": {"1"}, "satuan": {"hari"}}); r.status != http.StatusConflict {
		t.Fatalf("edit after approval: %d", r.status)
	}

	t.Run("perubahan SKP opens version 2 and keeps version 1", func(t *testing.T) {
		// The form says what it does and asks why.
		if !strings.Contains(page.text(), "Perubahan SKP membuat draf versi 2 dari versi ini") || !strings.Contains(page.text(), "Buat draf versi 2") {
			t.Fatalf("perubahan form: %s", page.text())
		}
		if got := checkSummary(t, c.post(mine+"/perubahan", url.Values{"version": {formVersionOf(t, page.body)}, "alasan_perubahan": {" "}})); len(got) != 1 || got[0] != "alasan-perubahan" {
			t.Fatalf("revise without a reason: %v", got)
		}
		r := c.post(mine+"/perubahan", url.Values{"version": {formVersionOf(t, page.body)}, "alasan_perubahan": {"Penugasan tambahan dari kepala dinas."}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") == mine {
			t.Fatalf("revise: %d %q", r.status, r.header.Get("Location"))
		}
		v2path := r.header.Get("Location")
		v2 := c.get(v2path)
		if !strings.Contains(v2.text(), "versi 2") || !strings.Contains(v2.text(), "Draf") || !strings.Contains(v2.text(), "12 dokumen") ||
			!strings.Contains(v2.text(), "Draf SKP versi 2 dibuat dari versi 1 yang disetujui.") || !strings.Contains(v2.text(), "Alasan: Penugasan tambahan dari kepala dinas.") ||
			!strings.Contains(v2.text(), "Belum ada yang berubah: isinya sama dengan versi 1.") {
			t.Fatalf("version 2: %s", v2.text())
		}
		// A change shows against the approved version, to the penilai too.
		edit := regexp.MustCompile(`href="(/skp/\d+/rhk/\d+/ubah)"`).FindStringSubmatch(v2.body)[1]
		f := c.get(edit)
		if r := c.post(edit, url.Values{"version": {formVersionOf(t, f.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya dokumen muatan lokal yang diperbarui"},
			"atasan": {regexp.MustCompile(`<option value="(\d+)" selected`).FindStringSubmatch(f.body)[1]}}); r.status != http.StatusSeeOther {
			t.Fatalf("edit v2: %d %s", r.status, r.text())
		}
		if d := pen.get(v2path).text(); !strings.Contains(d, "Perubahan terhadap versi 1 yang disetujui") || !strings.Contains(d, "RHK 1 diubah") ||
			!strings.Contains(d, "Tersusunnya dokumen muatan lokal yang diperbarui") {
			t.Fatalf("the penilai's view of the change: %s", d)
		}
		if old := c.get(mine); !strings.Contains(old.text(), "versi lama") {
			t.Fatalf("version 1: %s", old.text())
		}
	})
}

func TestSKPAuthorization(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	openPeriod(t, a)
	c := a.clientAs(ppl.staff.NIP)
	mine := c.post("/skp/buat", nil).header.Get("Location")
	form := c.get(mine + "/rhk/baru")
	c.post(mine+"/rhk/baru", url.Values{"version": {formVersionOf(t, form.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya dokumen kurikulum"}})

	other := a.clientAs(ppl.dinkesStaff.NIP)
	for _, path := range []string{mine, mine + "/rhk/baru", mine + "/lampiran", mine + "/ekspektasi"} {
		if r := other.get(path); r.status != http.StatusForbidden {
			t.Errorf("another pegawai GET %s: %d", path, r.status)
		}
	}
	for _, path := range []string{mine + "/rhk/baru", mine + "/ajukan", mine + "/keputusan", mine + "/lampiran", mine + "/perubahan"} {
		if r := other.post(path, url.Values{"version": {"2"}, "keputusan": {"setujui"}, "uraian": {"Disusupkan orang lain"}, "jenis": {"utama"}}); r.status != http.StatusForbidden {
			t.Errorf("another pegawai POST %s: %d", path, r.status)
		}
	}
	// The penilai may look and decide but not edit the plan; the owner may not decide.
	pen := a.clientAs(ppl.penilai.NIP)
	if r := pen.get(mine); r.status != http.StatusOK {
		t.Errorf("penilai view: %d", r.status)
	}
	if r := pen.post(mine+"/rhk/baru", url.Values{"version": {"2"}, "jenis": {"utama"}, "uraian": {"Ditulis oleh penilai"}}); r.status != http.StatusForbidden {
		t.Errorf("penilai edits: %d", r.status)
	}
	if r := c.post(mine+"/keputusan", url.Values{"version": {"2"}, "keputusan": {"setujui"}}); r.status != http.StatusForbidden {
		t.Errorf("owner decides: %d", r.status)
	}
	if r := c.get(mine + "/ekspektasi"); r.status != http.StatusForbidden {
		t.Errorf("owner writes expectations: %d", r.status)
	}
	// The kepala of the OPD and the admin may read.
	for _, who := range []string{ppl.kepalaDisdik.NIP, ppl.admin.NIP} {
		x := a.clientAs(who)
		if r := x.get(mine); r.status != http.StatusOK {
			t.Errorf("%s view: %d", who, r.status)
		}
		if r := x.post(mine+"/ajukan", url.Values{"version": {"2"}}); r.status != http.StatusForbidden {
			t.Errorf("%s submits: %d", who, r.status)
		}
	}
	if r := other.get("/skp/999999"); r.status != http.StatusNotFound {
		t.Errorf("unknown SKP: %d", r.status)
	}
	_ = fmt.Sprint()
}

func TestSKPPrintsAsPDF(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	openPeriod(t, a)
	c := a.clientAs(ppl.staff.NIP)
	mine := c.post("/skp/buat", nil).header.Get("Location")
	form := c.get(mine + "/rhk/baru")
	c.post(mine+"/rhk/baru", url.Values{"version": {formVersionOf(t, form.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya dokumen kurikulum muatan lokal"}})
	page := c.get(mine)
	add := regexp.MustCompile(`href="(/skp/\d+/rhk/\d+/iki/baru)"`).FindStringSubmatch(page.body)[1]
	f := c.get(add)
	c.post(add, url.Values{"version": {formVersionOf(t, f.body)}, "indikator": {"Jumlah dokumen kurikulum"}, "aspek": {"kuantitas"}, "target": {"12"}, "satuan": {"dokumen"}})

	cetak := c.get(mine + "/cetak")
	for _, want := range []string{"SASARAN KINERJA PEGAWAI", "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA", "Tersusunnya dokumen kurikulum muatan lokal", "12 dokumen", "Berorientasi Pelayanan"} {
		if !strings.Contains(cetak.text(), want) {
			t.Errorf("print page lacks %q", want)
		}
	}
	for _, who := range []*client{c, func() *client { x := a.client(); x.login(ppl.penilai.NIP); return x }()} {
		r := who.get(mine + "/pdf")
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(r.body, "%PDF") {
			t.Fatalf("pdf: %d %s", r.status, r.header.Get("Content-Type"))
		}
		txt := pdfText(t, []byte(r.body))
		for _, want := range []string{"SASARAN KINERJA PEGAWAI", ppl.staff.Nama, ppl.penilai.Nama, "Tersusunnya dokumen kurikulum muatan lokal",
			"Jumlah dokumen kurikulum", "Pejabat Penilai Kinerja", "Pemerintah Kota Kotalama", "Kotalama,"} {
			if !strings.Contains(txt, want) {
				t.Errorf("PDF text lacks %q:\n%s", want, txt)
			}
		}
	}
	other := a.clientAs(ppl.dinkesStaff.NIP)
	if r := other.get(mine + "/pdf"); r.status != http.StatusForbidden {
		t.Fatalf("another pegawai's PDF: %d", r.status)
	}
}

func TestPohonKinerja(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	openPeriod(t, a)
	pen := a.clientAs(ppl.penilai.NIP)
	penSKP := pen.post("/skp/buat", nil).header.Get("Location")
	f := pen.get(penSKP + "/rhk/baru")
	pen.post(penSKP+"/rhk/baru", url.Values{"version": {formVersionOf(t, f.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya kurikulum SD yang mutakhir"}})
	f = pen.get(penSKP + "/rhk/baru")
	pen.post(penSKP+"/rhk/baru", url.Values{"version": {formVersionOf(t, f.body)}, "jenis": {"utama"}, "uraian": {"Terlaksananya supervisi kurikulum"}})

	c := a.clientAs(ppl.staff.NIP)
	mine := c.post("/skp/buat", nil).header.Get("Location")
	f = c.get(mine + "/rhk/baru")
	key := regexp.MustCompile(`<option value="(\d+)"[^>]*>1\. Tersusunnya kurikulum`).FindStringSubmatch(f.body)[1]
	c.post(mine+"/rhk/baru", url.Values{"version": {formVersionOf(t, f.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya dokumen muatan lokal"}, "atasan": {key}})

	k := a.clientAs(ppl.kepalaDisdik.NIP)
	r := k.get("/pohon")
	txt := r.text()
	for _, want := range []string{"Pohon kinerja Dinas Pendidikan 2026", "Tersusunnya kurikulum SD yang mutakhir (1 RHK bawahan)",
		"Terlaksananya supervisi kurikulum (belum didukung RHK bawahan)", "Tersusunnya dokumen muatan lokal — mendukung: Tersusunnya kurikulum SD yang mutakhir",
		"SKP belum dibuat", ppl.kepalaDisdik.Nama} {
		if !strings.Contains(txt, want) {
			t.Errorf("pohon lacks %q", want)
		}
	}
	if !strings.Contains(r.body, "<svg") {
		t.Error("no chart")
	}
	if r := k.get(fmt.Sprintf("/pohon?opd=%d", ppl.dinkesOPD)); r.status != http.StatusForbidden {
		t.Errorf("kepala Disdik on Dinkes: %d", r.status)
	}
	if r := c.get("/pohon"); r.status != http.StatusForbidden {
		t.Errorf("pegawai on pohon: %d", r.status)
	}
	admin := a.clientAs(ppl.admin.NIP)
	if r := admin.get(fmt.Sprintf("/pohon?opd=%d", ppl.dinkesOPD)); r.status != http.StatusOK || !strings.Contains(r.text(), "Dinas Kesehatan") {
		t.Errorf("admin on Dinkes: %d", r.status)
	}
}

func TestSKPCopiedFromThePreviousPeriod(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	p2026 := openPeriod(t, a)
	c := a.clientAs(ppl.staff.NIP)
	if r := c.post("/skp/salin", nil); r.status != http.StatusConflict || !strings.Contains(r.text(), "Tidak ada SKP periode sebelumnya untuk disalin.") {
		t.Fatalf("nothing to copy: %d %s", r.status, r.text())
	}
	mine := c.post("/skp/buat", nil).header.Get("Location")
	form := c.get(mine + "/rhk/baru")
	c.post(mine+"/rhk/baru", url.Values{"version": {formVersionOf(t, form.body)}, "jenis": {"utama"}, "uraian": {"Terkelolanya arsip dinamis unit"}})

	admin := a.clientAs(ppl.admin.NIP)
	for i, to := range []string{"pelaksanaan", "penilaian", "selesai"} {
		if r := admin.post(p2026+"/fase", url.Values{"version": {fmt.Sprint(2 + i)}, "ke": {to}}); r.status != http.StatusSeeOther {
			t.Fatalf("move to %s: %d", to, r.status)
		}
	}
	r := admin.post("/periode/baru", url.Values{"tahun": {"2027"}, "mulai": {"2027-01-01"}, "selesai": {"2027-12-31"}, "jadwal": {"triwulan"},
		"keberatan_hari": {"14"}, "ambang_anonim": {"3"}, "version": {"0"}})
	admin.post(r.header.Get("Location")+"/fase", url.Values{"version": {"1"}, "ke": {"perencanaan"}})

	if p := c.get("/skp"); !strings.Contains(p.text(), "SKP 2027") && !strings.Contains(p.text(), "Anda belum membuat SKP") {
		t.Fatalf("SKP Saya in 2027: %s", p.text())
	}
	r = c.post("/skp/salin", nil)
	if r.status != http.StatusSeeOther {
		t.Fatalf("copy: %d %s", r.status, r.text())
	}
	page := c.get(r.header.Get("Location"))
	if !strings.Contains(page.text(), "SKP 2027") || !strings.Contains(page.text(), "Terkelolanya arsip dinamis unit") || !strings.Contains(page.text(), "Disalin dari SKP periode 2026.") {
		t.Fatalf("copied plan: %s", page.text())
	}
}

func TestBerandaListsSKPTasks(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.staff.NIP)
	if r := c.get("/"); !strings.Contains(r.text(), "Tidak ada tugas yang menunggu.") {
		t.Fatalf("before a period: %s", r.text())
	}
	admin := a.clientAs(ppl.admin.NIP)
	r := admin.post("/periode/baru", url.Values{"tahun": {"2026"}, "mulai": {"2026-01-01"}, "selesai": {"2026-12-31"}, "jadwal": {"triwulan"},
		"keberatan_hari": {"14"}, "ambang_anonim": {"3"}, "tenggat_perencanaan": {"2026-01-31"}, "version": {"0"}})
	admin.post(r.header.Get("Location")+"/fase", url.Values{"version": {"1"}, "ke": {"perencanaan"}})

	if r := c.get("/"); !strings.Contains(r.text(), "SKP 2026 belum dibuat.") || !strings.Contains(r.text(), "terlambat · tenggat 31 Januari 2026") {
		t.Fatalf("pegawai tasks: %s", r.text())
	}
	pen := a.clientAs(ppl.penilai.NIP)
	var n int
	if err := a.db.Pool.QueryRow(ctx, `SELECT count(*) FROM periode_peserta WHERE penilai_id = $1 AND aktif`, ppl.penilai.ID).Scan(&n); err != nil || n < 2 {
		t.Fatalf("subordinates of the penilai: %d %v", n, err)
	}
	// Without an RHK of their own, the penilai is told that subordinates wait for it.
	if r := pen.get("/").text(); !strings.Contains(r, fmt.Sprintf("%d bawahan menunggu RHK Anda untuk menyusun SKP mereka.", n)) ||
		!strings.Contains(r, fmt.Sprintf("%d bawahan belum membuat SKP 2026.", n)) {
		t.Fatalf("penilai without RHK: %s", r)
	}
	penSKP := pen.post("/skp/buat", nil).header.Get("Location")
	f := pen.get(penSKP + "/rhk/baru")
	pen.post(penSKP+"/rhk/baru", url.Values{"version": {formVersionOf(t, f.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya kurikulum SD yang mutakhir"}})
	mine := c.post("/skp/buat", nil).header.Get("Location")
	if r := pen.get("/").text(); strings.Contains(r, "menunggu RHK Anda") || !strings.Contains(r, fmt.Sprintf("%d bawahan belum membuat SKP 2026.", n-1)) {
		t.Fatalf("penilai with an RHK, one subordinate started: %s", r)
	}
	if r := c.get("/").text(); !strings.Contains(r, "SKP 2026 masih draf.") {
		t.Fatalf("a draft plan: %s", r)
	}
	f = c.get(mine + "/rhk/baru")
	key := regexp.MustCompile(`<option value="(\d+)"[^>]*>1\. `).FindStringSubmatch(f.body)[1]
	c.post(mine+"/rhk/baru", url.Values{"version": {formVersionOf(t, f.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya dokumen muatan lokal"}, "atasan": {key}})
	page := c.get(mine)
	add := regexp.MustCompile(`href="(/skp/\d+/rhk/\d+/iki/baru)"`).FindStringSubmatch(page.body)[1]
	f = c.get(add)
	c.post(add, url.Values{"version": {formVersionOf(t, f.body)}, "indikator": {"Jumlah dokumen"}, "aspek": {"kuantitas"}, "target": {"3"}, "satuan": {"dokumen"}})
	page = c.get(mine)
	c.post(mine+"/ajukan", url.Values{"version": {formVersionOf(t, page.body)}})
	if r := pen.get("/"); !strings.Contains(r.text(), "1 SKP bawahan menunggu persetujuan Anda.") {
		t.Fatalf("penilai tasks: %s", r.text())
	}
	if r := c.get("/"); strings.Contains(r.text(), "SKP 2026 belum dibuat.") || strings.Contains(r.text(), "masih draft") {
		t.Fatalf("a submitted plan still shows as a task: %s", r.text())
	}
}

// Both identity blocks of the SKP name their atasan in the period: the pegawai's is
// the penilai, the penilai's the atasan penilai (issue 14: both said "Tidak ada").
func TestSKPIdentityBlocksNameTheAtasan(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, _, mine := approvedSKP(t, a)
	page := c.get(mine)
	blocks := regexp.MustCompile(`(?s)<dl class="identitas">.*?</dl>`).FindAllString(page.body, -1)
	if len(blocks) < 2 { // the pegawai, the penilai (then the plan's own lists)
		t.Fatalf("identity blocks: %d", len(blocks))
	}
	pen, err := a.store.GetPegawai(t.Context(), ppl.penilai.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(blocks[0], pen.NamaLengkap()) || strings.Contains(blocks[0], "Tidak ada") {
		t.Errorf("the pegawai's block lacks the penilai %s: %s", pen.NamaLengkap(), blocks[0])
	}
	if pen.AtasanID == 0 {
		t.Fatal("demo penilai without an atasan")
	}
	atasan, err := a.store.GetPegawai(t.Context(), pen.AtasanID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(blocks[1], atasan.NamaLengkap()) {
		t.Errorf("the penilai's block lacks their atasan %s: %s", atasan.NamaLengkap(), blocks[1])
	}
}

// TestRHKLinkIsKept: an RHK that a subordinate's approved plan supports cannot be
// deleted (the refusal names the plan), both sides mark a link to a plan still in
// draft, and the database refuses a link to nothing.
func TestRHKLinkIsKept(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a) // the penilai's own plan stays a draft
	staff := org.NamaLengkap(ppl.staff.GelarDepan, ppl.staff.Nama, ppl.staff.GelarBelakang)

	if r := c.get(mine); !strings.Contains(r.text(), "Mendukung RHK atasan: Tersusunnya kurikulum SD yang mutakhir RHK atasan masih draf") {
		t.Fatalf("the subordinate's side does not mark the draft: %s", r.text())
	}
	penSKP := pen.get("/skp").header.Get("Location")
	page := pen.get(penSKP)
	if !strings.Contains(page.text(), "Didukung RHK bawahan: "+staff+" (SKP disetujui) SKP ini belum disetujui") {
		t.Fatalf("the penilai's side does not name the support: %s", page.text())
	}
	del := regexp.MustCompile(`href="(/skp/\d+/rhk/\d+/hapus)"`).FindStringSubmatch(page.body)[1]
	if r := pen.get(del); r.status != http.StatusConflict || !strings.Contains(r.text(), "didukung oleh RHK bawahan: "+staff+" (SKP disetujui)") {
		t.Fatalf("delete confirmation: %d %s", r.status, r.text())
	}
	if r := pen.post(del, url.Values{"version": {formVersionOf(t, page.body)}}); r.status != http.StatusConflict || !strings.Contains(r.text(), staff) {
		t.Fatalf("delete: %d %s", r.status, r.text())
	}
	if r := c.get(mine); !strings.Contains(r.text(), "Mendukung RHK atasan: Tersusunnya kurikulum SD") {
		t.Fatalf("the subordinate lost the link: %s", r.text())
	}
	edit := strings.Replace(del, "/hapus", "/ubah", 1)
	if r := pen.get(edit); !strings.Contains(r.text(), "RHK ini didukung RHK bawahan: "+staff+" (SKP disetujui).") {
		t.Fatalf("the edit form does not name who reads the change: %s", r.text())
	}

	// The database: the last row of a supported key cannot go, and a link must name
	// an existing RHK; both are checked at commit.
	var kunci, penID int64
	if err := a.db.Pool.QueryRow(ctx, `SELECT r.kunci, r.skp_id FROM skp_rhk r JOIN skp s ON s.id = r.skp_id WHERE s.pegawai_id = $1`, ppl.penilai.ID).Scan(&kunci, &penID); err != nil {
		t.Fatal(err)
	}
	for name, sql := range map[string]string{
		"delete the supported RHK": `DELETE FROM skp_rhk WHERE kunci = $1`,
		"link to nothing":          `INSERT INTO skp_rhk (skp_id, periode_id, jenis, uraian, atasan_kunci) SELECT id, periode_id, 'utama', 'Uji tautan kosong', $1 + 1000000 FROM skp WHERE id = $2`,
	} {
		tx, err := a.db.Pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		args := []any{kunci}
		if strings.Contains(sql, "$2") {
			args = append(args, penID)
		}
		if _, err := tx.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var pgErr *pgconn.PgError
		if err := tx.Commit(ctx); !errors.As(err, &pgErr) || pgErr.Code != "23503" || pgErr.ConstraintName != "skp_rhk_atasan_kunci" {
			t.Errorf("%s: commit = %v, want the link guard", name, err)
		}
	}
}
