package store_test

import (
	"strings"
	"testing"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/periode"
	"kinerja/internal/store"
)

// newPeriode creates a period of year that settles the distribution per penilai, the
// mode most tests of Tetapkan exercise (newPeriodeOPD: kalibrasi OPD).
func newPeriode(t *testing.T, st *store.Store, year int) *store.PeriodStore {
	return newPeriodeMode(t, st, year, periode.KalibrasiPenilai)
}

func newPeriodeMode(t *testing.T, st *store.Store, year int, mode periode.Kalibrasi) *store.PeriodStore {
	t.Helper()
	in := periode.DefaultInput(year)
	in.Kalibrasi = string(mode)
	s, errs := periode.CheckSettings(in)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	id, err := st.CreatePeriode(ctx, actor, s)
	if err != nil {
		t.Fatal(err)
	}
	return st.Period(id)
}

func move(t *testing.T, p *store.PeriodStore, to periode.Fase) {
	t.Helper()
	cur, err := p.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Move(ctx, actor, cur.Version, to); err != nil {
		t.Fatalf("move to %s: %v", to, err)
	}
}

func TestPeriodeLifecycle(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	p := newPeriode(t, st, 2026)
	s2026, _ := periode.CheckSettings(periode.DefaultInput(2026))
	if _, err := st.CreatePeriode(ctx, actor, s2026); !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "sudah ada") {
		t.Fatalf("second 2026: %v", err)
	}
	cur, _ := p.Get(ctx)
	if cur.Fase != periode.Draft || cur.Peserta != 0 {
		t.Fatalf("new period: %+v", cur)
	}
	if err := p.Move(ctx, actor, cur.Version, periode.Pelaksanaan); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("skipping a phase: %v", err)
	}
	if err := p.Move(ctx, actor, cur.Version+7, periode.Perencanaan); err != store.ErrStale {
		t.Fatalf("stale move: %v", err)
	}
	move(t, p, periode.Perencanaan)
	cur, _ = p.Get(ctx)
	if cur.Peserta != len(ds.Pegawai) || cur.DibukaAt == nil {
		t.Fatalf("after opening: %d participants, want %d", cur.Peserta, len(ds.Pegawai))
	}
	staff := ds.Pegawai[len(ds.Pegawai)-1]
	snap, err := p.GetPeserta(ctx, staff.ID)
	if err != nil || snap.PenilaiID != staff.AtasanID || snap.AtasanPenilaiID == 0 {
		t.Fatalf("snapshot of staff: %+v %v", snap, err)
	}

	t.Run("the snapshot stays put when the organisation changes", func(t *testing.T) {
		form, _ := st.GetPegawaiForm(ctx, staff.ID)
		in := checked(t, st, form.In, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
		in.NIPAtasan = ""
		other := unitByName(t, ds, "Subbidang Mutasi")
		if _, err := st.SavePegawai(ctx, actor, store.PegawaiChange{ID: staff.ID, Version: form.Version, UnitID: other.ID, In: in}); err != nil {
			t.Fatal(err)
		}
		after, _ := p.GetPeserta(ctx, staff.ID)
		if after.UnitID != snap.UnitID || after.PenilaiID != snap.PenilaiID || after.Unit != snap.Unit {
			t.Fatalf("snapshot changed: %+v", after)
		}
	})

	t.Run("penilai changes within the period refuse loops", func(t *testing.T) {
		head, _ := p.GetPeserta(ctx, staff.AtasanID)
		err := p.SetPenilai(ctx, actor, head.PegawaiID, head.Version, staff.NIP, "uji")
		if e := apperr.As(err); e == nil || !strings.Contains(e.Fields["nip_penilai"], "melingkar") {
			t.Fatalf("loop: %v", err)
		}
		if err := p.SetPenilai(ctx, actor, staff.ID, snap.Version, staff.NIP, ""); !strings.Contains(err.Error(), "dirinya sendiri") {
			t.Fatalf("self: %v", err)
		}
		sekda := ds.Pegawai[0]
		if err := p.SetPenilai(ctx, actor, staff.ID, snap.Version, sekda.NIP, "penugasan khusus"); err != nil {
			t.Fatal(err)
		}
		x, _ := p.GetPeserta(ctx, staff.ID)
		if x.PenilaiID != sekda.ID || x.AtasanPenilaiID != 0 {
			t.Fatalf("after change: %+v", x)
		}
		if err := p.RemovePeserta(ctx, actor, sekda.ID, 1, "pindah instansi"); err == nil || !strings.Contains(err.Error(), "masih menjadi penilai") {
			t.Fatalf("removing a penilai: %v", err)
		}
		if err := p.RemovePeserta(ctx, actor, staff.ID, x.Version, "pensiun 1 Desember"); err != nil {
			t.Fatal(err)
		}
		if _, err := p.AddPeserta(ctx, actor, staff.NIP, "kembali aktif"); err != nil {
			t.Fatalf("re-adding: %v", err)
		}
	})

	t.Run("organisation predikat", func(t *testing.T) {
		if err := p.SetPredikatOPD(ctx, actor, 2, "baik"); err != nil {
			t.Fatal(err)
		}
		if err := p.SetPredikatOPD(ctx, actor, 2, "Luar Biasa"); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("bad predikat: %v", err)
		}
		list, _ := st.PredikatOPD(ctx, 2)
		if len(list) != 1 || list[0].Predikat != "Baik" || list[0].Tahun != 2026 {
			t.Fatalf("predikat: %+v", list)
		}
	})

	move(t, p, periode.Pelaksanaan)
	move(t, p, periode.Penilaian)
	move(t, p, periode.Selesai)

	t.Run("a closed period refuses every write, in the database too", func(t *testing.T) {
		for _, sql := range []string{
			`UPDATE periode_peserta SET penilai_id = NULL WHERE periode_id = $1`,
			`DELETE FROM periode_peserta WHERE periode_id = $1`,
			`INSERT INTO periode_predikat_opd (periode_id, opd_id, predikat) VALUES ($1, 3, 'Baik')`,
			`UPDATE periode_predikat_opd SET predikat = 'Kurang' WHERE periode_id = $1`,
			`UPDATE periode SET keberatan_hari = 30 WHERE id = $1`,
			`UPDATE periode SET fase = 'penilaian' WHERE id = $1`,
			`DELETE FROM periode WHERE id = $1`,
		} {
			if _, err := db.Pool.Exec(ctx, sql, p.ID()); err == nil || !strings.Contains(err.Error(), "ditutup") {
				t.Errorf("%s: %v", sql, err)
			}
		}
		x, _ := p.GetPeserta(ctx, ds.Pegawai[5].ID)
		if err := p.SetPenilai(ctx, actor, x.PegawaiID, x.Version, "", ""); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("SetPenilai on a closed period: %v", err)
		}
		if err := p.SetPredikatOPD(ctx, actor, 2, "Kurang"); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("predikat on a closed period: %v", err)
		}
		cur, _ := p.Get(ctx)
		if err := p.Move(ctx, actor, cur.Version, periode.Penilaian); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("moving a closed period: %v", err)
		}
	})

	t.Run("reopening needs a reason and is audited", func(t *testing.T) {
		cur, _ := p.Get(ctx)
		if err := p.Reopen(ctx, actor, cur.Version, "perlu"); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("short reason: %v", err)
		}
		if err := p.Reopen(ctx, actor, cur.Version, "Koreksi setelah putusan keberatan"); err != nil {
			t.Fatal(err)
		}
		cur, _ = p.Get(ctx)
		if cur.Fase != periode.Penilaian {
			t.Fatalf("after reopening: %s", cur.Fase)
		}
		entries, _ := st.ListAudit(ctx, store.AuditFilter{Action: "periode.buka_kembali"})
		if len(entries) != 1 || !strings.Contains(jsonText(entries[0].After), "Koreksi setelah putusan keberatan") {
			t.Fatalf("audit: %+v", entries)
		}
		moves, _ := st.ListAudit(ctx, store.AuditFilter{Action: "periode.fase"})
		if len(moves) != 4 {
			t.Fatalf("phase moves audited: %d", len(moves))
		}
		if _, err := db.Pool.Exec(ctx, `UPDATE periode_peserta SET keterangan = 'boleh lagi' WHERE periode_id = $1 AND pegawai_id = 1`, p.ID()); err != nil {
			t.Fatalf("a reopened period refuses writes: %v", err)
		}
	})
}
