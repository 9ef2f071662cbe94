package store

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/org"
)

// TemuanData is one finding of Periksa data: a pegawai (or, for a vacant head, a
// unit) and what is wrong.
type TemuanData struct {
	Jenis     org.Temuan
	PegawaiID int64 // 0 for a unit
	NIP, Nama string
	UnitID    int64
	Unit      string
	OPDID     int64
	OPD       string
	Detail    string
}

// PeriksaQuery is what Periksa data checks: one OPD (0 for the pemda), the
// participants of a period (0 to skip the period's checks), and the number of direct
// subordinates above which a penilai is listed.
type PeriksaQuery struct {
	OPDID, PeriodeID int64
	MaxBawahan       int
}

// PeriksaData runs every check, set-based, and returns the findings by check and
// name. The rules deciding a candidate are org's (LintasOPDWajar, JabatanKepala,
// BawahanTakWajarAt).
func (s *Store) PeriksaData(ctx context.Context, q PeriksaQuery) ([]TemuanData, error) {
	var out []TemuanData
	add := func(t TemuanData) { out = append(out, t) }
	if q.PeriodeID != 0 {
		if err := s.periksaPenilai(ctx, q, add); err != nil {
			return nil, wrap("periksa penilai", err)
		}
	}
	if err := s.periksaOrg(ctx, q, add); err != nil {
		return nil, wrap("periksa organisasi", err)
	}
	return out, nil
}

// kepalaOPDSQL says whether pegawai g heads the root unit of an OPD.
const kepalaOPDSQL = `EXISTS (SELECT 1 FROM jabatan kj JOIN unit_kerja ku ON ku.id = kj.unit_kerja_id
	WHERE kj.id = g.jabatan_id AND kj.kepala_unit AND ku.parent_id IS NULL)`

func (s *Store) periksaPenilai(ctx context.Context, q PeriksaQuery, add func(TemuanData)) error {
	rows, err := s.pool.Query(ctx, `
		SELECT ps.pegawai_id, g.nip, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang), ps.unit_kerja_id, ps.unit_kerja, ps.opd_id, d.nama,
		       ps.penilai_id IS NULL, g.atasan_id IS NULL AND `+kepalaOPDSQL+`, `+kepalaOPDSQL+`,
		       coalesce(pg.nip, ''), coalesce(nama_lengkap(pg.gelar_depan, pg.nama, pg.gelar_belakang), ''),
		       coalesce(pp.aktif, false), coalesce(pg.aktif, false), coalesce(pp.opd_id, pu.opd_id, 0) <> ps.opd_id, coalesce(pd.nama, ''), ps.keterangan
		FROM periode_peserta ps
		JOIN pegawai g ON g.id = ps.pegawai_id
		JOIN perangkat_daerah d ON d.id = ps.opd_id
		LEFT JOIN pegawai pg ON pg.id = ps.penilai_id
		LEFT JOIN periode_peserta pp ON pp.periode_id = ps.periode_id AND pp.pegawai_id = ps.penilai_id
		LEFT JOIN unit_kerja pu ON pu.id = pg.unit_kerja_id
		LEFT JOIN perangkat_daerah pd ON pd.id = coalesce(pp.opd_id, pu.opd_id)
		WHERE ps.periode_id = $1 AND ps.aktif AND ($2::bigint = 0 OR ps.opd_id = $2)
		  AND (ps.penilai_id IS NULL OR pp.pegawai_id IS NULL OR NOT pp.aktif OR NOT pg.aktif OR coalesce(pp.opd_id, pu.opd_id) <> ps.opd_id)
		ORDER BY d.nama, ps.unit_kerja, g.nama`, q.PeriodeID, q.OPDID)
	if err != nil {
		return err
	}
	var t TemuanData
	var tanpa, puncak, kepala, peserta, aktif, lintas bool
	var pnip, pnama, popd, ket string
	_, err = pgx.ForEachRow(rows, []any{&t.PegawaiID, &t.NIP, &t.Nama, &t.UnitID, &t.Unit, &t.OPDID, &t.OPD, &tanpa, &puncak, &kepala,
		&pnip, &pnama, &peserta, &aktif, &lintas, &popd, &ket}, func() error {
		penilai := pnama + " (" + org.FormatNIP(pnip) + ")"
		switch {
		case tanpa:
			if !puncak { // the pemda's top official is rated outside the system
				t.Jenis, t.Detail = org.TanpaPenilai, "Belum ada penilai pada periode ini."
				add(t)
			}
		case !aktif:
			t.Jenis, t.Detail = org.PenilaiNonaktif, "Penilai: "+penilai+", nonaktif."
			add(t)
		case !peserta:
			t.Jenis, t.Detail = org.PenilaiBukanPeserta, "Penilai: "+penilai+", bukan peserta aktif periode ini."
			add(t)
		case lintas && !org.LintasOPDWajar(kepala, ket):
			t.Jenis, t.Detail = org.PenilaiLintasOPD, "Penilai: "+penilai+", di "+popd+"."
			add(t)
		}
		return nil
	})
	return err
}

