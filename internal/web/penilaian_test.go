package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/org"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/store"
	"kinerja/web/view"
)

var ctx = context.Background()

func (a *app) pegawai(id int64) seed.Pegawai {
	a.t.Helper()
	for _, p := range a.ds.Pegawai {
		if p.ID == id {
			return p
		}
	}
	a.t.Fatalf("no pegawai %d", id)
	return seed.Pegawai{}
}

// ratingFormFor fills the penilai's rating form: every RHK and value at level, with
// Hasil Kerja and Perilaku Kerja as given.
func ratingFormFor(t *testing.T, body, level, hk, pk string) url.Values {
	t.Helper()
	f := url.Values{"version": {formVersionOf(t, body)}, "hasil_kerja": {hk}, "perilaku": {pk}}
	keys := map[string]bool{}
	for _, m := range regexp.MustCompile(`name="r_(rhk:\d+|nilai:\d)"`).FindAllStringSubmatch(body, -1) {
		keys[m[1]] = true
	}
	if len(keys) != 8 { // one RHK, seven values
		t.Fatalf("rating form has %d items", len(keys))
	}
	for k := range keys {
		f.Set("r_"+k, level)
		f.Set("u_"+k, "Umpan balik untuk "+k)
	}
	return f
}

// rateAll has the penilai rate the plan's Triwulan I at one level throughout.
func rateAll(t *testing.T, pen *client, mine, level string) {
	t.Helper()
	page := pen.get(mine + "/penilaian?ke=1")
	if r := pen.post(mine+"/penilaian?ke=1", ratingFormFor(t, page.body, level, level, level)); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, r.text())
	}
}

