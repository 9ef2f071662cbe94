package store_test

import (
	"strings"
	"testing"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/org"
	"kinerja/internal/seed"
	"kinerja/internal/store"
)

var actor = store.Actor{AkunID: 0, Label: "tester", IP: "127.0.0.1"}

func checked(t *testing.T, st *store.Store, in org.PegawaiInput, today time.Time) org.CheckedPegawai {
	t.Helper()
	gols, err := st.ListGolongan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, errs := org.CheckPegawaiInput(in, store.GolonganChecker(gols), today)
	if len(errs) > 0 {
		t.Fatalf("input %+v: %v", in, errs)
	}
	return c
}

func unitByName(t *testing.T, ds *seed.Dataset, nama string) seed.Unit {
	for _, u := range ds.Units {
		if u.Nama == nama {
			return u
		}
	}
	t.Fatalf("no unit %s", nama)
	return seed.Unit{}
}

func TestSavePegawaiCreateDefaultsAtasanAndAudits(t *testing.T) {
	t.Parallel()
	st, _, ds := seeded(t)
	seksi := unitByName(t, ds, "Seksi Kurikulum SD")
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	in := checked(t, st, org.PegawaiInput{NIP: "199501012020121001", Nama: "Baru Sekali", JenisASN: "PNS", Golongan: "iii/a",
		Jabatan: "Analis Kurikulum", JenisJabatan: "Pelaksana", TMT: "2026-11-01"}, today)
	id, err := st.SavePegawai(ctx, actor, store.PegawaiChange{UnitID: seksi.ID, In: in})
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.GetPegawai(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	chain, _ := st.AtasanChain(ctx, id)
	if p.AtasanID == 0 || chain[0].Jabatan != "Kepala Seksi Kurikulum SD" {
		t.Fatalf("default atasan = %d (%v), want the head of the seksi", p.AtasanID, chain)
	}
	if p.JenisKelamin != "L" || p.Golongan != "III/a" {
		t.Fatalf("derived fields: %+v", p)
	}
	entries, _ := st.ListAudit(ctx, store.AuditFilter{Entity: "pegawai", EntityID: itoa(id)})
	if len(entries) != 1 || entries[0].Action != "pegawai.tambah" || entries[0].After == nil {
		t.Fatalf("audit = %+v", entries)
	}
	riwayat, _ := st.ListRiwayat(ctx, id)
	if len(riwayat) != 1 || !riwayat[0].TMT.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("riwayat = %+v", riwayat)
	}

	t.Run("duplicate NIP", func(t *testing.T) {
		_, err := st.SavePegawai(ctx, actor, store.PegawaiChange{UnitID: seksi.ID, In: in})
		if e := apperr.As(err); e == nil || !strings.Contains(e.Fields[org.FieldNIP], "sudah terdaftar atas nama Baru Sekali") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("unknown atasan NIP", func(t *testing.T) {
		in2 := in
		in2.NIP.Raw = "199501012020121002"
		in2.NIPAtasan = "199001012015011999"
		_, err := st.SavePegawai(ctx, actor, store.PegawaiChange{UnitID: seksi.ID, In: in2})
		if e := apperr.As(err); e == nil || !strings.Contains(e.Fields[org.FieldNIPAtasan], "Tidak ada pegawai") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a second head for a unit", func(t *testing.T) {
		in2 := in
		in2.NIP.Raw = "199501012020121003"
		in2.Jabatan, in2.JenisJabatan, in2.KepalaUnit = "Kepala Seksi Kurikulum SD", org.Pengawas, true
		_, err := st.SavePegawai(ctx, actor, store.PegawaiChange{UnitID: seksi.ID, In: in2})
		if e := apperr.As(err); e == nil || !strings.Contains(e.Fields[org.FieldJabatan], "sudah dijabat oleh") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestSavePegawaiUpdateRulesAndHistory(t *testing.T) {
	t.Parallel()
	st, _, ds := seeded(t)
	staff := ds.Pegawai[len(ds.Pegawai)-1]
	form, err := st.GetPegawaiForm(ctx, staff.ID)
	if err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	bkpsdm := unitByName(t, ds, "Subbidang Mutasi")

	// Mutasi to BKPSDM from 1 July 2026: the atasan follows the new unit.
	in := form.In
	in.TMT = "2026-07-01"
	c := checked(t, st, in, today)
	c.NIPAtasan = ""
	if _, err := st.SavePegawai(ctx, actor, store.PegawaiChange{ID: staff.ID, Version: form.Version, UnitID: bkpsdm.ID, In: c}); err != nil {
		t.Fatal(err)
	}
	moved, _ := st.GetPegawai(ctx, staff.ID)
	if moved.UnitID != bkpsdm.ID || moved.AtasanID == staff.AtasanID {
		t.Fatalf("after mutasi: unit %d atasan %d", moved.UnitID, moved.AtasanID)
	}
	before, err := st.PlacementOn(ctx, staff.ID, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC))
	if err != nil || before.UnitID != staff.UnitID || before.AtasanID != staff.AtasanID {
		t.Fatalf("placement on 30 June = %+v, %v; want the old unit and atasan", before, err)
	}
	after, err := st.PlacementOn(ctx, staff.ID, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || after.UnitID != bkpsdm.ID || after.AtasanID != moved.AtasanID {
		t.Fatalf("placement on 1 July = %+v, %v", after, err)
	}

	t.Run("a stale version is refused", func(t *testing.T) {
		_, err := st.SavePegawai(ctx, actor, store.PegawaiChange{ID: staff.ID, Version: form.Version, UnitID: bkpsdm.ID, In: c})
		if err != store.ErrStale {
			t.Fatalf("err = %v, want ErrStale", err)
		}
	})
	t.Run("a TMT before the last history entry is refused", func(t *testing.T) {
		f2, _ := st.GetPegawaiForm(ctx, staff.ID)
		c2 := c
		c2.TMT = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		c2.Golongan = "III/b"
		_, err := st.SavePegawai(ctx, actor, store.PegawaiChange{ID: staff.ID, Version: f2.Version, UnitID: bkpsdm.ID, In: c2})
		if e := apperr.As(err); e == nil || !strings.Contains(e.Fields[org.FieldTMT], "sebelum riwayat terakhir") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a cycle is refused with the chain named", func(t *testing.T) {
		// Make the Sekda report to this staff member.
		sekda, _ := st.GetPegawaiForm(ctx, 1)
		c3 := checked(t, st, sekda.In, today)
		c3.NIPAtasan = staff.NIP
		_, err := st.SavePegawai(ctx, actor, store.PegawaiChange{ID: 1, Version: sekda.Version, UnitID: sekda.UnitID, In: c3})
		e := apperr.As(err)
		if e == nil || !strings.Contains(e.Fields[org.FieldNIPAtasan], "rantai melingkar") || !strings.Contains(e.Fields[org.FieldNIPAtasan], staff.Nama) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("own atasan is refused", func(t *testing.T) {
		gols, _ := st.ListGolongan(ctx)
		in := form.In
		in.NIPAtasan = staff.NIP
		_, errs := org.CheckPegawaiInput(in, store.GolonganChecker(gols), today)
		if !strings.Contains(errs[org.FieldNIPAtasan], "dirinya sendiri") {
			t.Fatalf("errs = %v", errs)
		}
	})
	t.Run("every change is audited with before and after", func(t *testing.T) {
		entries, _ := st.ListAudit(ctx, store.AuditFilter{Entity: "pegawai", EntityID: itoa(staff.ID)})
		if len(entries) != 1 || entries[0].Action != "pegawai.ubah" || entries[0].Before == nil || entries[0].After == nil {
			t.Fatalf("audit = %+v", entries)
		}
		if !strings.Contains(jsonText(entries[0].Before), staff.NIP) {
			t.Fatalf("before = %s", jsonText(entries[0].Before))
		}
		if !strings.Contains(jsonText(entries[0].After), "Subbidang Mutasi") {
			t.Fatalf("after = %s", jsonText(entries[0].After))
		}
	})
}

func TestDeactivate(t *testing.T) {
	t.Parallel()
	st, _, ds := seeded(t)
	staff := ds.Pegawai[len(ds.Pegawai)-1]
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	f, _ := st.GetPegawaiForm(ctx, staff.ID)
	if err := st.SetPegawaiAktif(ctx, actor, staff.ID, f.Version, false, today, "pensiun"); err != nil {
		t.Fatal(err)
	}
	p, _ := st.GetPegawai(ctx, staff.ID)
	if p.Aktif {
		t.Fatal("still active")
	}
	head, _ := st.GetPegawaiForm(ctx, staff.AtasanID)
	err := st.SetPegawaiAktif(ctx, actor, staff.AtasanID, head.Version, false, today, "")
	if e := apperr.As(err); e == nil || !strings.Contains(e.Fields["aktif"], "masih menjadi atasan langsung") {
		t.Fatalf("deactivating an atasan: %v", err)
	}
}
