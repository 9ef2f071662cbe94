package store_test

import (
	"testing"

	"kinerja/internal/org"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/store"
)

// TestPeriksaDataFindsEachError plants one error of each kind in the demo
// organisation and checks that each is found, once, and that what is right is not.
func TestPeriksaDataFindsEachError(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	p := newPeriode(t, st, 2026)
	move(t, p, periode.Perencanaan)
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := db.Pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	kurikulumHead, kurikulumStaff := headOf(t, ds, "Seksi Kurikulum SD")
	promosiHead, promosiStaff := headOf(t, ds, "Seksi Promosi Kesehatan")
	saranaHead, saranaStaff := headOf(t, ds, "Seksi Sarana Prasarana SD")
	pendidikHead, _ := headOf(t, ds, "Seksi Pendidik")
	paud := unitByName(t, ds, "Seksi Kurikulum PAUD")
	smp := unitByName(t, ds, "Seksi Kurikulum SMP")
	var others []seed.Pegawai // staff of Seksi Kurikulum SD besides the first
	for _, x := range ds.Pegawai {
		if x.AtasanID == kurikulumHead.ID && x.ID != kurikulumStaff.ID {
			others = append(others, x)
		}
	}

	// A participant without a penilai.
	exec(`UPDATE periode_peserta SET penilai_id = NULL WHERE periode_id = $1 AND pegawai_id = $2`, p.ID(), kurikulumStaff.ID)
	// A penilai in another OPD without a reason, and one with a reason.
	exec(`UPDATE periode_peserta SET penilai_id = $3 WHERE periode_id = $1 AND pegawai_id = $2`, p.ID(), others[0].ID, promosiHead.ID)
	exec(`UPDATE periode_peserta SET penilai_id = $3, keterangan = 'Penugasan tim lintas OPD' WHERE periode_id = $1 AND pegawai_id = $2`, p.ID(), others[1].ID, promosiHead.ID)
	// A penilai taken out of the period, and one whose record is inactive.
	exec(`UPDATE periode_peserta SET aktif = false WHERE periode_id = $1 AND pegawai_id = $2`, p.ID(), saranaHead.ID)
	exec(`UPDATE pegawai SET aktif = false WHERE id = $1`, pendidikHead.ID)
	// A vacant head, a head in a jabatan that is not a head position, an inactive unit.
	exec(`UPDATE pegawai SET aktif = false WHERE id IN (SELECT p.id FROM pegawai p JOIN jabatan j ON j.id = p.jabatan_id WHERE j.unit_kerja_id = $1 AND j.kepala_unit)`, paud.ID)
	exec(`UPDATE jabatan SET jenis = 'pelaksana' WHERE unit_kerja_id = $1 AND kepala_unit`, smp.ID)
	exec(`UPDATE unit_kerja SET aktif = false WHERE id = $1`, unitByName(t, ds, "Seksi Promosi Kesehatan").ID)
	// A likely duplicate: the same person under a second NIP.
	exec(`INSERT INTO pegawai (nip, nama, gelar_depan, gelar_belakang, jenis_asn, jenis_kelamin, tempat_lahir, tanggal_lahir, pangkat_id, jabatan_id, unit_kerja_id, atasan_id)
		SELECT left(nip, 15) || '999', upper(nama), gelar_depan, gelar_belakang, jenis_asn, jenis_kelamin, tempat_lahir, tanggal_lahir, pangkat_id, jabatan_id, unit_kerja_id, atasan_id
		FROM pegawai WHERE id = $1`, saranaStaff.ID)

	found, err := st.PeriksaData(ctx, store.PeriksaQuery{PeriodeID: p.ID(), MaxBawahan: 12})
	if err != nil {
		t.Fatal(err)
	}
	got := map[org.Temuan][]store.TemuanData{}
	for _, x := range found {
		got[x.Jenis] = append(got[x.Jenis], x)
	}
	one := func(k org.Temuan, check func(store.TemuanData) bool) {
		t.Helper()
		n := 0
		for _, x := range got[k] {
			if check(x) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d matching findings in %+v", k.Label(), n, got[k])
		}
	}
	one(org.TanpaPenilai, func(x store.TemuanData) bool { return x.PegawaiID == kurikulumStaff.ID })
	if len(got[org.TanpaPenilai]) != 1 {
		t.Errorf("the pemda's top official is listed without a penilai: %+v", got[org.TanpaPenilai])
	}
	one(org.PenilaiLintasOPD, func(x store.TemuanData) bool { return x.PegawaiID == others[0].ID })
	if len(got[org.PenilaiLintasOPD]) != 1 {
		t.Errorf("a reasoned or an OPD head's cross-OPD penilai is listed: %+v", got[org.PenilaiLintasOPD])
	}
	for _, x := range ds.Pegawai {
		switch x.AtasanID {
		case saranaHead.ID:
			one(org.PenilaiBukanPeserta, func(f store.TemuanData) bool { return f.PegawaiID == x.ID })
		case pendidikHead.ID:
			one(org.PenilaiNonaktif, func(f store.TemuanData) bool { return f.PegawaiID == x.ID })
		}
	}
	one(org.KepalaKosong, func(x store.TemuanData) bool { return x.UnitID == paud.ID })
	one(org.KepalaBukanJabatan, func(x store.TemuanData) bool { return x.UnitID == smp.ID })
	if len(got[org.KepalaBukanJabatan]) != 1 {
		t.Errorf("heads in head positions listed: %+v", got[org.KepalaBukanJabatan])
	}
	one(org.OPDNonaktif, func(x store.TemuanData) bool { return x.PegawaiID == promosiStaff.ID })
	one(org.KemungkinanGanda, func(x store.TemuanData) bool { return x.PegawaiID == saranaStaff.ID })
	if len(got[org.KemungkinanGanda]) != 2 {
		t.Errorf("duplicates %+v", got[org.KemungkinanGanda])
	}
	if len(got[org.BawahanTakWajar]) != 1 || got[org.BawahanTakWajar][0].UnitID != unitByName(t, ds, "Sekretariat Daerah").ID {
		t.Errorf("unusual subordinates at 12: %+v", got[org.BawahanTakWajar])
	}

	// A kepala OPD's check reads their OPD only.
	disdik := unitByName(t, ds, "Dinas Pendidikan").OPDID
	mine, err := st.PeriksaData(ctx, store.PeriksaQuery{OPDID: disdik, PeriodeID: p.ID(), MaxBawahan: 12})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range mine {
		if x.OPDID != disdik {
			t.Errorf("another OPD's finding: %+v", x)
		}
	}
	if len(mine) == 0 || len(mine) >= len(found) {
		t.Errorf("OPD check: %d of %d", len(mine), len(found))
	}
}
