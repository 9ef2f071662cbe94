package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kinerja/internal/org"
)

// approvedSKP makes the staff member's approved SKP (one RHK, one IKI) in a period
// moved to pelaksanaan, and returns the staff client, the penilai client and the plan's URL.
func approvedSKP(t *testing.T, a *app) (*client, *client, string) {
	t.Helper()
	ppl := a.people()
	p := openPeriod(t, a)
	pen := penilaiWithRHK(t, a)
	c := a.clientAs(ppl.staff.NIP)
	mine := submittedSKP(t, c)
	review := pen.get(mine)
	if r := pen.post(mine+"/keputusan", url.Values{"version": {formVersionOf(t, review.body)}, "keputusan": {"setujui"}}); r.status != http.StatusSeeOther {
		t.Fatalf("approve: %d", r.status)
	}
	if r := c.get(mine + "/realisasi"); r.status != http.StatusConflict || !strings.Contains(r.text(), "mulai fase Pelaksanaan") {
		t.Fatalf("realisasi before pelaksanaan: %d", r.status)
	}
	admin := a.clientAs(ppl.admin.NIP)
	if r := admin.post(p+"/fase", url.Values{"version": {"2"}, "ke": {"pelaksanaan"}}); r.status != http.StatusSeeOther {
		t.Fatalf("pelaksanaan: %d %s", r.status, r.text())
	}
	return c, pen, mine
}

