package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinerja/internal/periode"
	"kinerja/internal/store"
)

// TestKeberatanInAClosedPeriod: a comment or a decision on a keberatan of a closed
// period answers 409 with the reason, as every other write there does, not 500.
func TestKeberatanInAClosedPeriod(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	rateAll(t, pen, mine, "sesuai")
	if r := pen.post("/penilaian/tetapkan?ke=1", url.Values{"konfirmasi": {"1"}, "justifikasi": {"Satu-satunya pegawai dengan SKP disetujui."}}); r.status != http.StatusSeeOther {
		t.Fatalf("tetapkan: %d %s", r.status, r.text())
	}
	page := mine + "/keberatan?ke=1"
	if r := c.post(page, url.Values{"aksi": {"ajukan"}, "alasan": {"Bukti triwulan I belum dipertimbangkan."}}); r.status != http.StatusSeeOther {
		t.Fatalf("ajukan: %d %s", r.status, r.text())
	}
	per, err := a.store.ActivePeriod(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ps := a.store.Period(per.ID)
	for _, to := range []periode.Fase{periode.Penilaian, periode.Selesai} {
		cur, _ := ps.Get(ctx)
		if err := ps.Move(ctx, store.Actor{Label: "test"}, cur.Version, to); err != nil {
			t.Fatal(err)
		}
	}
	if r := c.post(page, url.Values{"aksi": {"komentar"}, "teks": {"Mohon ditinjau ulang."}}); r.status != http.StatusConflict || !strings.Contains(r.text(), "sudah selesai") {
		t.Errorf("comment in a closed period: %d %s", r.status, r.text())
	}
	atasan := a.clientAs(a.pegawai(ppl.penilai.AtasanID).NIP)
	v := "1" // the keberatan as filed; a closed period shows no decision form
	r := atasan.post(page, url.Values{"aksi": {"putuskan"}, "putusan": {"tolak"}, "keputusan": {"Penilaian sudah sesuai bukti."}, "konfirmasi": {"ya"}, "version": {v}})
	if r.status != http.StatusConflict || !strings.Contains(r.text(), "selesai") {
		t.Errorf("decision in a closed period: %d %s", r.status, r.text())
	}
}
