package store_test

import (
	"testing"
	"time"

	"kinerja/internal/laporan"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/skp"
	"kinerja/internal/store"
)

// laporanFixture is a rated unit (Seksi Kurikulum SD: a head and three
// subordinates with approved plans) where one subordinate recorded all the work at
// Triwulan I, with bukti and umpan balik; one recorded part of it and then moved by
// mutasi in May to the head's own unit; one was taken out of the period. Elsewhere in
// the OPD one pegawai's record was deactivated.
type laporanFixture struct {
	ratedUnit
	st                    *store.Store
	unit, unit2           seed.Unit
	members, opdMembers   int // pegawai of the unit and of its OPD in the dataset
	penuh, pindah, keluar seed.Pegawai
	nonaktif              seed.Pegawai
	baru                  seed.Pegawai // the moved pegawai's new penilai
}

func newLaporanFixture(t *testing.T) laporanFixture {
	t.Helper()
	st, db, ds := seeded(t)
	f := laporanFixture{ratedUnit: newRatedUnit(t, st, db.Pool, ds), st: st, unit: unitByName(t, ds, "Seksi Kurikulum SD")}
	if len(f.subs) != 3 {
		t.Fatalf("the unit has %d subordinates, the fixture wants 3", len(f.subs))
	}
	f.penuh, f.pindah, f.keluar = f.subs[0], f.subs[1], f.subs[2]
	opdOf := map[int64]int64{}
	for _, u := range ds.Units {
		opdOf[u.ID] = u.OPDID
	}
	bawahan := map[int64]int{}
	for _, x := range ds.Pegawai {
		bawahan[x.AtasanID]++
	}
	for _, x := range ds.Pegawai {
		if x.UnitID == f.unit.ID {
			f.members++
		}
		if opdOf[x.UnitID] == f.unit.OPDID {
			f.opdMembers++
			if f.nonaktif.ID == 0 && x.UnitID != f.unit.ID && bawahan[x.ID] == 0 {
				f.nonaktif = x
			}
		}
		if x.ID == f.head.AtasanID {
			f.baru = x
		}
	}
	for _, u := range ds.Units {
		if u.ID == f.baru.UnitID {
			f.unit2 = u
		}
	}
	if f.unit2.OPDID != f.unit.OPDID || f.nonaktif.ID == 0 {
		t.Fatalf("fixture: new unit %+v, nonaktif %+v", f.unit2, f.nonaktif)
	}

	iki := func(peg int64) []int64 {
		k, err := f.p.GetSKP(ctx, f.skps[peg])
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, r := range k.RHK {
			for _, i := range r.IKI {
				ids = append(ids, i.ID)
			}
		}
		return ids
	}
	ten := 10.0
	full := iki(f.penuh.ID)
	if len(full) != 2 {
		t.Fatalf("plan has %d IKI", len(full))
	}
	if err := f.p.SaveRealisasi(ctx, actor, f.skps[f.penuh.ID], 1, []skp.Realisasi{{IKIID: full[0], Checkin: 1, Nilai: &ten}, {IKIID: full[1], Checkin: 1, Teks: "Selesai"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.p.AddBukti(ctx, actor, f.skps[f.penuh.ID], store.Bukti{IKIID: full[0], Checkin: 1, Jenis: "tautan", Judul: "Notulen", URL: "https://example.org/notulen"}); err != nil {
		t.Fatal(err)
	}
	if err := f.p.AddUmpanBalik(ctx, actor, f.skps[f.penuh.ID], store.UmpanBalik{Checkin: 1, Oleh: f.head.Nama, Peran: "penilai", Teks: "Bagus, lanjutkan."}); err != nil {
		t.Fatal(err)
	}
	// A reply by the pegawai is not the penilai's umpan balik.
	if err := f.p.AddUmpanBalik(ctx, actor, f.skps[f.pindah.ID], store.UmpanBalik{Checkin: 1, Oleh: f.pindah.Nama, Peran: "pegawai", Teks: "Mohon arahan."}); err != nil {
		t.Fatal(err)
	}
	half := iki(f.pindah.ID)
	if err := f.p.SaveRealisasi(ctx, actor, f.skps[f.pindah.ID], 1, []skp.Realisasi{{IKIID: half[0], Checkin: 1, Nilai: &ten}}); err != nil {
		t.Fatal(err)
	}

	x, err := f.p.GetPeserta(ctx, f.keluar.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.p.RemovePeserta(ctx, actor, f.keluar.ID, x.Version, "Tugas belajar"); err != nil {
		t.Fatal(err)
	}
	// The Admin BKD moves the pegawai's record to the new unit, then records the mutasi.
	var jabatan int64
	if err := db.Pool.QueryRow(ctx, `INSERT INTO jabatan (unit_kerja_id, nama, jenis) VALUES ($1, 'Analis Kurikulum', 'fungsional') RETURNING id`,
		f.unit2.ID).Scan(&jabatan); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE pegawai SET unit_kerja_id = $2, jabatan_id = $3, atasan_id = $4 WHERE id = $1`,
		f.pindah.ID, f.unit2.ID, jabatan, f.baru.ID); err != nil {
		t.Fatal(err)
	}
	x, err = f.p.GetPeserta(ctx, f.pindah.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.p.Mutasi(ctx, actor, f.pindah.ID, x.Version, store.MutasiInput{MutasiInput: periode.MutasiInput{TMT: "2026-05-15", Alasan: "SK 800/15/2026"}, PenilaiNIP: f.baru.NIP}); err != nil {
		t.Fatal(err)
	}
	form, err := st.GetPegawaiForm(ctx, f.nonaktif.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetPegawaiAktif(ctx, actor, f.nonaktif.ID, form.Version, false, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), "Pensiun"); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestLaporanCountsEveryStretchAsWhatItIs(t *testing.T) {
	t.Parallel()
	f := newLaporanFixture(t)
	pemda := laporan.Scope{Pemda: true}
	inUnit := store.LaporanQuery{Filter: laporan.Filter{OPDID: f.unit.OPDID, UnitID: f.unit.ID}, Scope: pemda}
	inOPD := store.LaporanQuery{Filter: laporan.Filter{OPDID: f.unit.OPDID}, Scope: pemda}
	sum := func(m map[int64]*laporan.BarisRencana) laporan.BarisRencana {
		out := laporan.BarisRencana{Status: map[laporan.StatusRencana]int{}}
		for _, r := range m {
			for _, st := range laporan.Statuses {
				out.Hitung.Add(st, r.Of(st))
			}
			for k, v := range r.Status {
				out.Status[k] += v
			}
		}
		return out
	}
	rencana := func(q store.LaporanQuery) map[int64]*laporan.BarisRencana {
		t.Helper()
		facts, err := f.p.LaporanRencana(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]*laporan.BarisRencana{}
		for _, x := range facts {
			if out[x.Key] == nil {
				out[x.Key] = &laporan.BarisRencana{}
			}
			out[x.Key].Add(x.Flags, x.Status, x.N)
		}
		return out
	}
	t.Run("perencanaan", func(t *testing.T) {
		r := rencana(inUnit)[f.unit.ID]
		want := laporan.Hitung{Aktif: f.members - 2, Dikeluarkan: 1, Dipindahkan: 1}
		if r == nil || r.Hitung != want {
			t.Fatalf("unit counts %+v, want %+v", r, want)
		}
		if r.Status[laporan.Disetujui] != 1 || r.Status[laporan.TanpaSKP] != f.members-3 || len(r.Status) != 2 {
			t.Errorf("plan columns %v: want 1 disetujui and %d without a plan", r.Status, f.members-3)
		}
		// By unit inside the OPD: the moved pegawai is active, with the new draft, in the new unit.
		units := rencana(inOPD)
		if r2 := units[f.unit2.ID]; r2 == nil || r2.Status[laporan.Draft] != 1 || r2.Dipindahkan != 0 {
			t.Errorf("new unit %+v: want the moved pegawai's draft", r2)
		}
		// The OPD as a whole: the moved pegawai counts once active and once moved.
		o := sum(units)
		if o.Hitung != (laporan.Hitung{Aktif: f.opdMembers - 2, Dikeluarkan: 1, Nonaktif: 1, Dipindahkan: 1}) ||
			o.Status[laporan.Disetujui] != 1 || o.Status[laporan.Draft] != 1 || o.Status[laporan.TanpaSKP] != f.opdMembers-4 {
			t.Errorf("OPD %+v", o)
		}
		// At the pemda level the rows are OPDs, and the OPD's row is the sum of its units.
		if p := rencana(store.LaporanQuery{Scope: pemda})[f.unit.OPDID]; p == nil || p.Hitung != o.Hitung || p.Status[laporan.Draft] != 1 {
			t.Errorf("pemda row of the OPD %+v, want %+v", p, o.Hitung)
		}
		// Filtering on a status keeps only those stretches.
		q := inUnit
		q.Filter.Status = laporan.Dipindahkan
		if r := rencana(q)[f.unit.ID]; r == nil || r.Hitung != (laporan.Hitung{Dipindahkan: 1}) {
			t.Errorf("status filter %+v", r)
		}
		q = inOPD
		q.Filter.JenisASN = "PPPK"
		if r := sum(rencana(q)); r.Aktif >= f.opdMembers-2 {
			t.Errorf("the PPPK filter kept %d of %d", r.Aktif, f.opdMembers-2)
		}
		// A penilai's scope: their subordinates, each as what they are, not the moved one's new stretch.
		scoped := sum(rencana(store.LaporanQuery{Filter: laporan.Filter{OPDID: f.unit.OPDID}, Scope: laporan.Scope{OPDID: f.unit.OPDID, AtasanID: f.head.ID}}))
		if scoped.Hitung != (laporan.Hitung{Aktif: 1, Dikeluarkan: 1, Dipindahkan: 1}) || scoped.Status[laporan.Disetujui] != 1 {
			t.Errorf("penilai scope %+v", scoped)
		}
		// The new penilai's scope holds the moved pegawai's new stretch.
		if s := sum(rencana(store.LaporanQuery{Filter: laporan.Filter{OPDID: f.unit.OPDID}, Scope: laporan.Scope{OPDID: f.unit.OPDID, AtasanID: f.baru.ID}})); s.Status[laporan.Draft] != 1 {
			t.Errorf("new penilai scope %+v", s)
		}
	})

	pelaksanaan := func(checkin int) laporan.BarisPelaksanaan {
		t.Helper()
		q := inUnit
		q.Checkin = checkin
		facts, err := f.p.LaporanPelaksanaan(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var r laporan.BarisPelaksanaan
		for _, x := range facts {
			if x.Key == f.unit.ID {
				r.Add(x.FaktaPelaksanaan)
			}
		}
		return r
	}
	t.Run("pelaksanaan", func(t *testing.T) {
		// At Triwulan I the moved pegawai was still here, with the approved plan.
		got := pelaksanaan(1)
		want := laporan.BarisPelaksanaan{Hitung: laporan.Hitung{Aktif: f.members - 1, Dikeluarkan: 1},
			DenganSKP: 2, Lengkap: 1, UmpanBalik: 1, IKI: 4, Terisi: 3, Berbukti: 1}
		if got != want {
			t.Errorf("Triwulan I %+v\nwant %+v", got, want)
		}
		// At Triwulan III the moved pegawai counts as moved, and nothing was recorded.
		got = pelaksanaan(3)
		want = laporan.BarisPelaksanaan{Hitung: laporan.Hitung{Aktif: f.members - 2, Dikeluarkan: 1, Dipindahkan: 1}, DenganSKP: 1, IKI: 2}
		if got != want {
			t.Errorf("Triwulan III %+v\nwant %+v", got, want)
		}
	})

	t.Run("penilaian", func(t *testing.T) {
		// The penilai rates both subordinates at Triwulan I (the removed one is not
		// among them) and publishes.
		if err := f.rate(t, f.penuh.ID, 1, penilaian.DiAtas, penilaian.DiAtas, 0); err != nil {
			t.Fatal(err)
		}
		if err := f.rate(t, f.pindah.ID, 1, penilaian.Sesuai, penilaian.Sesuai, 0); err != nil {
			t.Fatal(err)
		}
		q := inUnit
		q.Checkin = 1
		list, err := f.p.LaporanPenilai(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		// The unit's penilai: the head for the subordinates, the head's own atasan for the head.
		of := func(list []store.PenilaiLaporan, id int64) store.PenilaiLaporan {
			for _, x := range list {
				if x.PenilaiID == id {
					return x
				}
			}
			t.Fatalf("penilai %d not listed in %+v", id, list)
			return store.PenilaiLaporan{}
		}
		if h := of(list, f.head.ID); len(list) != 2 || h.DenganSKP != 2 || h.Dinilai != 2 || h.Total != 2 || laporan.Selesai(h.DenganSKP, h.Ditetapkan) {
			t.Errorf("before Tetapkan: penilai %+v", list)
		}
		if a := of(list, f.head.AtasanID); a.Total != 1 || a.DenganSKP != 0 || !laporan.Selesai(a.DenganSKP, a.Ditetapkan) {
			t.Errorf("the head's penilai %+v", a)
		}
		if _, err := f.p.Tetapkan(ctx, actor, f.head.ID, 1, "Unit kecil."); err != nil {
			t.Fatal(err)
		}
		facts, err := f.p.LaporanPenilaian(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var r laporan.BarisPenilaian
		for _, x := range facts {
			r.Add(x.FaktaPenilaian)
		}
		if r.Hitung != (laporan.Hitung{Aktif: f.members - 1, Dikeluarkan: 1}) || r.DenganSKP != 2 || r.Dinilai != 2 || r.Ditetapkan != 2 ||
			r.Predikat[penilaian.SangatBaik] != 1 || r.Predikat[penilaian.Baik] != 1 || r.KeberatanDiajukan != 0 {
			t.Errorf("penilaian %+v", r)
		}
		list, err = f.p.LaporanPenilai(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if h := of(list, f.head.ID); h.UmpanBalik != 1 || h.Ditetapkan != 2 || !laporan.Selesai(h.DenganSKP, h.Ditetapkan) {
			t.Errorf("after Tetapkan: penilai %+v", h)
		}

		// The named list at Triwulan I.
		got := map[int64]store.OrangLaporan{}
		if err := f.p.LaporanOrang(ctx, q, func(o store.OrangLaporan) error { got[o.PegawaiID] = o; return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != f.members {
			t.Errorf("%d named, want %d", len(got), f.members)
		}
		for _, c := range []struct {
			who  seed.Pegawai
			want laporan.Status
		}{{f.keluar, laporan.Dikeluarkan}, {f.pindah, laporan.Aktif}, {f.penuh, laporan.Aktif}} {
			if s := got[c.who.ID].Status(); s != c.want {
				t.Errorf("%s: %s, want %s", c.who.Nama, s, c.want)
			}
		}
		p := got[f.penuh.ID]
		if p.IKI != 2 || p.Terisi != 2 || p.Berbukti != 1 || !p.UmpanBalik || p.Predikat != string(penilaian.SangatBaik) || !p.Ditetapkan ||
			p.NIPPenilai != f.head.NIP || p.Rekap(2026).PredikatResmi() != "Sangat Baik" || p.Rencana != laporan.Disetujui {
			t.Errorf("the full worker %+v", p)
		}
		// The plan list holds the moved pegawai twice: moved here, active in the new unit.
		var stretches []laporan.Status
		q = inOPD
		q.Checkin = store.Rencana
		if err := f.p.LaporanOrang(ctx, q, func(o store.OrangLaporan) error {
			if o.PegawaiID == f.pindah.ID {
				stretches = append(stretches, o.Status())
			}
			if o.PegawaiID == f.nonaktif.ID && o.Status() != laporan.Nonaktif {
				t.Errorf("deactivated pegawai listed as %s", o.Status())
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(stretches) != 2 {
			t.Errorf("moved pegawai's stretches %v", stretches)
		}
	})

	t.Run("antartahun", func(t *testing.T) {
		move(t, f.p, periode.Penilaian)
		if err := f.rate(t, f.penuh.ID, 0, penilaian.DiAtas, penilaian.DiAtas, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := f.p.Tetapkan(ctx, actor, f.head.ID, 0, "Unit kecil."); err != nil {
			t.Fatal(err)
		}
		started := periode.StartedPhases()
		list, err := f.st.LaporanAntartahun(ctx, inUnit, started)
		if err != nil || len(list) != 1 || list[0] != (store.TahunPredikat{Tahun: 2026, Predikat: penilaian.SangatBaik, N: 1}) {
			t.Errorf("antartahun %+v %v", list, err)
		}
		other := inUnit
		other.Filter.UnitID, other.Filter.OPDID = f.unit2.ID, f.unit2.OPDID
		if list, err := f.st.LaporanAntartahun(ctx, other, started); err != nil || len(list) != 0 {
			t.Errorf("another unit's years %+v %v", list, err)
		}
		hist, err := f.st.PredikatAntartahun(ctx, []int64{f.penuh.ID, f.keluar.ID}, started)
		if err != nil || len(hist) != 1 || hist[0].PegawaiID != f.penuh.ID || hist[0].Predikat != "Sangat Baik" {
			t.Errorf("a pegawai's years %+v %v", hist, err)
		}
	})
}