// penilaiWithRHK has the penilai draft a plan with one RHK, for subordinates to
// cascade from, and returns the penilai's client.
func penilaiWithRHK(t *testing.T, a *app) *client {
	t.Helper()
	pen := a.clientAs(a.people().penilai.NIP)
	penSKP := pen.post("/skp/buat", nil).header.Get("Location")
	f := pen.get(penSKP + "/rhk/baru")
	pen.post(penSKP+"/rhk/baru", url.Values{"version": {formVersionOf(t, f.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya kurikulum SD yang mutakhir"}})
	return pen
}

// submittedSKP has the signed-in pegawai make and submit a plan of one RHK, which
// supports their penilai's first RHK, and one IKI; it returns the plan's URL.
func submittedSKP(t *testing.T, c *client) string {
	t.Helper()
	mine := c.post("/skp/buat", nil).header.Get("Location")
	f := c.get(mine + "/rhk/baru")
	key := regexp.MustCompile(`<option value="(\d+)"[^>]*>1\. `).FindStringSubmatch(f.body)[1]
	c.post(mine+"/rhk/baru", url.Values{"version": {formVersionOf(t, f.body)}, "jenis": {"utama"}, "uraian": {"Tersusunnya dokumen muatan lokal"}, "atasan": {key}})
	page := c.get(mine)
	add := regexp.MustCompile(`href="(/skp/\d+/rhk/\d+/iki/baru)"`).FindStringSubmatch(page.body)[1]
	f = c.get(add)
	c.post(add, url.Values{"version": {formVersionOf(t, f.body)}, "indikator": {"Jumlah dokumen muatan lokal"}, "aspek": {"kuantitas"}, "target": {"12"}, "satuan": {"dokumen"}})
	page = c.get(mine)
	if r := c.post(mine+"/ajukan", url.Values{"version": {formVersionOf(t, page.body)}}); r.status != http.StatusSeeOther {
		t.Fatalf("ajukan: %d %s", r.status, r.text())
	}
	return mine
}

func (c *client) uploadBukti(path string, fields map[string]string, name string, data []byte) resp {
	c.a.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf_token", c.csrf())
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("berkas", name)
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.a.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func TestRealisasiAndBukti(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)

	page := c.get(mine + "/realisasi?ke=1")
	if page.status != http.StatusOK || !strings.Contains(page.text(), "Realisasi SKP 2026: Triwulan I") || !strings.Contains(page.text(), "Triwulan IV") ||
		!strings.Contains(page.text(), "target 12 dokumen") {
		t.Fatalf("page: %d %s", page.status, page.text())
	}
	iki := regexp.MustCompile(`name="nilai_(\d+)"`).FindStringSubmatch(page.body)[1]
	bad := c.post(mine+"/realisasi?ke=1", url.Values{"v_" + iki: {"0"}, "nilai_" + iki: {"dua belas"}, "teks_" + iki: {"catatan saya"}})
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.text(), "Realisasi harus angka") || !strings.Contains(bad.body, `value="dua belas"`) ||
		!strings.Contains(bad.body, `value="catatan saya"`) {
		t.Fatalf("bad realisasi: %d %s", bad.status, bad.text())
	}
	if r := c.post(mine+"/realisasi?ke=1", url.Values{"v_" + iki: {"0"}, "nilai_" + iki: {"3,5"}, "teks_" + iki: {"tiga dokumen dan draf"}}); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, r.text())
	}
	page = c.get(mine + "/realisasi?ke=1")
	if !strings.Contains(page.body, `value="3,5"`) || !strings.Contains(page.text(), "Realisasi Triwulan I disimpan.") || !strings.Contains(page.text(), "Dalam satuan target: dokumen.") {
		t.Fatalf("saved realisasi: %s", page.text())
	}
	if r := pen.get(mine + "/realisasi?ke=1"); !strings.Contains(r.text(), "Realisasi: 3,5 dokumen (tiga dokumen dan draf)") {
		t.Fatalf("the penilai reads the realisasi with its unit: %s", r.text())
	}
	if r := c.post(mine+"/realisasi?ke=1", url.Values{"v_" + iki: {"0"}, "nilai_" + iki: {"4"}}); r.status != http.StatusConflict || !strings.Contains(r.text(), "sudah diubah orang lain") {
		t.Fatalf("stale save: %d %s", r.status, r.text())
	}

	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	fields := map[string]string{"iki": iki, "judul": "Laporan triwulan I"}
	if r := c.uploadBukti(mine+"/bukti?ke=1", fields, "laporan.pdf", pdf); r.status != http.StatusSeeOther {
		t.Fatalf("upload pdf: %d %s", r.status, r.text())
	}
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 200)...)
	if r := c.uploadBukti(mine+"/bukti?ke=1", map[string]string{"iki": iki, "judul": "Bukan PDF"}, "bukti.pdf", exe); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.text(), "Jenis berkas tidak diterima") || !strings.Contains(r.body, `value="Bukan PDF"`) {
		t.Fatalf("renamed executable: %d %s", r.status, r.text())
	}
	big := append([]byte("%PDF-1.4\n"), make([]byte, 11<<20)...)
	if r := c.uploadBukti(mine+"/bukti?ke=1", map[string]string{"iki": iki, "judul": "Terlalu besar"}, "besar.pdf", big); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.text(), "paling besar 10 MB") {
		t.Fatalf("11 MB: %d %s", r.status, r.text())
	}
	if r := c.uploadBukti(mine+"/bukti?ke=1", map[string]string{"iki": iki, "judul": "Tautan jahat", "url": "javascript:alert(1)"}, "", nil); r.status != http.StatusUnprocessableEntity {
		t.Fatalf("javascript link: %d", r.status)
	}
	if r := c.uploadBukti(mine+"/bukti?ke=1", map[string]string{"iki": iki, "judul": "Foto kegiatan", "url": "https://drive.kotalama.go.id/foto"}, "", nil); r.status != http.StatusSeeOther {
		t.Fatalf("link: %d %s", r.status, r.text())
	}
	page = c.get(mine + "/realisasi?ke=1")
	m := regexp.MustCompile(`href="(/bukti/\d+)">Laporan triwulan I</a>`).FindStringSubmatch(page.body)
	if m == nil || !strings.Contains(page.text(), "Foto kegiatan") {
		t.Fatalf("evidence list: %s", page.text())
	}
	for who, cl := range map[string]*client{"owner": c, "penilai": pen} {
		r := cl.get(m[1])
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/pdf" || r.body != string(pdf) {
			t.Errorf("%s download: %d %s", who, r.status, r.header.Get("Content-Type"))
		}
	}
	other := a.clientAs(ppl.dinkesStaff.NIP)
	if r := other.get(m[1]); r.status != http.StatusForbidden {
		t.Fatalf("another pegawai downloads evidence: %d", r.status)
	}
	if r := other.get(mine + "/realisasi"); r.status != http.StatusForbidden {
		t.Fatalf("another pegawai sees realisasi: %d", r.status)
	}
	if r := pen.post(mine+"/realisasi?ke=1", url.Values{"v_" + iki: {"1"}, "nilai_" + iki: {"99"}}); r.status != http.StatusForbidden {
		t.Fatalf("penilai writes realisasi: %d", r.status)
	}
	if r := pen.uploadBukti(mine+"/bukti?ke=1", fields, "x.pdf", pdf); r.status != http.StatusForbidden {
		t.Fatalf("penilai uploads: %d", r.status)
	}
	if r := c.get("/bukti/999999"); r.status != http.StatusNotFound {
		t.Fatalf("unknown evidence: %d", r.status)
	}
	_ = fmt.Sprint()
}

