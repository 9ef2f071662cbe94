package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A new RHK takes its indicators in the same form; "Tambah baris indikator" adds a
// row without JavaScript and saves nothing; a bad row saves nothing of the form.
func TestRHKWithIndicatorsInOneForm(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	openPeriod(t, a)
	c := a.clientAs(ppl.staff.NIP)
	mine := c.post("/skp/buat", nil).header.Get("Location")
	form := c.get(mine + "/rhk/baru")
	if !strings.Contains(form.body, `id="iki_1_indikator"`) || strings.Contains(form.body, `id="iki_2_indikator"`) || !strings.Contains(form.text(), "Tambah baris indikator") {
		t.Fatalf("new RHK form: %s", form.text())
	}
	v := url.Values{"version": {formVersionOf(t, form.body)}, "baris": {"1"}, "jenis": {"utama"}, "uraian": {"Tersusunnya dokumen muatan lokal"},
		"iki_1_indikator": {"Jumlah dokumen muatan lokal"}, "iki_1_aspek": {"kuantitas"}, "iki_1_target": {"12"}, "iki_1_satuan": {"dokumen"}}
	more := url.Values{"aksi": {"tambah-baris"}}
	for k, x := range v {
		more[k] = x
	}
	r := c.post(mine+"/rhk/baru", more)
	if r.status != http.StatusOK || !strings.Contains(r.body, `id="iki_2_indikator"`) || !strings.Contains(r.body, `value="12"`) ||
		!strings.Contains(r.body, "Tersusunnya dokumen muatan lokal") || !strings.Contains(r.body, `name="baris" value="2"`) {
		t.Fatalf("tambah baris: %d %s", r.status, r.body)
	}
	if strings.Contains(c.get(mine).text(), "Tersusunnya dokumen muatan lokal") {
		t.Fatal("adding a row saved the RHK")
	}
	v.Set("baris", "2")
	v.Set("iki_2_indikator", "Persentase sekolah yang memakai muatan lokal")
	v.Set("iki_2_aspek", "kualitas")
	v.Set("iki_2_target", "delapan puluh")
	v.Set("iki_2_satuan", "persen")
	if got := checkSummary(t, c.post(mine+"/rhk/baru", v)); len(got) != 1 || got[0] != "iki_2_target" {
		t.Fatalf("bad row: %v", got)
	}
	if strings.Contains(c.get(mine).text(), "Tersusunnya dokumen muatan lokal") {
		t.Fatal("a refused form saved the RHK")
	}
	v.Set("iki_2_target", "80")
	if r := c.post(mine+"/rhk/baru", v); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, r.text())
	}
	page := c.get(mine).text()
	for _, want := range []string{"RHK disimpan dengan 2 indikator.", "Tersusunnya dokumen muatan lokal", "Jumlah dokumen muatan lokal", "12 dokumen",
		"Persentase sekolah yang memakai muatan lokal", "80 persen"} {
		if !strings.Contains(page, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
}
