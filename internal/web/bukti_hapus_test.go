package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kinerja/internal/store"
)

// The pegawai removes (and so may replace) a bukti dukung until the check-in's
// rating is published, after a confirmation; the removal is audited with what it was;
// nobody else may remove it.
func TestBuktiRemovedUntilRated(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	page := c.get(mine + "/realisasi?ke=1")
	iki := regexp.MustCompile(`name="nilai_(\d+)"`).FindStringSubmatch(page.body)[1]
	add := func(judul string) {
		t.Helper()
		if r := c.post(mine+"/bukti?ke=1", url.Values{"iki": {iki}, "judul": {judul}, "url": {"https://arsip.example.go.id/" + strings.ReplaceAll(judul, " ", "-")}}); r.status != http.StatusSeeOther {
			t.Fatalf("add bukti: %d %s", r.status, r.text())
		}
	}
	add("Laporan keliru")
	page = c.get(mine + "/realisasi?ke=1")
	m := regexp.MustCompile(`href="(/skp/\d+/bukti/(\d+)/hapus\?ke=1)"`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no Hapus link: %s", page.body)
	}
	hapus := strings.ReplaceAll(m[1], "&amp;", "&")
	if r := pen.get(mine + "/realisasi?ke=1"); strings.Contains(r.body, "/hapus") {
		t.Error("the penilai is offered to remove the pegawai's evidence")
	}
	for who, cl := range map[string]*client{"penilai": pen, "another OPD": a.clientAs(ppl.dinkesStaff.NIP)} {
		if r := cl.post(hapus, nil); r.status != http.StatusForbidden {
			t.Errorf("%s removes: %d", who, r.status)
		}
	}
	confirm := c.get(hapus)
	if !strings.Contains(confirm.text(), "Hapus bukti dukung “Laporan keliru” dari realisasi Triwulan I?") || !strings.Contains(confirm.text(), "Untuk mengganti bukti") {
		t.Fatalf("confirmation: %s", confirm.text())
	}
	if r := c.post(hapus, nil); r.status != http.StatusSeeOther {
		t.Fatalf("remove: %d %s", r.status, r.text())
	}
	if r := c.get(mine + "/realisasi?ke=1"); strings.Contains(r.body, ">Laporan keliru</a>") || !strings.Contains(r.text(), "“Laporan keliru” dihapus.") {
		t.Errorf("after removal: %s", r.text())
	}
	entries, err := a.store.ListAudit(context.Background(), store.AuditFilter{Action: "bukti.hapus"})
	if err != nil || len(entries) != 1 || !strings.Contains(fmt.Sprintf("%s", entries[0].Before), "Laporan keliru") {
		t.Fatalf("audit: %v %+v", err, entries)
	}
	if r := c.post(hapus, nil); r.status != http.StatusNotFound {
		t.Errorf("removing twice: %d", r.status)
	}

	// Once Triwulan I is rated and published, its evidence stays.
	add("Laporan benar")
	page = c.get(mine + "/realisasi?ke=1")
	again := strings.ReplaceAll(regexp.MustCompile(`href="(/skp/\d+/bukti/\d+/hapus\?ke=1)"`).FindStringSubmatch(page.body)[1], "&amp;", "&")
	rateAll(t, pen, mine, "sesuai")
	if r := pen.post("/penilaian/tetapkan?ke=1", url.Values{"konfirmasi": {"1"}, "justifikasi": {"Satu pegawai."}}); r.status != http.StatusSeeOther {
		t.Fatalf("tetapkan: %d %s", r.status, r.text())
	}
	if r := c.get(mine + "/realisasi?ke=1"); strings.Contains(r.body, "/hapus") {
		t.Error("a Hapus link after publication")
	}
	for _, r := range []resp{c.get(again), c.post(again, nil)} {
		if r.status != http.StatusConflict || !strings.Contains(r.text(), "sudah ditetapkan") {
			t.Errorf("removal after publication: %d %s", r.status, r.text())
		}
	}
}
