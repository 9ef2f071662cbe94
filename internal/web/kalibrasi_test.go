package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestKalibrasiOPDPages(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE periode SET kalibrasi = 'opd'`); err != nil {
		t.Fatal(err)
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	rateAll(t, pen, mine, "diatas")

	// The penilai's Tetapkan proposes, without a justification.
	unit := pen.get("/penilaian?ke=1")
	if !strings.Contains(unit.text(), "kalibrasi OPD") || strings.Contains(unit.body, `name="justifikasi"`) {
		t.Fatalf("penilai's page in kalibrasi mode: %s", unit.text())
	}
	r := pen.post("/penilaian/tetapkan?ke=1", url.Values{"konfirmasi": {"1"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("proposal: %d %s", r.status, r.text())
	}
	if page := pen.get("/penilaian?ke=1"); !strings.Contains(page.text(), "Diusulkan ke kalibrasi OPD") {
		t.Errorf("after the proposal: %s", page.text())
	}
	rating := pen.get(mine + "/penilaian?ke=1")
	if r := pen.post(mine+"/penilaian?ke=1", ratingFormFor(t, rating.body, "sesuai", "sesuai", "sesuai")); r.status != http.StatusConflict {
		t.Errorf("the penilai edits a proposal: %d", r.status)
	}
	if r := c.get(mine + "/penilaian?ke=1"); !strings.Contains(r.text(), "belum ditetapkan") {
		t.Errorf("the pegawai sees a proposal: %s", r.text())
	}

	// Who may open the kalibrasi.
	kep := a.clientAs(ppl.kepalaDisdik.NIP)
	for _, x := range []struct {
		c    *client
		path string
		want int
	}{
		{kep, "/kalibrasi?ke=1", http.StatusOK},
		{kep, "/kalibrasi?ke=1&opd=" + id(ppl.dinkesOPD), http.StatusForbidden},
		{a.clientAs(ppl.admin.NIP), "/kalibrasi?ke=1&opd=" + id(ppl.disdikOPD), http.StatusOK},
		{pen, "/kalibrasi?ke=1", http.StatusForbidden},
		{c, "/kalibrasi?ke=1", http.StatusForbidden},
	} {
		if r := x.c.get(x.path); r.status != x.want {
			t.Errorf("GET %s: %d, want %d", x.path, r.status, x.want)
		}
	}
	page := kep.get("/kalibrasi?ke=1")
	if !strings.Contains(page.text(), ppl.staff.Nama) || !strings.Contains(page.text(), "Diusulkan") || !strings.Contains(page.body, "<svg") {
		t.Fatalf("kalibrasi page: %s", page.text())
	}
	m := regexp.MustCompile(`href="(/kalibrasi/ubah/\d+\?[^"]*)"`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no change link: %s", page.body)
	}
	ubah := strings.ReplaceAll(m[1], "&amp;", "&")
	form := kep.get(ubah)
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(form.body)[1]
	bad := kep.post(ubah, url.Values{"version": {version}, "hasil_kerja": {"sesuai"}, "perilaku": {"diatas"}})
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.text(), "Tulis alasan perubahan") || !strings.Contains(bad.body, `value="sesuai" checked`) {
		t.Errorf("a change without a reason: %d %s", bad.status, bad.text())
	}
	alasan := "Capaian setara rekan satu unit; tidak di atas ekspektasi."
	if r := kep.post(ubah, url.Values{"version": {version}, "hasil_kerja": {"sesuai"}, "perilaku": {"diatas"}, "alasan": {alasan}}); r.status != http.StatusSeeOther {
		t.Fatalf("change: %d %s", r.status, r.text())
	}
	if page := kep.get("/kalibrasi?ke=1"); !strings.Contains(page.text(), "diubah dalam kalibrasi") {
		t.Errorf("the change is not marked: %s", page.text())
	}
	// The penilai sees the change and the reason before publication; the pegawai not yet.
	hist := mine + "/penilaian/riwayat"
	if r := pen.get(hist); !strings.Contains(r.text(), alasan) {
		t.Errorf("penilai's history: %s", r.text())
	}
	if r := c.get(hist); strings.Contains(r.text(), alasan) {
		t.Errorf("the pegawai reads the change before publication")
	}
	// Publish the OPD; the pegawai sees the result and the reason.
	if r := kep.post("/kalibrasi/tetapkan?ke=1", url.Values{}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("publication without the confirmation: %d", r.status)
	}
	if r := kep.post("/kalibrasi/tetapkan?ke=1", url.Values{"konfirmasi": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("publication: %d %s", r.status, r.text())
	}
	if r := c.get(mine + "/penilaian?ke=1"); !strings.Contains(r.text(), "Baik") || strings.Contains(r.text(), "belum ditetapkan") {
		t.Errorf("the pegawai's result: %s", r.text())
	}
	if r := c.get(hist); !strings.Contains(r.text(), alasan) {
		t.Errorf("the pegawai's history after publication: %s", r.text())
	}
}
