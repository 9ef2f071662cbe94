package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// The Admin BKD curates the phrase library; a penilai picks a phrase into the
// ekspektasi form (without JavaScript), edits it and saves; a deactivated phrase is
// no longer offered; nobody else opens the library.
func TestFrasaLibrary(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	openPeriod(t, a)
	admin := a.clientAs(ppl.admin.NIP)
	if got := checkSummary(t, admin.post("/frasa", url.Values{"aksi": {"tambah"}, "jenis": {"ekspektasi"}, "teks": {"abc"}})); len(got) != 2 || got[0] != "nilai" || got[1] != "teks" {
		t.Fatalf("bad phrase: %v", got)
	}
	phrase := "Menanggapi permintaan sekolah paling lambat dua hari kerja."
	if r := admin.post("/frasa", url.Values{"aksi": {"tambah"}, "jenis": {"ekspektasi"}, "nilai": {"1"}, "teks": {phrase}}); r.status != http.StatusSeeOther {
		t.Fatalf("add: %d %s", r.status, r.text())
	}
	if r := admin.post("/frasa", url.Values{"aksi": {"tambah"}, "jenis": {"umpan_balik"}, "teks": {"Lampirkan bukti dukung pada triwulan berikutnya."}}); r.status != http.StatusSeeOther {
		t.Fatalf("add umpan balik: %d", r.status)
	}
	list := admin.get("/frasa")
	if !strings.Contains(list.text(), "Ekspektasi: Berorientasi Pelayanan "+phrase) || !strings.Contains(list.text(), "Umpan balik Lampirkan bukti") {
		t.Fatalf("library: %s", list.text())
	}
	for _, nip := range []string{ppl.staff.NIP, ppl.penilai.NIP, ppl.kepalaDisdik.NIP} {
		if r := a.clientAs(nip).get("/frasa"); r.status != http.StatusForbidden {
			t.Errorf("%s opens the library: %d", nip, r.status)
		}
	}

	pen := penilaiWithRHK(t, a)
	mine := submittedSKP(t, a.clientAs(ppl.staff.NIP))
	form := pen.get(mine + "/ekspektasi")
	id := regexp.MustCompile(`(?s)<select id="frasa_1" name="frasa_1">.*?<option value="(\d+)"`).FindStringSubmatch(form.body)
	if id == nil || !strings.Contains(form.text(), "Pakai frasa terpilih") {
		t.Fatalf("ekspektasi form without the library: %s", form.text())
	}
	if strings.Contains(form.body, `id="frasa_2"`) {
		t.Error("a value without phrases offers a picker")
	}
	v := url.Values{"version": {formVersionOf(t, form.body)}, "aksi": {"pakai-frasa"}, "frasa_1": {id[1]}, "ekspektasi_2": {"Jujur dan cermat."}}
	picked := pen.post(mine+"/ekspektasi", v)
	if picked.status != http.StatusOK || !strings.Contains(picked.body, ">"+phrase+"</textarea>") || !strings.Contains(picked.body, ">Jujur dan cermat.</textarea>") {
		t.Fatalf("picked phrase: %d %s", picked.status, picked.body)
	}
	if strings.Contains(pen.get(mine).text(), phrase) {
		t.Fatal("picking a phrase saved the form")
	}
	save := url.Values{"version": {formVersionOf(t, picked.body)}, "ekspektasi_1": {phrase + " Termasuk layanan daring."}}
	if r := pen.post(mine+"/ekspektasi", save); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, r.text())
	}
	if !strings.Contains(pen.get(mine).text(), phrase+" Termasuk layanan daring.") {
		t.Error("the edited phrase is not on the plan")
	}
	if r := admin.post("/frasa", url.Values{"aksi": {"nonaktifkan"}, "id": {id[1]}}); r.status != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", r.status)
	}
	if strings.Contains(pen.get(mine+"/ekspektasi").body, `id="frasa_1"`) {
		t.Error("a deactivated phrase is still offered")
	}
}

// A penilai picks a common umpan balik into one of the boxes of the feedback form.
func TestFrasaUmpanBalik(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	phrase := "Lampirkan bukti dukung pada triwulan berikutnya."
	if r := a.clientAs(ppl.admin.NIP).post("/frasa", url.Values{"aksi": {"tambah"}, "jenis": {"umpan_balik"}, "teks": {phrase}}); r.status != http.StatusSeeOther {
		t.Fatalf("add: %d", r.status)
	}
	page := pen.get(mine + "/realisasi?ke=1")
	m := regexp.MustCompile(`name="frasa_(rhk:\d+)">\s*<option value="">Tidak memakai frasa</option>\s*<option value="(\d+)"`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no phrase picker: %s", page.body)
	}
	picked := pen.post(mine+"/umpan-balik?ke=1", url.Values{"aksi": {"pakai-frasa"}, "frasa_" + m[1]: {m[2]}, "ub_" + m[1]: {"Baik."}, "ub_nilai:1": {"Ramah."}})
	if picked.status != http.StatusOK || !strings.Contains(picked.body, ">Baik. "+phrase+"</textarea>") || !strings.Contains(picked.body, ">Ramah.</textarea>") {
		t.Fatalf("picked: %d %s", picked.status, picked.body)
	}
	if strings.Contains(c.get(mine+"/realisasi?ke=1").text(), phrase) {
		t.Fatal("picking sent the feedback")
	}
	if strings.Contains(c.get(mine+"/realisasi?ke=1").body, `name="frasa_`) {
		t.Error("the pegawai is offered the penilai's phrases")
	}
}
