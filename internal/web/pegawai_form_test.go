package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinerja/internal/store"
)

func pegawaiForm(unitID int64) url.Values {
	return url.Values{
		"jenis_asn": {"PNS"}, "nip": {"199501012020121001"}, "nama": {"Rina Baru"}, "gelar_depan": {""}, "gelar_belakang": {"S.E."},
		"tempat_lahir": {"Kotalama"}, "golongan": {"III/a"}, "unit": {fmt.Sprint(unitID)}, "jabatan": {"Analis Kurikulum"},
		"jenis_jabatan": {"pelaksana"}, "nip_atasan": {""}, "tmt": {"2026-01-02"}, "keterangan": {"SK 800/1/2026"}, "version": {""},
	}
}

func TestAdminAddsEditsAndDeactivatesPegawai(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.admin.NIP)

	if r := c.get("/pegawai/baru"); r.status != http.StatusOK || !strings.Contains(r.body, `<label for="nip">NIP</label>`) {
		t.Fatalf("form: %d", r.status)
	}

	t.Run("bad input is explained next to the fields and kept", func(t *testing.T) {
		f := pegawaiForm(ppl.seksiUnit)
		f.Set("nip", "198602302015051001")
		f.Set("golongan", "V/z")
		f.Set("nama", "")
		r := c.post("/pegawai/baru", f)
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		for _, want := range []string{`id="nip-error">8 digit pertama NIP bukan tanggal lahir`, `id="nama-error">Nama wajib diisi.`,
			`id="golongan-error">Golongan PNS tidak dikenal`, `value="198602302015051001"`, `value="Analis Kurikulum"`, `value="SK 800/1/2026"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("lacks %s", want)
			}
		}
	})

	var id int64
	t.Run("a valid pegawai is added with the default atasan", func(t *testing.T) {
		r := c.post("/pegawai/baru", pegawaiForm(ppl.seksiUnit))
		if r.status != http.StatusSeeOther {
			t.Fatalf("status %d: %s", r.status, r.text())
		}
		fmt.Sscanf(r.header.Get("Location"), "/pegawai/%d", &id)
		p := c.get(r.header.Get("Location"))
		txt := p.text()
		for _, want := range []string{"Pegawai Rina Baru ditambahkan.", "Rina Baru, S.E.", "19950101 202012 1 001", ppl.penilai.Nama, "Riwayat", "SK 800/1/2026", "Ditambahkan"} {
			if !strings.Contains(txt, want) {
				t.Errorf("profile lacks %q", want)
			}
		}
	})

	t.Run("the search finds the new pegawai", func(t *testing.T) {
		if r := c.get("/pegawai?q=rina+baru"); !strings.Contains(r.text(), "Rina Baru") {
			t.Fatal("not found by search")
		}
	})

	t.Run("two editors: the second gets a conflict and keeps their input", func(t *testing.T) {
		edit := c.get(fmt.Sprintf("/pegawai/%d/ubah", id))
		if edit.status != http.StatusOK || !strings.Contains(edit.body, `name="version" value="1"`) {
			t.Fatalf("edit form: %d", edit.status)
		}
		first := pegawaiForm(ppl.seksiUnit)
		first.Set("version", "1")
		first.Set("nama", "Rina Baru Sekali")
		first.Set("tmt", "2026-02-01")
		if r := c.post(fmt.Sprintf("/pegawai/%d/ubah", id), first); r.status != http.StatusSeeOther {
			t.Fatalf("first save: %d %s", r.status, r.text())
		}
		second := pegawaiForm(ppl.seksiUnit)
		second.Set("version", "1")
		second.Set("gelar_belakang", "S.E., M.M.")
		r := c.post(fmt.Sprintf("/pegawai/%d/ubah", id), second)
		if r.status != http.StatusConflict || !strings.Contains(r.text(), "sudah diubah orang lain") || !strings.Contains(r.body, `value="S.E., M.M."`) {
			t.Fatalf("second save: %d %s", r.status, r.text())
		}
		p, _ := a.store.GetPegawai(t.Context(), id)
		if p.Nama != "Rina Baru Sekali" || p.GelarBelakang != "S.E." {
			t.Fatalf("the first save was overwritten: %+v", p)
		}
	})

	t.Run("deactivation asks first, then records", func(t *testing.T) {
		r := c.get(fmt.Sprintf("/pegawai/%d/nonaktifkan", id))
		if r.status != http.StatusOK || !strings.Contains(r.text(), "Nonaktifkan Rina Baru Sekali, S.E.?") || !strings.Contains(r.text(), "Batal") {
			t.Fatalf("confirm page: %d %s", r.status, r.text())
		}
		f := url.Values{"version": {"2"}, "tmt": {"2099-01-01"}, "keterangan": {"pensiun"}}
		if r := c.post(fmt.Sprintf("/pegawai/%d/nonaktifkan", id), f); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "TMT tidak boleh setelah hari ini.") {
			t.Fatalf("future TMT: %d", r.status)
		}
		f.Set("tmt", "2026-03-01")
		if r := c.post(fmt.Sprintf("/pegawai/%d/nonaktifkan", id), f); r.status != http.StatusSeeOther {
			t.Fatalf("deactivate: %d %s", r.status, r.text())
		}
		p := c.get(fmt.Sprintf("/pegawai/%d", id))
		if !strings.Contains(p.text(), "Pegawai ini tidak aktif.") || !strings.Contains(p.text(), "Dinonaktifkan") {
			t.Fatalf("profile after deactivation: %s", p.text())
		}
		if r := c.get("/pegawai?q=rina+baru"); strings.Contains(r.text(), "Rina Baru Sekali") {
			t.Fatal("an inactive pegawai is listed as active")
		}
		if r := c.get("/pegawai?q=rina+baru&status=nonaktif"); !strings.Contains(r.text(), "Rina Baru Sekali") {
			t.Fatal("the inactive filter misses the pegawai")
		}
	})

	entries, _ := a.store.ListAudit(t.Context(), store.AuditFilter{Entity: "pegawai", EntityID: fmt.Sprint(id)})
	if len(entries) != 3 {
		t.Fatalf("audit entries = %d, want add, edit, deactivate", len(entries))
	}
}

func TestNonAdminsCannotChangePegawai(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	for _, who := range []string{ppl.staff.NIP, ppl.penilai.NIP, ppl.kepalaDisdik.NIP} {
		c := a.clientAs(who)
		f := pegawaiForm(ppl.seksiUnit)
		f.Set("version", "1")
		for _, path := range []string{"/pegawai/baru", fmt.Sprintf("/pegawai/%d/ubah", ppl.staff.ID), fmt.Sprintf("/pegawai/%d/nonaktifkan", ppl.staff.ID)} {
			if r := c.post(path, f); r.status != http.StatusForbidden {
				t.Errorf("%s POST %s: %d, want 403", who, path, r.status)
			}
			if r := c.get(path); r.status != http.StatusForbidden {
				t.Errorf("%s GET %s: %d, want 403", who, path, r.status)
			}
		}
	}
	p, _ := a.store.GetPegawai(t.Context(), ppl.staff.ID)
	if !p.Aktif || p.Nama != ppl.staff.Nama {
		t.Fatal("a refused request changed data")
	}
}