func TestUmpanBalikAndLinimasa(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	// Names on the linimasa carry their gelar, as on every other page.
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE pegawai SET gelar_depan = 'Dra.', gelar_belakang = 'M.Pd.' WHERE id = $1;`, ppl.staff.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE pegawai SET gelar_belakang = 'S.Pd.' WHERE id = $1;`, ppl.penilai.ID); err != nil {
		t.Fatal(err)
	}
	staffNama := org.NamaLengkap("Dra.", ppl.staff.Nama, "M.Pd.")
	penilaiNama := org.NamaLengkap(ppl.penilai.GelarDepan, ppl.penilai.Nama, "S.Pd.")
	if page := c.get(mine + "/realisasi?ke=1"); true {
		iki := regexp.MustCompile(`name="nilai_(\d+)"`).FindStringSubmatch(page.body)[1]
		if r := c.post(mine+"/realisasi?ke=1", url.Values{"v_" + iki: {"0"}, "nilai_" + iki: {"2"}, "teks_" + iki: {"draf awal"}}); r.status != http.StatusSeeOther {
			t.Fatalf("realisasi: %d %s", r.status, r.text())
		}
	}

	// Before the penilai writes, the pegawai has no reply boxes.
	if r := c.get(mine + "/realisasi?ke=1"); strings.Contains(r.body, `name="ub_`) || !strings.Contains(r.text(), "Penilai belum memberi umpan balik") {
		t.Fatalf("pegawai reply boxes before any feedback: %s", r.text())
	}
	// The penilai writes on every RHK and value in one form.
	page := pen.get(mine + "/realisasi?ke=1")
	rhk := regexp.MustCompile(`name="ub_(rhk:\d+)"`).FindStringSubmatch(page.body)
	if page.status != http.StatusOK || rhk == nil || !strings.Contains(page.body, `name="ub_nilai:7"`) || strings.Count(page.body, `name="ub_`) != 8 ||
		strings.Count(page.body, "Kirim umpan balik") != 1 {
		t.Fatalf("penilai feedback form: %d %s", page.status, page.text())
	}
	ub := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set("ub_"+kv[i], kv[i+1])
		}
		return v
	}
	if r := pen.post(mine+"/umpan-balik?ke=1", ub(rhk[1], "   ", "nilai:1", "")); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.text(), "Tuliskan umpan balik pada sedikitnya satu RHK atau nilai perilaku.") {
		t.Fatalf("empty feedback: %d %s", r.status, r.text())
	}
	long := strings.Repeat("panjang ", 300)
	if r := pen.post(mine+"/umpan-balik?ke=1", ub("nilai:3", long, "nilai:4", "Bagus.")); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.text(), "Paling banyak 2.000 karakter.") || !strings.Contains(r.body, "panjang panjang") || !strings.Contains(r.body, ">Bagus.</textarea>") {
		t.Fatalf("long feedback keeps every text: %d %s", r.status, r.text())
	}
	if r := pen.post(mine+"/umpan-balik?ke=1", ub("rhk:999999", "RHK lain")); r.status != http.StatusNotFound {
		t.Fatalf("feedback on another SKP's RHK: %d", r.status)
	}
	if r := pen.post(mine+"/umpan-balik?ke=1", ub("nilai:9", "x")); r.status != http.StatusUnprocessableEntity {
		t.Fatalf("feedback on value 9: %d", r.status)
	}
	if r := c.get(mine + "/realisasi?ke=1"); strings.Contains(r.text(), "Bagus.") {
		t.Fatal("a refused form sent part of its feedback")
	}
	if r := pen.post(mine+"/umpan-balik?ke=1", ub(rhk[1], "Percepat draf muatan lokal kelas 4.", "nilai:6", "Koordinasi dengan KKG sudah baik.", "nilai:2", "")); r.status != http.StatusSeeOther {
		t.Fatalf("penilai feedback: %d %s", r.status, r.text())
	}
	// The pegawai replies only where the penilai wrote.
	mineForm := c.get(mine + "/realisasi?ke=1")
	if n := strings.Count(mineForm.body, `name="ub_`); n != 2 || !strings.Contains(mineForm.body, `name="ub_`+rhk[1]+`"`) || !strings.Contains(mineForm.body, `name="ub_nilai:6"`) {
		t.Fatalf("pegawai reply boxes: %d", n)
	}
	if r := c.post(mine+"/umpan-balik?ke=1", ub(rhk[1], "Siap, draf kelas 4 selesai bulan depan.")); r.status != http.StatusSeeOther {
		t.Fatalf("pegawai reply: %d %s", r.status, r.text())
	}
	// Each side is told once per form, with the first message and the count.
	if n := c.get("/pemberitahuan").text(); !strings.Contains(n, "memberi umpan balik pada SKP Anda") || !strings.Contains(n, "2 pesan, di antaranya: Percepat draf muatan lokal kelas 4.") {
		t.Fatalf("pegawai's notices after the feedback: %s", n)
	}
	if n := pen.get("/pemberitahuan"); !strings.Contains(n.text(), "membalas umpan balik Anda") || !strings.Contains(n.text(), "Siap, draf kelas 4 selesai bulan depan.") ||
		!strings.Contains(n.body, `href="/pemberitahuan/`) {
		t.Fatalf("penilai's notices after the reply: %s", n.text())
	} else if r := pen.get(firstNotice(t, n)); r.header.Get("Location") != mine+"/realisasi?ke=1" {
		t.Fatalf("the reply's notice goes to %q", r.header.Get("Location"))
	}
	page = c.get(mine + "/realisasi?ke=1")
	txt := page.text()
	first, reply := strings.Index(txt, "Percepat draf muatan lokal"), strings.Index(txt, "Siap, draf kelas 4")
	if first < 0 || reply < first || !strings.Contains(txt, "Koordinasi dengan KKG sudah baik.") || !strings.Contains(txt, "Balasan") {
		t.Fatalf("thread on pegawai page: %s", txt)
	}
	if r := c.get(mine + "/realisasi?ke=2"); strings.Contains(r.text(), "Percepat draf") {
		t.Fatalf("triwulan I feedback shown in triwulan II")
	}

	other := a.clientAs(ppl.dinkesStaff.NIP)
	if r := other.post(mine+"/umpan-balik?ke=1", url.Values{"ub_" + rhk[1]: {"Saya bukan penilai"}}); r.status != http.StatusForbidden {
		t.Fatalf("another pegawai writes feedback: %d", r.status)
	}
	if r := other.get(mine + "/linimasa"); r.status != http.StatusForbidden {
		t.Fatalf("another pegawai sees linimasa: %d", r.status)
	}

	for who, cl := range map[string]*client{"owner": c, "penilai": pen} {
		r := cl.get(mine + "/linimasa")
		lt := r.text()
		if r.status != http.StatusOK || !strings.Contains(lt, "Siap, draf kelas 4") || !strings.Contains(lt, "Percepat draf") || !strings.Contains(lt, "Triwulan I") {
			t.Fatalf("%s linimasa: %d %s", who, r.status, lt)
		}
		if strings.Index(lt, "Siap, draf kelas 4") > strings.Index(lt, "Percepat draf") {
			t.Errorf("%s linimasa not newest first", who)
		}
		if !strings.Contains(lt, ": 2 dokumen (draf awal)") || strings.Contains(lt, "2,00") {
			t.Errorf("%s linimasa writes the realisasi unlike other pages: %s", who, lt)
		}
		if !strings.Contains(lt, "Realisasi "+staffNama) || !strings.Contains(lt, "Umpan balik "+penilaiNama) {
			t.Errorf("%s linimasa names people without gelar: %s", who, lt)
		}
	}
	penSKP := pen.get("/skp").header.Get("Location") // SKP Saya redirects to the penilai's own plan
	if penSKP == "" || penSKP == mine {
		t.Fatalf("penilai's own SKP: %q", penSKP)
	}
	if r := pen.get(penSKP + "/linimasa"); r.status != http.StatusOK || !strings.Contains(r.text(), "Belum ada realisasi, bukti dukung atau umpan balik.") {
		t.Fatalf("empty linimasa: %d %s", r.status, r.text())
	}
}