func (s *Store) periksaOrg(ctx context.Context, q PeriksaQuery, add func(TemuanData)) error {
	// Vacant heads of units that have active pegawai.
	rows, err := s.pool.Query(ctx, `
		SELECT u.id, u.nama, u.opd_id, d.nama, (SELECT count(*) FROM pegawai p WHERE p.unit_kerja_id = u.id AND p.aktif)::int
		FROM unit_kerja u JOIN perangkat_daerah d ON d.id = u.opd_id
		WHERE u.aktif AND d.aktif AND ($1::bigint = 0 OR u.opd_id = $1)
		  AND EXISTS (SELECT 1 FROM pegawai p WHERE p.unit_kerja_id = u.id AND p.aktif)
		  AND NOT EXISTS (SELECT 1 FROM jabatan j JOIN pegawai p ON p.jabatan_id = j.id AND p.aktif WHERE j.unit_kerja_id = u.id AND j.kepala_unit AND j.aktif)
		ORDER BY d.nama, u.nama`, q.OPDID)
	if err != nil {
		return err
	}
	var t TemuanData
	var n int
	if _, err = pgx.ForEachRow(rows, []any{&t.UnitID, &t.Unit, &t.OPDID, &t.OPD, &n}, func() error {
		add(TemuanData{Jenis: org.KepalaKosong, UnitID: t.UnitID, Unit: t.Unit, OPDID: t.OPDID, OPD: t.OPD, Nama: t.Unit,
			Detail: strconv.Itoa(n) + " pegawai aktif di unit ini tanpa kepala."})
		return nil
	}); err != nil {
		return err
	}

	// The pegawai checks, in one pass over the active pegawai.
	rows, err = s.pool.Query(ctx, `
		WITH g AS (
		    SELECT g.*, count(*) OVER (PARTITION BY lower(g.nama), g.tanggal_lahir) AS kembar
		    FROM pegawai g WHERE g.aktif
		)
		SELECT g.id, g.nip, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang), g.unit_kerja_id, u.nama, u.opd_id, d.nama,
		       j.kepala_unit, j.jenis, j.nama, u.aktif AND d.aktif, g.kembar::int,
		       (SELECT count(*) FROM pegawai b WHERE b.atasan_id = g.id AND b.aktif)::int
		FROM g JOIN unit_kerja u ON u.id = g.unit_kerja_id JOIN perangkat_daerah d ON d.id = u.opd_id JOIN jabatan j ON j.id = g.jabatan_id
		WHERE ($1::bigint = 0 OR u.opd_id = $1)
		  AND (j.kepala_unit OR NOT (u.aktif AND d.aktif) OR g.kembar > 1 OR EXISTS (SELECT 1 FROM pegawai b WHERE b.atasan_id = g.id AND b.aktif))
		ORDER BY d.nama, u.nama, g.nama, g.id`, q.OPDID)
	if err != nil {
		return err
	}
	var kepala, aktif bool
	var jenis, jabatan string
	var kembar, bawahan int
	var heads, moved, twins, many []TemuanData
	_, err = pgx.ForEachRow(rows, []any{&t.PegawaiID, &t.NIP, &t.Nama, &t.UnitID, &t.Unit, &t.OPDID, &t.OPD, &kepala, &jenis, &jabatan, &aktif, &kembar, &bawahan}, func() error {
		if kepala && !org.JabatanKepala(jenis) {
			x := t
			x.Jenis, x.Detail = org.KepalaBukanJabatan, "Jabatan "+jabatan+" ("+org.JenisJabatanLabel(jenis)+") ditandai sebagai kepala unit."
			heads = append(heads, x)
		}
		if org.BawahanTakWajarAt(bawahan, q.MaxBawahan) {
			x := t
			x.Jenis, x.Detail = org.BawahanTakWajar, strconv.Itoa(bawahan)+" bawahan langsung (batas wajar "+strconv.Itoa(q.MaxBawahan)+")."
			many = append(many, x)
		}
		if !aktif {
			x := t
			x.Jenis, x.Detail = org.OPDNonaktif, "Unit kerja atau perangkat daerahnya nonaktif."
			moved = append(moved, x)
		}
		if kembar > 1 {
			x := t
			x.Jenis, x.Detail = org.KemungkinanGanda, strconv.Itoa(kembar)+" pegawai aktif bernama sama dengan tanggal lahir sama."
			twins = append(twins, x)
		}
		return nil
	})
	for _, list := range [][]TemuanData{heads, many, moved, twins} {
		for _, x := range list {
			add(x)
		}
	}
	return err
}