func TestRatingTetapkanAndKeberatan(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	rating := mine + "/penilaian?ke=1"

	// Before publication the pegawai sees nothing of the draft.
	if r := c.get(rating); r.status != http.StatusOK || !strings.Contains(r.text(), "belum ditetapkan") || strings.Contains(r.body, `name="r_`) {
		t.Fatalf("pegawai before rating: %d %s", r.status, r.text())
	}
	// The penilai's Beranda lists the ratings due at the current check-in (the test
	// clock is today: a date in the period's last triwulan).
	if home := pen.get("/").text(); !strings.Contains(home, "1 bawahan belum dinilai (penilaian Triwulan IV).") {
		t.Fatalf("Beranda without the rating task: %s", home)
	}
	page := pen.get(rating)
	// The long form opens with a jump list to its sections.
	jump := regexp.MustCompile(`(?s)<nav class="jump card" aria-label="Bagian penilaian">.*?</nav>`).FindString(page.body)
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(jump, -1)
	if len(links) != 4 {
		t.Fatalf("rating page jump list: %s", jump)
	}
	for _, l := range links {
		if !strings.Contains(page.body, `id="`+l[1]+`"`) {
			t.Errorf("jump list links to #%s, not on the page", l[1])
		}
	}
	if page.status != http.StatusOK || !strings.Contains(page.text(), "target 12 dokumen") && !strings.Contains(page.text(), "12 dokumen") {
		t.Fatalf("penilai page: %d %s", page.status, page.text())
	}
	if r := c.post(rating, ratingFormFor(t, page.body, "sesuai", "sesuai", "sesuai")); r.status != http.StatusForbidden {
		t.Fatalf("pegawai rating themself: %d", r.status)
	}

	// An override of the suggestion needs a reason; the input is kept.
	f := ratingFormFor(t, page.body, "sesuai", "diatas", "sesuai")
	r := pen.post(rating, f)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Hasil Kerja berbeda dari saran (Sesuai Ekspektasi): tuliskan alasannya.") ||
		!regexp.MustCompile(`name="hasil_kerja" value="diatas" checked`).MatchString(r.body) || !strings.Contains(r.body, "Umpan balik untuk nilai:3") {
		t.Fatalf("override without reason: %d %s", r.status, r.text())
	}
	// Feedback without a rating, and a level that does not exist.
	f = ratingFormFor(t, page.body, "sesuai", "", "")
	f.Set("r_nilai:2", "")
	f.Set("r_nilai:3", "luar biasa")
	if r := pen.post(rating, f); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Pilih penilaian untuk umpan balik ini.") ||
		!strings.Contains(r.text(), "Pilih salah satu dari tiga tingkat.") {
		t.Fatalf("bad items: %d %s", r.status, r.text())
	}
	// Perilaku Kerja needs all seven values.
	f = ratingFormFor(t, page.body, "sesuai", "sesuai", "sesuai")
	f.Del("r_nilai:7")
	f.Del("u_nilai:7")
	if r := pen.post(rating, f); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Nilai ketujuh nilai BerAKHLAK lebih dulu.") {
		t.Fatalf("partial perilaku: %d %s", r.status, r.text())
	}
	// With the reason it saves; the predikat follows the matrix.
	f = ratingFormFor(t, page.body, "sesuai", "diatas", "diatas")
	f.Set("alasan_hk", "Target dokumen terlampaui jauh di atas rencana.")
	if r := pen.post(rating, f); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, r.text())
	}
	if r := pen.post(rating, f); r.status != http.StatusConflict {
		t.Fatalf("stale save: %d", r.status)
	}
	page = pen.get(rating)
	if !strings.Contains(page.text(), "Predikat (dari matriks Hasil Kerja × Perilaku Kerja): Sangat Baik") {
		t.Fatalf("predikat: %s", page.text())
	}

	// The unit page: the kurva against the OPD's organisation predikat.
	pr, err := a.store.ActivePeriod(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ps := a.store.Period(pr.ID)
	if err := ps.SetPredikatOPD(ctx, store.Actor{Label: "test"}, ppl.disdikOPD, "Baik"); err != nil {
		t.Fatal(err)
	}
	unit := pen.get("/penilaian?ke=1")
	if unit.status != http.StatusOK || !strings.Contains(unit.text(), ppl.staff.Nama) || !strings.Contains(unit.text(), "Draf lengkap") ||
		!strings.Contains(unit.text(), "Predikat kinerja organisasi: Baik") || !strings.Contains(unit.body, "<svg") ||
		!strings.Contains(unit.text(), "belum ada pegawai dengan predikat Butuh Perbaikan atau Kurang/Misconduct") {
		t.Fatalf("unit page: %d %s", unit.status, unit.text())
	}
	if r := c.get("/penilaian"); r.status != http.StatusForbidden {
		t.Fatalf("staff on the unit page: %d", r.status)
	}
	// Tetapkan: a confirmation, then a justification for the breached bound.
	if r := pen.post("/penilaian/tetapkan?ke=1", url.Values{}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Centang pernyataan ini") {
		t.Fatalf("without confirmation: %d %s", r.status, r.text())
	}
	if r := pen.post("/penilaian/tetapkan?ke=1", url.Values{"konfirmasi": {"1"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.text(), "Tulis justifikasi karena kurva distribusi melanggar batas") {
		t.Fatalf("without justification: %d %s", r.status, r.text())
	}
	if r := pen.post("/penilaian/tetapkan?ke=1", url.Values{"konfirmasi": {"1"}, "justifikasi": {"Satu-satunya pegawai dengan SKP disetujui."}}); r.status != http.StatusSeeOther {
		t.Fatalf("tetapkan: %d %s", r.status, r.text())
	}
	// Locked and published.
	page = pen.get(rating)
	if strings.Contains(page.body, `type="radio"`) || !strings.Contains(page.text(), "Ditetapkan") {
		t.Fatalf("locked page: %s", page.text())
	}
	f.Set("version", formVersionOf(t, page.body))
	f.Set("r_nilai:1", "dibawah")
	if r := pen.post(rating, f); r.status != http.StatusConflict || !strings.Contains(r.text(), "sudah ditetapkan dan dikunci") ||
		strings.Contains(r.text(), "Penilaian Berorientasi Pelayanan: Di Bawah Ekspektasi") {
		t.Fatalf("save after tetapkan: %d %s", r.status, r.text())
	}
	if home := c.get("/").text(); !strings.Contains(home, "Penilaian Triwulan I Anda sudah ditetapkan: Sangat Baik.") {
		t.Fatalf("pegawai's Beranda after publication: %s", home)
	}
	if n := c.get("/pemberitahuan").text(); !strings.Contains(n, "Hasil penilaian kinerja periodik ke-1 sudah ditetapkan") {
		t.Fatalf("pegawai's notices after publication: %s", n)
	}
	mineNow := c.get(rating)
	if !strings.Contains(mineNow.text(), "Predikat: Sangat Baik") || !strings.Contains(mineNow.text(), "Ajukan Keberatan") ||
		!strings.Contains(mineNow.text(), "Target dokumen terlampaui") {
		t.Fatalf("published to the pegawai: %s", mineNow.text())
	}
	// The evaluation document, for one pegawai and as a ZIP for the unit.
	doc := c.get(mine + "/evaluasi.pdf?ke=1")
	if doc.status != http.StatusOK || doc.header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("evaluasi pdf: %d %s", doc.status, doc.header.Get("Content-Type"))
	}
	txt := strings.Join(strings.Fields(pdfText(t, []byte(doc.body))), " ")
	for _, want := range []string{"DOKUMEN EVALUASI KINERJA PEGAWAI", "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA", ppl.staff.Nama,
		"Predikat kinerja organisasi", "Baik: 0 (0%)", "Sangat Baik: 1 (100%)", "Jumlah dokumen muatan lokal", "Rating Hasil Kerja", "Di Atas Ekspektasi",
		"Kolaboratif", "Umpan balik untuk nilai:7", "Sangat Baik", "Pejabat Penilai Kinerja"} {
		if !strings.Contains(txt, want) {
			t.Errorf("evaluasi pdf lacks %q: %s", want, txt)
		}
	}
	// The unit's ZIP is built in the background with a progress page.
	if !strings.Contains(pen.get("/penilaian?ke=1").text(), "Unduh dokumen evaluasi unit (ZIP)") {
		t.Fatal("no ZIP button on the unit page")
	}
	start := pen.post("/penilaian/evaluasi.zip?ke=1", url.Values{})
	job := start.header.Get("Location")
	if start.status != http.StatusSeeOther || !strings.HasPrefix(job, "/penilaian/unduhan/") {
		t.Fatalf("start zip: %d %s", start.status, job)
	}
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(pen.get(job).text(), "dokumen evaluasi siap") {
		if time.Now().After(deadline) {
			t.Fatalf("zip never finished: %s", pen.get(job).text())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if r := c.get(job + "/zip"); r.status != http.StatusNotFound {
		t.Fatalf("someone else's ZIP: %d", r.status)
	}
	zr := pen.get(job + "/zip")
	zf, err := zip.NewReader(bytes.NewReader([]byte(zr.body)), int64(len(zr.body)))
	if zr.status != http.StatusOK || err != nil || len(zf.File) != 1 || !strings.HasSuffix(zf.File[0].Name, ppl.staff.NIP+".pdf") {
		t.Fatalf("evaluasi zip: %d %v", zr.status, err)
	}
	if m := zf.File[0].Modified; time.Since(m) > time.Hour || time.Since(m) < -time.Minute {
		t.Fatalf("ZIP entry dated %v, want about now", m)
	}
	if r := a.client(); true {
		r.login(ppl.dinkesStaff.NIP)
		if x := r.get(mine + "/evaluasi.pdf?ke=1"); x.status != http.StatusForbidden {
			t.Fatalf("another pegawai's document: %d", x.status)
		}
	}
	hist := c.get(mine + "/penilaian/riwayat")
	if hist.status != http.StatusOK || !strings.Contains(hist.text(), "Hasil Kerja") || !strings.Contains(hist.text(), "Di Atas Ekspektasi") ||
		!strings.Contains(hist.text(), "Ditetapkan") {
		t.Fatalf("history: %d %s", hist.status, hist.text())
	}

	// Keberatan: the pegawai files, the penilai cannot decide, the atasan penilai does.
	kb := mine + "/keberatan?ke=1"
	if r := c.post(kb, url.Values{"aksi": {"ajukan"}, "alasan": {"  "}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Tuliskan alasan keberatan.") {
		t.Fatalf("empty keberatan: %d %s", r.status, r.text())
	}
	if r := c.post(kb, url.Values{"aksi": {"ajukan"}, "alasan": {"Perilaku kerja saya dinilai tanpa bukti."}}); r.status != http.StatusSeeOther {
		t.Fatalf("ajukan: %d %s", r.status, r.text())
	}
	if home := c.get("/").text(); strings.Contains(home, "Anda sudah ditetapkan") {
		t.Fatalf("Beranda still asks for a keberatan already filed: %s", home)
	}
	// The penilai hears of it on the Beranda and finds it on their list, until they open it.
	staffName := org.NamaLengkap(ppl.staff.GelarDepan, ppl.staff.Nama, ppl.staff.GelarBelakang)
	filed := staffName + " mengajukan keberatan atas penilaian Triwulan I 2026 yang Anda tetapkan."
	if home := pen.get("/").text(); !strings.Contains(home, filed) {
		t.Fatalf("penilai's Beranda without the keberatan: %s", home)
	}
	if n := pen.get("/pemberitahuan").text(); !strings.Contains(n, staffName+" mengajukan keberatan atas hasil penilaian kinerja") ||
		!strings.Contains(n, "Alasan: Perilaku kerja saya dinilai tanpa bukti.") {
		t.Fatalf("penilai's notices after the filing: %s", n)
	}
	if r := pen.get("/keberatan"); !strings.Contains(r.text(), "Atas penilaian yang Anda tetapkan") {
		t.Fatalf("penilai's keberatan list: %s", r.text())
	}
	if r := pen.post(kb, url.Values{"aksi": {"putuskan"}, "putusan": {"tolak"}, "keputusan": {"x"}, "version": {"1"}}); r.status != http.StatusForbidden {
		t.Fatalf("penilai deciding: %d", r.status)
	}
	if r := pen.post(kb, url.Values{"aksi": {"komentar"}, "teks": {"Penilaian berdasarkan catatan kehadiran rapat."}}); r.status != http.StatusSeeOther {
		t.Fatalf("penilai comment: %d", r.status)
	}
	pen.get(kb)
	if home := pen.get("/").text(); strings.Contains(home, filed) || strings.Contains(home, "komentar baru") {
		t.Fatalf("the notice stays after the penilai opened the keberatan: %s", home)
	}
	// The pegawai hears of the penilai's comment, not of their own filing.
	if home := c.get("/").text(); !strings.Contains(home, "1 komentar baru pada keberatan Anda atas penilaian Triwulan I 2026.") || strings.Contains(home, "mengajukan keberatan") {
		t.Fatalf("pegawai's Beranda without the comment: %s", home)
	}
	if n := c.get("/pemberitahuan").text(); !strings.Contains(n, ppl.penilai.Nama) || !strings.Contains(n, "menanggapi keberatan") ||
		!strings.Contains(n, "Penilaian berdasarkan catatan kehadiran rapat.") || strings.Contains(n, staffName+" mengajukan keberatan") {
		t.Fatalf("pegawai's notices after the comment: %s", n)
	}
	c.get(kb)
	if home := c.get("/").text(); strings.Contains(home, "komentar baru") {
		t.Fatalf("the comment notice stays after reading: %s", home)
	}
	atasan := a.clientAs(a.pegawai(ppl.penilai.AtasanID).NIP)
	if n := atasan.get("/pemberitahuan").text(); !strings.Contains(n, staffName+" mengajukan keberatan") || !strings.Contains(n, "menanggapi keberatan") {
		t.Fatalf("atasan's notices: %s", n)
	}
	if home := atasan.get("/").text(); !strings.Contains(home, "1 keberatan menunggu keputusan Anda.") {
		t.Fatalf("atasan's Beranda: %s", home)
	}
	if r := atasan.get("/keberatan"); !strings.Contains(r.text(), ppl.staff.Nama) || !strings.Contains(r.text(), "Untuk Anda putuskan") {
		t.Fatalf("atasan list: %s", r.text())
	}
	// The decision form starts from the rating as it stands (Di Atas × Di Atas).
	if r := atasan.get(kb); !regexp.MustCompile(`name="hasil_kerja" value="diatas" checked`).MatchString(r.body) ||
		!regexp.MustCompile(`name="perilaku" value="diatas" checked`).MatchString(r.body) {
		t.Fatalf("the current rating is not preselected: %s", r.body)
	}
	if r := atasan.post(kb, url.Values{"aksi": {"putuskan"}, "putusan": {"ubah"}, "keputusan": {"Bukti kehadiran mendukung."}, "version": {"1"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.text(), "Bila kedua nilai tetap, pilih “Tolak keberatan”.") || !strings.Contains(r.text(), "Bukti kehadiran mendukung.") {
		t.Fatalf("a change that changes nothing: %d %s", r.status, r.text())
	}
	// Only what changes is named; the decision is shown before it is recorded.
	decide := url.Values{"aksi": {"putuskan"}, "putusan": {"ubah"}, "perilaku": {"sesuai"}, "keputusan": {"Perilaku dinilai ulang: Sesuai Ekspektasi."}, "version": {"1"}}
	confirm := atasan.post(kb, decide)
	if ct := confirm.text(); confirm.status != http.StatusOK || !strings.Contains(ct, "Periksa keputusan keberatan") || !strings.Contains(ct, "Hasil Kerja: tetap Di Atas Ekspektasi.") ||
		!strings.Contains(ct, "Perilaku Kerja: Di Atas Ekspektasi menjadi Sesuai Ekspektasi.") || !strings.Contains(ct, "Predikat: Sangat Baik menjadi Baik.") ||
		!strings.Contains(ct, "Keputusan bersifat final") {
		t.Fatalf("confirmation: %d %s", confirm.status, ct)
	}
	if r := c.get(kb); strings.Contains(r.text(), "nilai diubah") {
		t.Fatalf("the decision was recorded before confirmation: %s", r.text())
	}
	back := url.Values{"kembali": {"1"}, "konfirmasi": {"ya"}}
	for k, v := range decide {
		back[k] = v
	}
	if r := atasan.post(kb, back); r.status != http.StatusOK || !strings.Contains(r.body, "Perilaku dinilai ulang: Sesuai Ekspektasi.") ||
		!regexp.MustCompile(`name="perilaku" value="sesuai" checked`).MatchString(r.body) || strings.Contains(r.text(), "Keberatan diputuskan.") {
		t.Fatalf("back to the form: %d %s", r.status, r.text())
	}
	if strings.Contains(c.get(kb).text(), "nilai diubah") {
		t.Fatalf("going back recorded the decision")
	}
	decide.Set("konfirmasi", "ya")
	if r := atasan.post(kb, decide); r.status != http.StatusSeeOther {
		t.Fatalf("decide: %d %s", r.status, r.text())
	}
	// Both the pegawai and the penilai hear of the decision.
	if home := c.get("/").text(); !strings.Contains(home, "Keberatan Anda atas penilaian Triwulan I 2026 sudah diputuskan: diterima, nilai diubah.") {
		t.Fatalf("pegawai's Beranda without the decision: %s", home)
	}
	if home := pen.get("/").text(); !strings.Contains(home, "Keberatan "+staffName+" atas penilaian Triwulan I 2026 yang Anda tetapkan sudah diputuskan: diterima, nilai diubah.") {
		t.Fatalf("penilai's Beranda without the decision: %s", home)
	}
	for who, cl := range map[string]*client{"pegawai": c, "penilai": pen} {
		if n := cl.get("/pemberitahuan").text(); !strings.Contains(n, "Keberatan sudah diputuskan: hasil penilaian diubah") {
			t.Fatalf("%s's notices after the decision: %s", who, n)
		}
	}
	if n := atasan.get("/pemberitahuan").text(); strings.Contains(n, "sudah diputuskan") {
		t.Fatalf("the pemutus was told of their own decision: %s", n)
	}
	if r := c.get(kb); !strings.Contains(r.text(), "Keberatan diterima, nilai diubah") || !strings.Contains(r.text(), "Predikat: Baik") ||
		!strings.Contains(r.text(), "bersifat final") || !strings.Contains(r.text(), "catatan kehadiran rapat") {
		t.Fatalf("decision shown: %s", r.text())
	}
	if r := atasan.post(kb, url.Values{"aksi": {"putuskan"}, "putusan": {"tolak"}, "keputusan": {"Lagi."}, "version": {"2"}}); r.status != http.StatusConflict {
		t.Fatalf("second decision: %d", r.status)
	}
	if hist := c.get(mine + "/penilaian/riwayat").text(); !strings.Contains(hist, "Keputusan keberatan: Perilaku dinilai ulang") {
		t.Fatalf("history after decision: %s", hist)
	}
}

// TestKeberatanWindow: after the period's window the filing is refused with the day
// it closed.
func TestKeberatanWindow(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c, pen, mine := approvedSKP(t, a)
	rateAll(t, pen, mine, "sesuai")
	if r := pen.post("/penilaian/tetapkan?ke=1", url.Values{"konfirmasi": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("tetapkan: %d %s", r.status, r.text())
	}
	published := a.clock.now()
	a.clock.advance(15 * 24 * time.Hour)
	c.login(a.people().staff.NIP) // the session went idle meanwhile
	r := c.post(mine+"/keberatan?ke=1", url.Values{"aksi": {"ajukan"}, "alasan": {"Terlambat."}})
	closed := published.AddDate(0, 0, 14)
	want := "jendela 14 hari ditutup pada " + view.Tanggal(closed.UTC())
	if r.status != http.StatusConflict || !strings.Contains(r.text(), want) {
		t.Fatalf("late keberatan: %d %s", r.status, r.text())
	}
}

// TestKeberatanTanpaAtasanPenilai: when the penilai has no atasan in the period (the
// head of an OPD rated by the Sekretaris Daerah), the Admin BKD records the decision of
// the official who decides, named on the form; the atasan of the penilai outside the
// snapshot cannot decide.
func TestKeberatanTanpaAtasanPenilai(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	if _, err := a.db.Pool.Exec(ctx, `UPDATE periode_peserta SET penilai_id = NULL WHERE pegawai_id = $1`, ppl.penilai.ID); err != nil {
		t.Fatal(err)
	}
	rateAll(t, pen, mine, "sesuai")
	if r := pen.post("/penilaian/tetapkan?ke=1", url.Values{"konfirmasi": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("tetapkan: %d %s", r.status, r.text())
	}
	kb := mine + "/keberatan?ke=1"
	if r := c.get(kb); !strings.Contains(r.text(), "Admin BKD mencatat keputusannya") {
		t.Fatalf("filing form: %s", r.text())
	}
	if r := c.post(kb, url.Values{"aksi": {"ajukan"}, "alasan": {"Target saya tercapai penuh."}}); r.status != http.StatusSeeOther {
		t.Fatalf("ajukan: %d %s", r.status, r.text())
	}
	if r := c.get(kb); !strings.Contains(r.text(), "Admin BKD akan mencatat keputusan pejabat yang berwenang") {
		t.Fatalf("after filing: %s", r.text())
	}
	formerAtasan := a.clientAs(a.pegawai(ppl.penilai.AtasanID).NIP)
	if r := formerAtasan.post(kb, url.Values{"aksi": {"putuskan"}, "putusan": {"tolak"}, "keputusan": {"Tidak."}, "version": {"1"}}); r.status != http.StatusForbidden {
		t.Fatalf("atasan outside the snapshot deciding: %d", r.status)
	}
	if r := pen.post(kb, url.Values{"aksi": {"putuskan"}, "putusan": {"tolak"}, "keputusan": {"Tidak."}, "version": {"1"}}); r.status != http.StatusForbidden {
		t.Fatalf("penilai deciding: %d", r.status)
	}

	admin := a.clientAs(ppl.admin.NIP)
	if home := admin.get("/").text(); !strings.Contains(home, "1 keberatan menunggu keputusan Anda.") {
		t.Fatalf("admin's Beranda: %s", home)
	}
	if r := admin.get("/keberatan"); !strings.Contains(r.text(), ppl.staff.Nama) {
		t.Fatalf("admin's list: %s", r.text())
	}
	if r := admin.get(kb); !strings.Contains(r.body, `<label for="atas_nama">Pejabat yang memutuskan</label>`) {
		t.Fatalf("decision form lacks the official: %s", r.text())
	}
	r := admin.post(kb, url.Values{"aksi": {"putuskan"}, "putusan": {"ubah"}, "keputusan": {"  "}, "version": {"1"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Tuliskan pejabat yang memutuskan") || !strings.Contains(r.text(), "Tuliskan alasan keputusan.") ||
		!strings.Contains(r.text(), "pilih “Tolak keberatan”") {
		t.Fatalf("empty decision: %d %s", r.status, r.text())
	}
	if r := admin.post(kb, url.Values{"aksi": {"putuskan"}, "putusan": {"ubah"}, "hasil_kerja": {"diatas"}, "perilaku": {"sesuai"}, "atas_nama": {"Wali Kota Kotalama"},
		"keputusan": {"Capaian target terbukti penuh."}, "version": {"1"}}); r.status != http.StatusOK || !strings.Contains(r.text(), "Diputuskan oleh: Wali Kota Kotalama (dicatat oleh Admin BKD).") {
		t.Fatalf("confirmation: %d %s", r.status, r.text())
	}
	if r := admin.post(kb, url.Values{"aksi": {"putuskan"}, "putusan": {"ubah"}, "hasil_kerja": {"diatas"}, "perilaku": {"sesuai"}, "atas_nama": {"Wali Kota Kotalama"},
		"keputusan": {"Capaian target terbukti penuh."}, "version": {"1"}, "konfirmasi": {"ya"}}); r.status != http.StatusSeeOther {
		t.Fatalf("decide: %d %s", r.status, r.text())
	}
	if r := c.get(kb); !strings.Contains(r.text(), "Diputuskan oleh Wali Kota Kotalama; dicatat oleh Admin BKD.") || !strings.Contains(r.text(), "Predikat: Baik") {
		t.Fatalf("decision shown: %s", r.text())
	}
	entries, err := a.store.ListAudit(ctx, store.AuditFilter{Action: "keberatan.putuskan"})
	if err != nil || len(entries) != 1 || entries[0].ActorLabel != ppl.admin.NIP || !strings.Contains(fmt.Sprintf("%s", entries[0].After), "Wali Kota Kotalama") {
		t.Fatalf("audit: %+v %v", entries, err)
	}
}

// TestVerdictMatrix: who may open and post each verdict route, with tampered IDs.
func TestVerdictMatrix(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	_, pen, mine := approvedSKP(t, a)
	rateAll(t, pen, mine, "sesuai")
	const ok, deny, login, nf = http.StatusOK, http.StatusForbidden, http.StatusSeeOther, http.StatusNotFound
	atasan := a.pegawai(ppl.penilai.AtasanID)
	// anonymous, owner, penilai, atasan penilai, kepala OPD, admin, another pegawai
	nips := []string{"", ppl.staff.NIP, ppl.penilai.NIP, atasan.NIP, ppl.kepalaDisdik.NIP, ppl.admin.NIP, ppl.dinkesStaff.NIP}
	gets := []struct {
		path string
		want [7]int
	}{
		{mine + "/penilaian?ke=1", [7]int{login, ok, ok, ok, ok, ok, deny}},
		{mine + "/penilaian/riwayat", [7]int{login, ok, ok, ok, ok, ok, deny}},
		{mine + "/keberatan?ke=1", [7]int{login, http.StatusConflict, http.StatusConflict, http.StatusConflict, deny, http.StatusConflict, deny}},
		{"/skp/999999/penilaian", [7]int{login, nf, nf, nf, nf, nf, nf}},
		{"/penilaian?ke=1", [7]int{login, deny, ok, ok, ok, deny, deny}},
		{"/penilaian/opd?ke=1", [7]int{login, deny, deny, deny, ok, ok, deny}},
		// Another OPD's curve: the Admin BKD only, whatever the kepala types in the URL.
		{"/penilaian/opd?ke=1&opd=" + strconv.FormatInt(ppl.dinkesOPD, 10), [7]int{login, deny, deny, deny, deny, ok, deny}},
		{"/keberatan", [7]int{login, ok, ok, ok, ok, ok, ok}},
	}
	posts := []struct {
		path string
		form url.Values
		want [7]int
	}{
		// Only the penilai rates (the stale version answers 409, not a save).
		{mine + "/penilaian?ke=1", url.Values{"version": {"0"}}, [7]int{login, deny, http.StatusConflict, deny, deny, deny, deny}},
		{mine + "/keberatan?ke=1", url.Values{"aksi": {"putuskan"}}, [7]int{login, http.StatusConflict, http.StatusConflict, http.StatusConflict, deny, deny, deny}},
		{"/penilaian/tetapkan?ke=1", url.Values{}, [7]int{login, deny, http.StatusUnprocessableEntity, http.StatusUnprocessableEntity, http.StatusUnprocessableEntity, deny, deny}},
		// Nothing is published yet: no ZIP for anyone; only a penilai gets that far.
		{"/penilaian/evaluasi.zip?ke=1", url.Values{}, [7]int{login, deny, http.StatusConflict, http.StatusConflict, http.StatusConflict, deny, deny}},
	}
	for i, nip := range nips {
		c := a.client()
		if nip != "" {
			c.login(nip)
		}
		for _, rt := range gets {
			if r := c.get(rt.path); r.status != rt.want[i] {
				t.Errorf("role %d GET %s: %d, want %d", i, rt.path, r.status, rt.want[i])
			}
		}
		for _, rt := range posts {
			if r := c.post(rt.path, rt.form); r.status != rt.want[i] {
				t.Errorf("role %d POST %s: %d, want %d", i, rt.path, r.status, rt.want[i])
			}
		}
	}
	// Nothing the others posted changed the rating.
	pr, _ := a.store.ActivePeriod(ctx)
	got, err := a.store.Period(pr.ID).PenilaianOf(ctx, ppl.staff.ID, 1)
	if err != nil || got.Version != 1 || got.Ditetapkan() {
		t.Fatalf("rating after the matrix: %+v %v", got, err)
	}

	// Published, with a keberatan filed: only the pegawai files, and only the atasan
	// penilai decides; the others' decisions are refused before any validation.
	if r := pen.post("/penilaian/tetapkan?ke=1", url.Values{"konfirmasi": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("tetapkan: %d %s", r.status, r.text())
	}
	kb := mine + "/keberatan?ke=1"
	after := []struct {
		form url.Values
		want [7]int
	}{
		// Filing as anyone but the owner is refused; the owner's first filing succeeds.
		{url.Values{"aksi": {"ajukan"}, "alasan": {"Mohon ditinjau."}}, [7]int{login, login, deny, deny, deny, deny, deny}},
		// An empty decision: 422 for the atasan penilai, 403 for everyone else.
		{url.Values{"aksi": {"putuskan"}, "version": {"1"}}, [7]int{login, deny, deny, http.StatusUnprocessableEntity, deny, deny, deny}},
	}
	for _, rt := range after {
		for i, nip := range nips {
			c := a.client()
			if nip != "" {
				c.login(nip)
			}
			if r := c.post(kb, rt.form); r.status != rt.want[i] {
				t.Errorf("role %d POST %s %s: %d, want %d", i, kb, rt.form.Get("aksi"), r.status, rt.want[i])
			}
		}
	}
	k, err := a.store.Period(pr.ID).KeberatanOf(ctx, got.ID)
	if err != nil || k.Status != "diajukan" {
		t.Fatalf("keberatan after the matrix: %+v %v", k, err)
	}
	// Closing the period warns about the open keberatan.
	ps := a.store.Period(pr.ID)
	cur, _ := ps.Get(ctx)
	if err := ps.Move(ctx, store.Actor{Label: "test"}, cur.Version, "penilaian"); err != nil {
		t.Fatal(err)
	}
	admin := a.clientAs(ppl.admin.NIP)
	if r := admin.get("/periode/" + strconv.FormatInt(pr.ID, 10) + "/fase"); !strings.Contains(r.text(), "1 peserta dengan keberatan yang belum diputuskan (setelah periode ditutup tidak dapat diputuskan lagi): "+ppl.staff.Nama) {
		t.Fatalf("closing confirmation: %s", r.text())
	}
}

// TestRatingTahunanShowsTheYear checks that the year's rating tab shows the realisasi
// of every check-in beside each indicator, and a check-in's tab only its own.
func TestRatingTahunanShowsTheYear(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c, pen, mine := approvedSKP(t, a)
	iki := regexp.MustCompile(`name="nilai_(\d+)"`).FindStringSubmatch(c.get(mine + "/realisasi?ke=1").body)[1]
	for _, x := range []struct{ ke, nilai, teks string }{{"1", "3", "draf awal"}, {"3", "9,5", "hampir selesai"}} {
		r := c.post(mine+"/realisasi?ke="+x.ke, url.Values{"v_" + iki: {"0"}, "nilai_" + iki: {x.nilai}, "teks_" + iki: {x.teks}})
		if r.status != http.StatusSeeOther {
			t.Fatalf("realisasi ke=%s: %d %s", x.ke, r.status, r.text())
		}
	}
	year := pen.get(mine + "/penilaian?ke=0")
	for _, want := range []string{"Realisasi setiap periode pelaporan; bukti dukung dan umpan balik Triwulan IV",
		"Triwulan I: 3 dokumen (draf awal)", "Triwulan II: –", "Triwulan III: 9,5 dokumen (hampir selesai)", "Triwulan IV: –", "Akhir tahun: 9,5 dokumen (hampir selesai)", "79,2%"} {
		if year.status != http.StatusOK || !strings.Contains(year.text(), want) {
			t.Fatalf("year tab without %q: %d %s", want, year.status, year.text())
		}
	}
	q3 := pen.get(mine + "/penilaian?ke=3").text()
	if !strings.Contains(q3, "Realisasi, bukti dukung dan umpan balik Triwulan III") || !strings.Contains(q3, "9,5 dokumen (hampir selesai)") ||
		!strings.Contains(q3, "79,2%") || strings.Contains(q3, "draf awal") {
		t.Fatalf("Triwulan III tab: %s", q3)
	}

	// The annual Dokumen Evaluasi holds the year's realisasi: every check-in's, the
	// year's (the latest recorded) and its capaian against the numeric target.
	pr, err := a.store.ActivePeriod(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ppl := a.people()
	other := a.clientAs(ppl.dinkesStaff.NIP)
	if home := c.get("/").text(); strings.Contains(home, "Penilaian diri tahunan") {
		t.Fatalf("the annual self-assessment is asked before the Penilaian phase: %s", home)
	}
	if err := a.store.Period(pr.ID).Move(ctx, store.Actor{Label: "test"}, pr.Version, periode.Penilaian); err != nil {
		t.Fatal(err)
	}
	// In the Penilaian phase the Beranda asks for the annual self-assessment, and
	// tells a participant without an approved plan that they cannot be rated.
	if home := c.get("/").text(); !strings.Contains(home, "Penilaian diri tahunan belum diisi.") {
		t.Fatalf("no self-assessment task: %s", home)
	}
	if home := other.get("/").text(); !strings.Contains(home, "Anda belum memiliki SKP 2026 yang disetujui, sehingga belum dapat dinilai.") {
		t.Fatalf("a participant without a plan: %s", home)
	}
	page := pen.get(mine + "/penilaian?ke=0")
	if r := pen.post(mine+"/penilaian?ke=0", ratingFormFor(t, page.body, "sesuai", "sesuai", "sesuai")); r.status != http.StatusSeeOther {
		t.Fatalf("annual rating: %d %s", r.status, r.text())
	}
	// Closing warns with numbers and names: of 400 participants only this one has an
	// approved plan, realisasi and an annual rating, which is not yet published.
	closing := a.clientAs(ppl.admin.NIP).get("/periode/" + strconv.FormatInt(pr.ID, 10) + "/fase").text()
	staff := org.NamaLengkap(ppl.staff.GelarDepan, ppl.staff.Nama, ppl.staff.GelarBelakang)
	for _, want := range []string{"399 peserta belum memiliki SKP yang disetujui: ", "399 peserta belum mengisi realisasi sama sekali: ",
		"399 peserta belum dinilai (penilaian tahunan): ", " dan 379 lainnya.", "1 penilaian tahunan sudah diisi tetapi belum ditetapkan: " + staff + "."} {
		if !strings.Contains(closing, want) {
			t.Errorf("closing confirmation lacks %q: %s", want, closing)
		}
	}
	if r := pen.post("/penilaian/tetapkan?ke=0", url.Values{"konfirmasi": {"1"}, "justifikasi": {"Satu-satunya pegawai dengan SKP disetujui."}}); r.status != http.StatusSeeOther {
		t.Fatalf("tetapkan tahunan: %d %s", r.status, r.text())
	}
	doc := c.get(mine + "/evaluasi.pdf?ke=0")
	if doc.status != http.StatusOK {
		t.Fatalf("annual evaluasi pdf: %d %s", doc.status, doc.text())
	}
	txt := strings.Join(strings.Fields(pdfText(t, []byte(doc.body))), " ")
	for _, want := range []string{"Capaian", "Triwulan I: 3 dokumen (draf awal)", "Triwulan II: –", "Triwulan III: 9,5 dokumen (hampir selesai)",
		"Akhir tahun: 9,5 dokumen (hampir selesai)", "79,2%", "12 dokumen"} {
		if !strings.Contains(txt, want) {
			t.Errorf("annual evaluasi pdf lacks %q: %s", want, txt)
		}
	}
}