func TestPenilaianDiri(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)

	page := c.get(mine + "/penilaian-diri?ke=1")
	rhk := regexp.MustCompile(`name="sasaran" value="(rhk:\d+)"`).FindStringSubmatch(page.body)
	if page.status != http.StatusOK || rhk == nil || !strings.Contains(page.text(), "Penilaian diri SKP 2026: Triwulan I") || !strings.Contains(page.body, `name="r_nilai:7"`) {
		t.Fatalf("form: %d %s", page.status, page.text())
	}
	form := func(rating, komentar, version string) url.Values {
		return url.Values{"sasaran": {rhk[1], "nilai:1"}, "r_" + rhk[1]: {rating}, "k_" + rhk[1]: {komentar}, "v_" + rhk[1]: {version},
			"r_nilai:1": {"sesuai"}, "v_nilai:1": {version}}
	}
	if r := c.post(mine+"/penilaian-diri?ke=1", form("", "komentar tanpa penilaian", "0")); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.text(), "Pilih penilaian untuk komentar ini.") || !strings.Contains(r.text(), "komentar tanpa penilaian") {
		t.Fatalf("comment without rating: %d %s", r.status, r.text())
	}
	// Nothing chosen is refused, not saved as a silent success (issue 14).
	empty := url.Values{"sasaran": {rhk[1], "nilai:1"}, "v_" + rhk[1]: {"0"}, "v_nilai:1": {"0"}}
	if r := c.post(mine+"/penilaian-diri?ke=1", empty); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Belum ada penilaian yang dipilih") {
		t.Fatalf("nothing chosen: %d %s", r.status, r.text())
	}
	if r := c.post(mine+"/penilaian-diri?ke=1", form("luar biasa", "", "0")); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Pilih salah satu dari tiga tingkat.") {
		t.Fatalf("unknown level: %d %s", r.status, r.text())
	}
	if r := c.post(mine+"/penilaian-diri?ke=1", form("diatas", "Dua belas dokumen sudah dalam draf.", "0")); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, r.text())
	}
	page = c.get(mine + "/penilaian-diri?ke=1")
	if !regexp.MustCompile(`name="r_`+rhk[1]+`" value="diatas" checked`).MatchString(page.body) || !strings.Contains(page.text(), "Penilaian diri disimpan.") {
		t.Fatalf("saved rating not checked: %s", page.body)
	}
	if r := c.post(mine+"/penilaian-diri?ke=1", form("sesuai", "", "0")); r.status != http.StatusConflict || !strings.Contains(r.text(), "sudah diubah orang lain") {
		t.Fatalf("stale: %d %s", r.status, r.text())
	}
	if r := c.post(mine+"/penilaian-diri?ke=0", form("sesuai", "", "0")); r.status != http.StatusConflict || !strings.Contains(r.text(), "fase Penilaian") {
		t.Fatalf("end of period during pelaksanaan: %d %s", r.status, r.text())
	}
	tampered := form("sesuai", "", "0")
	tampered["sasaran"] = []string{"rhk:987654"}
	tampered["r_rhk:987654"] = []string{"sesuai"}
	if r := c.post(mine+"/penilaian-diri?ke=1", tampered); r.status != http.StatusNotFound {
		t.Fatalf("another plan's RHK: %d", r.status)
	}

	view := pen.get(mine + "/penilaian-diri?ke=1")
	if view.status != http.StatusOK || !strings.Contains(view.text(), "Di Atas Ekspektasi") || !strings.Contains(view.text(), "Dua belas dokumen sudah dalam draf.") ||
		strings.Contains(view.body, `type="radio"`) {
		t.Fatalf("penilai reads: %d %s", view.status, view.text())
	}
	if r := pen.post(mine+"/penilaian-diri?ke=1", form("dibawah", "", "1")); r.status != http.StatusForbidden {
		t.Fatalf("penilai writes self-assessment: %d", r.status)
	}
	other := a.clientAs(ppl.dinkesStaff.NIP)
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		var r resp
		if m == http.MethodGet {
			r = other.get(mine + "/penilaian-diri?ke=1")
		} else {
			r = other.post(mine+"/penilaian-diri?ke=1", form("dibawah", "", "1"))
		}
		if r.status != http.StatusForbidden {
			t.Fatalf("another pegawai %s: %d", m, r.status)
		}
	}
}

