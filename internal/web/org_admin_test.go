package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinerja/internal/store"
)

func TestAdminKeepsTheOrganisation(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.admin.NIP)

	// A new OPD gets its root unit.
	r := c.post("/organisasi/baru", url.Values{"kode": {"3.01"}, "nama": {"Dinas Pariwisata"}, "singkatan": {"Dispar"}, "version": {"0"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create OPD: %d %s", r.status, r.text())
	}
	opd := r.header.Get("Location")
	var opdID int64
	fmt.Sscanf(opd, "/organisasi/%d", &opdID)
	if p := c.get(opd); !strings.Contains(p.text(), "Dinas Pariwisata") || !strings.Contains(p.text(), "Struktur unit kerja") {
		t.Fatalf("OPD page: %s", p.text())
	}
	if r := c.post("/organisasi/baru", url.Values{"kode": {"3.01"}, "nama": {"Dinas Lain"}, "version": {"0"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "sudah dipakai oleh Dinas Pariwisata") {
		t.Fatalf("duplicate kode: %d %s", r.status, r.text())
	}
	if r := c.post("/organisasi/baru", url.Values{"kode": {"x y"}, "nama": {""}, "version": {"0"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.body, `id="nama-error">Nama perangkat daerah wajib diisi.`) || !strings.Contains(r.body, `value="x y"`) {
		t.Fatalf("bad OPD: %d", r.status)
	}
	units, _ := a.store.UnitTree(t.Context(), opdID)
	if len(units) != 1 || units[0].Nama != "Dinas Pariwisata" {
		t.Fatalf("root unit: %+v", units)
	}
	root := units[0].ID

	newUnit := func(parent int64, nama string) int64 {
		t.Helper()
		r := c.post("/organisasi/unit/baru", url.Values{"opd": {fmt.Sprint(opdID)}, "induk": {fmt.Sprint(parent)}, "nama": {nama}, "version": {"0"}})
		if r.status != http.StatusSeeOther {
			t.Fatalf("create unit %s: %d %s", nama, r.status, r.text())
		}
		var id int64
		fmt.Sscanf(r.header.Get("Location"), "/organisasi/unit/%d", &id)
		return id
	}
	bidang := newUnit(root, "Bidang Destinasi")
	seksi := newUnit(bidang, "Seksi Promosi")

	t.Run("moving a unit under its own sub-unit names the loop", func(t *testing.T) {
		r := c.post(fmt.Sprintf("/organisasi/unit/%d/ubah", bidang), url.Values{"induk": {fmt.Sprint(seksi)}, "nama": {"Bidang Destinasi"}, "version": {"1"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "susunan melingkar: Bidang Destinasi → Seksi Promosi → Bidang Destinasi") {
			t.Fatalf("cycle: %d %s", r.status, r.text())
		}
	})
	t.Run("a unit from another OPD cannot be the parent", func(t *testing.T) {
		_, err := a.store.SaveUnit(t.Context(), store.Actor{Label: "test"}, store.UnitChange{OPDID: opdID, ParentID: ppl.seksiUnit, Nama: "Nyasar"})
		if err == nil || !strings.Contains(err.Error(), "Unit induk harus unit di perangkat daerah yang sama.") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("jabatan: one head per unit", func(t *testing.T) {
		r := c.post("/organisasi/jabatan/baru", url.Values{"unit": {fmt.Sprint(seksi)}, "nama": {"Kepala Seksi Promosi"}, "jenis": {"pengawas"}, "kepala": {"1"}, "version": {"0"}})
		if r.status != http.StatusSeeOther {
			t.Fatalf("head jabatan: %d %s", r.status, r.text())
		}
		r = c.post("/organisasi/jabatan/baru", url.Values{"unit": {fmt.Sprint(seksi)}, "nama": {"Kepala Seksi Lain"}, "jenis": {"pengawas"}, "kepala": {"1"}, "version": {"0"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "sudah memiliki jabatan kepala: Kepala Seksi Promosi") {
			t.Fatalf("second head: %d %s", r.status, r.text())
		}
		page := c.get(fmt.Sprintf("/organisasi/unit/%d", seksi))
		if !strings.Contains(page.text(), "Kepala Seksi Promosi Pengawas Ya") {
			t.Fatalf("unit page: %s", page.text())
		}
	})
	t.Run("a unit with sub-units or pegawai stays active", func(t *testing.T) {
		r := c.post(fmt.Sprintf("/organisasi/unit/%d/nonaktifkan", bidang), url.Values{"version": {"1"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Masih ada 1 unit aktif di bawah unit ini") {
			t.Fatalf("deactivate bidang: %d %s", r.status, r.text())
		}
		r = c.post(fmt.Sprintf("/organisasi/unit/%d/nonaktifkan", ppl.seksiUnit), url.Values{"version": {"1"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "pegawai aktif di unit ini") {
			t.Fatalf("deactivate a unit with pegawai: %d %s", r.status, r.text())
		}
		if r := c.get(fmt.Sprintf("/organisasi/unit/%d/nonaktifkan", seksi)); r.status != http.StatusOK || !strings.Contains(r.text(), "Nonaktifkan Seksi Promosi?") {
			t.Fatalf("confirm: %d", r.status)
		}
		if r := c.post(fmt.Sprintf("/organisasi/unit/%d/nonaktifkan", seksi), url.Values{"version": {"1"}}); r.status != http.StatusSeeOther {
			t.Fatalf("deactivate seksi: %d %s", r.status, r.text())
		}
		if p := c.get(opd); !strings.Contains(p.text(), "Unit kerja tidak aktif Seksi Promosi") {
			t.Fatalf("inactive list: %s", p.text())
		}
	})
	t.Run("a stale edit is refused and keeps the input", func(t *testing.T) {
		r := c.post(opd+"/ubah", url.Values{"kode": {"3.01"}, "nama": {"Dinas Pariwisata dan Kebudayaan"}, "singkatan": {"Disparbud"}, "version": {"1"}})
		if r.status != http.StatusSeeOther {
			t.Fatalf("rename: %d %s", r.status, r.text())
		}
		r = c.post(opd+"/ubah", url.Values{"kode": {"3.01"}, "nama": {"Dinas Pariwisata Saja"}, "singkatan": {"Dispar"}, "version": {"1"}})
		if r.status != http.StatusConflict || !strings.Contains(r.body, `value="Dinas Pariwisata Saja"`) {
			t.Fatalf("stale: %d", r.status)
		}
		units, _ := a.store.UnitTree(t.Context(), opdID)
		if units[0].Nama != "Dinas Pariwisata dan Kebudayaan" {
			t.Fatalf("root unit not renamed with the OPD: %s", units[0].Nama)
		}
	})
	t.Run("an OPD with pegawai stays active", func(t *testing.T) {
		r := c.post(fmt.Sprintf("/organisasi/%d/nonaktifkan", ppl.disdikOPD), url.Values{"version": {"1"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "pegawai aktif di perangkat daerah ini") {
			t.Fatalf("deactivate Disdik: %d %s", r.status, r.text())
		}
	})
	for action, want := range map[string]int{"opd.tambah": 1, "opd.ubah": 1, "unit.tambah": 2, "jabatan.tambah": 1, "unit.nonaktifkan": 1} {
		if e, _ := a.store.ListAudit(t.Context(), store.AuditFilter{Action: action}); len(e) < want {
			t.Errorf("audit %s: %d, want %d", action, len(e), want)
		}
	}
}

func TestOrganisationEditsAreForAdmins(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.client()
	c.login(ppl.kepalaDisdik.NIP) // the kepala may look at their OPD, not change it
	if r := c.get(fmt.Sprintf("/organisasi/%d", ppl.disdikOPD)); r.status != http.StatusOK || strings.Contains(r.body, "/ubah") {
		t.Fatalf("kepala's OPD page: %d, edit links shown: %v", r.status, strings.Contains(r.body, "/ubah"))
	}
	paths := []string{"/organisasi/baru", fmt.Sprintf("/organisasi/%d/ubah", ppl.disdikOPD), fmt.Sprintf("/organisasi/%d/nonaktifkan", ppl.disdikOPD),
		"/organisasi/unit/baru?opd=2", fmt.Sprintf("/organisasi/unit/%d/ubah", ppl.seksiUnit), fmt.Sprintf("/organisasi/unit/%d/nonaktifkan", ppl.seksiUnit),
		"/organisasi/jabatan/baru?unit=5", "/organisasi/jabatan/1/ubah", "/organisasi/jabatan/1/nonaktifkan"}
	for _, p := range paths {
		if r := c.get(p); r.status != http.StatusForbidden {
			t.Errorf("GET %s: %d", p, r.status)
		}
		if r := c.post(strings.Split(p, "?")[0], url.Values{"version": {"1"}, "nama": {"X"}, "kode": {"9.9"}}); r.status != http.StatusForbidden {
			t.Errorf("POST %s: %d", p, r.status)
		}
	}
}

// Every form POST ends one way (outcome): a stale version is a 409 with the page
// shown again, here the confirmation of a deactivation, whose button then carries
// nothing lost; an unknown record is a 404 page.
func TestFormPostsEndOneWay(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c := a.clientAs(a.people().admin.NIP)
	r := c.post("/organisasi/baru", url.Values{"kode": {"3.02"}, "nama": {"Dinas Perikanan"}, "version": {"0"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create OPD: %d", r.status)
	}
	opd := r.header.Get("Location")
	r = c.post(opd+"/nonaktifkan", url.Values{"version": {"99"}})
	if r.status != http.StatusConflict || !strings.Contains(r.text(), "Nonaktifkan Dinas Perikanan?") || !strings.Contains(r.text(), "diubah") {
		t.Fatalf("stale deactivation: %d %s", r.status, r.text())
	}
	r = c.post("/organisasi/99999/ubah", url.Values{"kode": {"9.99"}, "nama": {"Tidak Ada"}, "version": {"1"}})
	if r.status != http.StatusNotFound {
		t.Fatalf("unknown OPD: %d", r.status)
	}
	r = c.post(opd+"/nonaktifkan", url.Values{"version": {"1"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("deactivation: %d %s", r.status, r.text())
	}
	if p := c.get(r.header.Get("Location")); !strings.Contains(p.text(), "Dinas Perikanan dinonaktifkan.") {
		t.Fatalf("flash: %s", p.text())
	}
}
