package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestAdminRunsAPeriod(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.admin.NIP)

	if r := c.get("/periode"); !strings.Contains(r.text(), "Belum ada periode penilaian") {
		t.Fatalf("empty list: %s", r.text())
	}
	form := c.get("/periode/baru")
	if !strings.Contains(form.body, `value="2026-01-01"`) && !strings.Contains(form.body, `-01-01"`) {
		t.Fatalf("defaults missing: %s", form.text())
	}
	bad := c.post("/periode/baru", url.Values{"tahun": {"2027"}, "mulai": {"2027-06-01"}, "selesai": {"2027-01-01"}, "jadwal": {"triwulan"},
		"keberatan_hari": {"0"}, "ambang_anonim": {"3"}, "kurva_pembulatan": {"acak"}, "version": {"0"}})
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, `id="selesai-error">Tanggal selesai harus setelah tanggal mulai.`) ||
		!strings.Contains(bad.text(), "Pilih cara pembulatan batas kurva.") ||
		!strings.Contains(bad.body, `id="keberatan_hari-error">`) || !strings.Contains(bad.body, `value="2027-06-01"`) {
		t.Fatalf("bad settings: %d %s", bad.status, bad.text())
	}
	r := c.post("/periode/baru", url.Values{"tahun": {"2027"}, "mulai": {"2027-01-01"}, "selesai": {"2027-12-31"}, "jadwal": {"triwulan"},
		"keberatan_hari": {"14"}, "ambang_anonim": {"3"}, "kurva_pembulatan": {"orang"}, "tenggat_perencanaan": {"2027-01-31"}, "version": {"0"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", r.status, r.text())
	}
	p := r.header.Get("Location")
	if r := c.post("/periode/baru", url.Values{"tahun": {"2027"}, "mulai": {"2027-01-01"}, "selesai": {"2027-12-31"}, "jadwal": {"triwulan"},
		"keberatan_hari": {"14"}, "ambang_anonim": {"3"}, "version": {"0"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Periode tahun 2027 sudah ada.") {
		t.Fatalf("second 2027: %d", r.status)
	}
	detail := c.get(p)
	if !strings.Contains(detail.text(), "Periode 2027") || !strings.Contains(detail.text(), "Fase: Draf ") || !strings.Contains(detail.text(), "31 Januari 2027") ||
		!strings.Contains(detail.text(), "Batas kurva pada unit kecil Dibulatkan ke jumlah orang terdekat") {
		t.Fatalf("detail: %s", detail.text())
	}

	confirm := c.get(p + "/fase")
	if !strings.Contains(confirm.text(), "400 pegawai aktif akan menjadi peserta") {
		t.Fatalf("confirm: %s", confirm.text())
	}
	if r := c.post(p+"/fase", url.Values{"version": {"1"}, "ke": {"penilaian"}}); r.status != http.StatusConflict || !strings.Contains(r.text(), "berurutan") {
		t.Fatalf("skipping: %d %s", r.status, r.text())
	}
	if r := c.post(p+"/fase", url.Values{"version": {"1"}, "ke": {"perencanaan"}}); r.status != http.StatusSeeOther {
		t.Fatalf("open: %d %s", r.status, r.text())
	}
	detail = c.get(p)
	txt := detail.text()
	for _, want := range []string{"Fase: Perencanaan", "Peserta per perangkat daerah (400)", "Dinas Pendidikan", "Peserta tanpa penilai (1)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, txt)
		}
	}
	if !strings.Contains(detail.body, "<svg") {
		t.Error("dashboard has no chart")
	}
	if r := c.post(p+"/fase", url.Values{"version": {"1"}, "ke": {"pelaksanaan"}}); r.status != http.StatusConflict || !strings.Contains(r.text(), "sudah diubah orang lain") {
		t.Fatalf("stale move: %d %s", r.status, r.text())
	}

	// Participants: change a penilai, refuse a loop, remove and re-add.
	peserta := fmt.Sprintf("%s/peserta/%d", p, ppl.staff.ID)
	if r := c.get(peserta); !strings.Contains(r.text(), ppl.penilai.Nama) {
		t.Fatalf("participant: %s", r.text())
	}
	loop := c.post(fmt.Sprintf("%s/peserta/%d/penilai", p, ppl.penilai.ID), url.Values{"version": {"1"}, "nip_penilai": {ppl.staff.NIP}})
	if loop.status != http.StatusUnprocessableEntity || !strings.Contains(loop.text(), "melingkar") || !strings.Contains(loop.body, `value="`+ppl.staff.NIP+`"`) {
		t.Fatalf("loop: %d %s", loop.status, loop.text())
	}
	if r := c.post(peserta+"/penilai", url.Values{"version": {"1"}, "nip_penilai": {ppl.kepalaDisdik.NIP}, "keterangan": {"penugasan"}}); r.status != http.StatusSeeOther {
		t.Fatalf("change penilai: %d %s", r.status, r.text())
	}
	if r := c.post(peserta+"/keluarkan", url.Values{"version": {"2"}, "alasan": {""}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="alasan_keluar-error"`) && !strings.Contains(r.text(), "Tuliskan alasannya") {
		t.Fatalf("remove without reason: %d %s", r.status, r.text())
	}
	if r := c.post(peserta+"/keluarkan", url.Values{"version": {"2"}, "alasan": {"pindah instansi"}}); r.status != http.StatusSeeOther {
		t.Fatalf("remove: %d %s", r.status, r.text())
	}
	// A pegawai outside a running period joins it from their profile.
	profil := fmt.Sprintf("/pegawai/%d", ppl.staff.ID)
	if r := c.get(profil); !strings.Contains(r.text(), "Pegawai ini bukan peserta periode 2027 (fase Perencanaan).") ||
		!strings.Contains(r.body, `action="`+p+`/peserta"`) || !strings.Contains(r.body, `<input type="hidden" name="nip" value="`+ppl.staff.NIP+`">`) ||
		!strings.Contains(r.text(), "Dikeluarkan") {
		t.Fatalf("profile of a removed participant: %s", r.text())
	}
	if r := a.clientAs(ppl.penilai.NIP).get(profil); strings.Contains(r.text(), "bukan peserta periode") {
		t.Errorf("a penilai is offered to add participants: %s", r.text())
	}
	if r := c.post(p+"/peserta", url.Values{"nip": {ppl.staff.NIP}, "keterangan": {"kembali"}}); r.status != http.StatusSeeOther {
		t.Fatalf("re-add: %d %s", r.status, r.text())
	}
	if r := c.get(profil); strings.Contains(r.text(), "bukan peserta periode") || !strings.Contains(r.text(), "Peserta") {
		t.Errorf("profile after joining: %s", r.text())
	}
	if r := c.post(p+"/peserta", url.Values{"nip": {"199001012015011999"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Tidak ada pegawai dengan NIP itu.") {
		t.Fatalf("unknown NIP: %d", r.status)
	}

	// Organisation predikat of every OPD in one table form; it shows on the OPD page.
	disdik, dinkes := fmt.Sprintf("predikat_%d", ppl.disdikOPD), fmt.Sprintf("predikat_%d", ppl.dinkesOPD)
	predForm := c.get(p + "/predikat")
	if n := strings.Count(predForm.body, `<select id="predikat_`); n < 10 || strings.Count(predForm.body, "Simpan semua") != 1 {
		t.Fatalf("predikat form: %d selects", n)
	}
	if r := c.post(p+"/predikat", url.Values{disdik: {"Baik"}, dinkes: {"Istimewa"}}); r.status != http.StatusSeeOther {
		t.Fatalf("predikat: %d %s", r.status, r.text())
	}
	// A bad value is refused beside its OPD, nothing of the form is saved, the choices stay.
	badPred := c.post(p+"/predikat", url.Values{disdik: {"Kurang"}, dinkes: {"Hebat"}})
	if got := checkSummary(t, badPred); len(got) != 1 || got[0] != dinkes || !strings.Contains(badPred.body, `<option value="Kurang" selected>`) {
		t.Fatalf("bad predikat: %v", got)
	}
	if r := c.get(p + "/predikat"); !strings.Contains(r.body, `<option value="Baik" selected>`) || !strings.Contains(r.body, `<option value="Istimewa" selected>`) {
		t.Fatalf("a refused form changed something: %s", r.body)
	}
	if r := c.get(fmt.Sprintf("/organisasi/%d", ppl.disdikOPD)); !strings.Contains(r.text(), "Predikat organisasi 2027 Baik") {
		t.Fatalf("OPD page lacks the predikat: %s", r.text())
	}

	// Through to closing, then every write is refused until reopened with a reason.
	for i, to := range []string{"pelaksanaan", "penilaian", "selesai"} {
		if r := c.post(p+"/fase", url.Values{"version": {fmt.Sprint(2 + i)}, "ke": {to}}); r.status != http.StatusSeeOther {
			t.Fatalf("move to %s: %d %s", to, r.status, r.text())
		}
	}
	if r := c.post(p+"/predikat", url.Values{disdik: {"Kurang"}}); r.status != http.StatusConflict || !strings.Contains(r.text(), "sudah selesai") {
		t.Fatalf("predikat on a closed period: %d %s", r.status, r.text())
	}
	if r := c.post(peserta+"/penilai", url.Values{"version": {"4"}, "nip_penilai": {""}}); r.status != http.StatusConflict {
		t.Fatalf("penilai on a closed period: %d %s", r.status, r.text())
	}
	if r := c.post(p+"/buka-kembali", url.Values{"version": {"5"}, "alasan": {"x"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "paling sedikit 10 karakter") {
		t.Fatalf("short reason: %d %s", r.status, r.text())
	}
	if r := c.post(p+"/buka-kembali", url.Values{"version": {"5"}, "alasan": {"Koreksi setelah putusan keberatan"}}); r.status != http.StatusSeeOther {
		t.Fatalf("reopen: %d %s", r.status, r.text())
	}
	if r := c.get(p); !strings.Contains(r.text(), "Fase: Penilaian") {
		t.Fatalf("after reopening: %s", r.text())
	}
}

func TestPeriodRoutesAreForAdmins(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	admin := a.clientAs(ppl.admin.NIP)
	r := admin.post("/periode/baru", url.Values{"tahun": {"2027"}, "mulai": {"2027-01-01"}, "selesai": {"2027-12-31"}, "jadwal": {"triwulan"},
		"keberatan_hari": {"14"}, "ambang_anonim": {"3"}, "version": {"0"}})
	p := r.header.Get("Location")
	for _, who := range []string{ppl.staff.NIP, ppl.penilai.NIP, ppl.kepalaDisdik.NIP} {
		c := a.clientAs(who)
		for _, path := range []string{"/periode", "/periode/baru", p, p + "/ubah", p + "/fase", p + "/buka-kembali", p + "/peserta", p + "/predikat",
			fmt.Sprintf("%s/peserta/%d", p, ppl.staff.ID)} {
			if r := c.get(path); r.status != http.StatusForbidden {
				t.Errorf("%s GET %s: %d", who, path, r.status)
			}
		}
		for _, path := range []string{"/periode/baru", p + "/fase", p + "/predikat", p + "/peserta", fmt.Sprintf("%s/peserta/%d/penilai", p, ppl.staff.ID),
			fmt.Sprintf("%s/peserta/%d/mutasi", p, ppl.staff.ID), fmt.Sprintf("%s/peserta/%d/keluarkan", p, ppl.staff.ID)} {
			if r := c.post(path, url.Values{"version": {"1"}, "ke": {"perencanaan"}, "opd": {"2"}, "predikat": {"Baik"}, "nip": {who}}); r.status != http.StatusForbidden {
				t.Errorf("%s POST %s: %d", who, path, r.status)
			}
		}
	}
	if r := admin.get(p); !strings.Contains(r.text(), "Fase: Draf") {
		t.Fatal("a refused request moved the period")
	}
	if r := admin.get("/periode/999999"); r.status != http.StatusNotFound {
		t.Fatalf("unknown period: %d", r.status)
	}
}