// TestThroughTheYearMatrix checks the realisasi, self-assessment, timeline and peer
// pages of one approved SKP for every role, and for a pegawai of another OPD.
func TestThroughTheYearMatrix(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	_, _, mine := approvedSKP(t, a)
	const ok, deny, login = http.StatusOK, http.StatusForbidden, http.StatusSeeOther
	routes := []struct {
		path string
		// anonymous, owner, penilai, kepala OPD, admin, another pegawai
		want [6]int
	}{
		{mine + "/realisasi?ke=1", [6]int{login, ok, ok, ok, ok, deny}},
		{mine + "/penilaian-diri?ke=1", [6]int{login, ok, ok, ok, ok, deny}},
		{mine + "/linimasa", [6]int{login, ok, ok, ok, ok, deny}},
		{mine + "/rekan", [6]int{login, ok, ok, deny, deny, deny}},
		{"/skp/999999/rekan", [6]int{login, http.StatusNotFound, http.StatusNotFound, http.StatusNotFound, http.StatusNotFound, http.StatusNotFound}},
		{"/rekan/999999", [6]int{login, http.StatusNotFound, http.StatusNotFound, http.StatusNotFound, http.StatusNotFound, http.StatusNotFound}},
	}
	nips := []string{"", ppl.staff.NIP, ppl.penilai.NIP, ppl.kepalaDisdik.NIP, ppl.admin.NIP, ppl.dinkesStaff.NIP}
	for i, nip := range nips {
		c := a.client()
		if nip != "" {
			c.login(nip)
		}
		for _, rt := range routes {
			if r := c.get(rt.path); r.status != rt.want[i] {
				t.Errorf("role %d GET %s: %d, want %d", i, rt.path, r.status, rt.want[i])
			}
		}
	}
}

// TestBerandaYearTasks checks that the Beranda lists the current check-in's realisasi
// with its deadline, marks it late once past, and shows the penilai reviewer proposals.
func TestBerandaYearTasks(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	_, _, mine := approvedSKP(t, a)
	jakarta, _ := time.LoadLocation("Asia/Jakarta")
	a.clock.advance(time.Date(2026, 5, 10, 9, 0, 0, 0, jakarta).Sub(a.clock.now()))
	c := a.clientAs(ppl.staff.NIP)
	home := c.get("/").text()
	if !strings.Contains(home, "Realisasi Triwulan II belum diisi. · tenggat 30 Juni 2026") || strings.Contains(home, "terlambat") {
		t.Fatalf("realisasi task in May: %s", home)
	}
	page := c.get(mine + "/realisasi")
	iki := regexp.MustCompile(`name="nilai_(\d+)"`).FindStringSubmatch(page.body)[1]
	if r := c.post(mine+"/realisasi?ke=2", url.Values{"v_" + iki: {"0"}, "nilai_" + iki: {"6"}}); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, r.text())
	}
	if home := c.get("/").text(); strings.Contains(home, "belum diisi") {
		t.Fatalf("filled check-in still listed: %s", home)
	}
	cand := regexp.MustCompile(`<option value="(\d+)"`).FindStringSubmatch(c.get(mine + "/rekan").body)
	if r := c.post(mine+"/rekan", url.Values{"aksi": {"nominasi"}, "reviewer": {cand[1]}}); r.status != http.StatusSeeOther {
		t.Fatalf("propose: %d", r.status)
	}
	pen := a.clientAs(ppl.penilai.NIP)
	if home := pen.get("/"); !strings.Contains(home.text(), "mengusulkan 1 peninjau rekan kerja") || !strings.Contains(home.body, mine+"/rekan") ||
		!strings.Contains(home.text(), "1 bawahan belum diberi umpan balik Triwulan II.") {
		t.Fatalf("penilai tasks: %s", home.text())
	}
	key := regexp.MustCompile(`name="ub_(rhk:\d+)"`).FindStringSubmatch(pen.get(mine + "/realisasi?ke=2").body)[1]
	if r := pen.post(mine+"/umpan-balik?ke=2", url.Values{"ub_" + key: {"Lanjutkan."}}); r.status != http.StatusSeeOther {
		t.Fatalf("feedback: %d", r.status)
	}
	if home := pen.get("/"); strings.Contains(home.text(), "belum diberi umpan balik") {
		t.Fatalf("feedback task after giving it: %s", home.text())
	}

	a.clock.advance(time.Date(2027, 1, 5, 9, 0, 0, 0, jakarta).Sub(a.clock.now()))
	late := a.clientAs(ppl.staff.NIP)
	if home := late.get("/").text(); !strings.Contains(home, "Realisasi Triwulan IV belum diisi. terlambat · tenggat 31 Desember 2026") {
		t.Fatalf("late realisasi task: %s", home)
	}
}
