package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/laporan"
	"kinerja/internal/penilaian"
)

// The Laporan queries. Every report reads the same population: each stretch
// (penugasan) of each participant of the period, in the OPD and unit it was spent in,
// narrowed by the filter and the viewer's scope; laporan.StatusOf then decides how a
// stretch is counted. The queries group in SQL by the facts the domain needs and
// never read a row per participant except for named lists and downloads.

// LaporanQuery is what a report asks for.
type LaporanQuery struct {
	Filter laporan.Filter
	Scope  laporan.Scope
	// Checkin is the check-in read (0 the year); Rencana for the plan, which is per
	// stretch and not per check-in.
	Checkin int
}

// Rencana is the LaporanQuery.Checkin of the plan reports.
const Rencana = -1

// laporanPop is the population, with $1 period, $2 check-in, $3 OPD, $4 unit, $5 jenis
// jabatan, $6 jenis ASN and $7 the atasan of a penilai's scope (0 for none). At a
// check-in, a stretch that does not hold it is "lama" (the mutasi moved the person on),
// and a later stretch that had not begun is left out; for the plan and the year every
// earlier stretch is lama.
const laporanPop = `
WITH RECURSIVE bawahan(id) AS (
    SELECT pegawai_id FROM periode_peserta WHERE periode_id = $1 AND penilai_id = $7
    UNION
    SELECT ps.pegawai_id FROM periode_peserta ps JOIN bawahan b ON ps.penilai_id = b.id WHERE ps.periode_id = $1
),
pop AS (
    SELECT ps.pegawai_id, ps.penugasan_ke AS ke, ps.opd_id, ps.unit_kerja_id, ps.jabatan, ps.jenis_jabatan, ps.unit_kerja, ps.golongan,
           ps.penilai_id, ps.aktif AS peserta_aktif, false AS lama
    FROM periode_peserta ps
    WHERE ps.periode_id = $1 AND ($2::int <= 0 OR $2::int >= ps.checkin_dari)
    UNION ALL
    SELECT x.pegawai_id, x.ke, x.opd_id, x.unit_kerja_id, x.jabatan, x.jenis_jabatan, x.unit_kerja, x.golongan,
           x.penilai_id, ps.aktif, NOT ($2::int > 0 AND $2::int BETWEEN x.checkin_dari AND x.checkin_sampai)
    FROM periode_penugasan x JOIN periode_peserta ps ON ps.periode_id = x.periode_id AND ps.pegawai_id = x.pegawai_id
    WHERE x.periode_id = $1 AND ($2::int <= 0 OR $2::int >= x.checkin_dari)
),
f AS (
    SELECT pop.*, g.aktif AS pegawai_aktif, g.jenis_asn
    FROM pop JOIN pegawai g ON g.id = pop.pegawai_id
    WHERE ($3::bigint = 0 OR pop.opd_id = $3) AND ($4::bigint = 0 OR pop.unit_kerja_id = $4)
      AND ($5::text = '' OR pop.jenis_jabatan = $5) AND ($6::text = '' OR g.jenis_asn = $6)
      AND ($7::bigint = 0 OR pop.penilai_id = $7 OR pop.pegawai_id IN (SELECT id FROM bawahan))
)`

// laporanSKP joins the stretch's plan: whether a version was approved, the latest
// version's status and the approved version in force.
const laporanSKP = `
LEFT JOIN LATERAL (
    SELECT bool_or(status = 'disetujui') AS ada_disetujui, (array_agg(status ORDER BY versi DESC))[1] AS terakhir,
           (array_agg(id ORDER BY versi DESC) FILTER (WHERE status = 'disetujui'))[1] AS berlaku
    FROM skp WHERE periode_id = $1 AND pegawai_id = f.pegawai_id AND penugasan_ke = f.ke
) s ON true`

// laporanKerja joins the work at the check-in on the plan in force: its indicators,
// those with realisasi, those with bukti, and whether the penilai gave umpan balik
// (on any version of the stretch's plan).
const laporanKerja = `
LEFT JOIN LATERAL (
    SELECT count(*)::int AS iki,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM realisasi r WHERE r.skp_id = s.berlaku AND r.iki_id = i.id AND r.checkin = $2
                                          AND (r.nilai IS NOT NULL OR btrim(r.teks) <> '')))::int AS terisi,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bukti_dukung b WHERE b.skp_id = s.berlaku AND b.iki_id = i.id AND b.checkin = $2))::int AS berbukti
    FROM skp_rhk h JOIN skp_iki i ON i.rhk_id = h.id WHERE h.skp_id = s.berlaku
) w ON true
LEFT JOIN LATERAL (
    SELECT EXISTS (SELECT 1 FROM umpan_balik u JOIN skp s2 ON s2.id = u.skp_id
                   WHERE s2.periode_id = $1 AND s2.pegawai_id = f.pegawai_id AND s2.penugasan_ke = f.ke AND u.checkin = $2 AND u.peran = 'penilai') AS ub
) ub ON true`

// laporanNilai joins the rating at the check-in, which belongs to the stretch holding
// it, and its keberatan.
const laporanNilai = `
LEFT JOIN penilaian pn ON pn.periode_id = $1 AND pn.pegawai_id = f.pegawai_id AND pn.checkin = greatest($2::int, 0) AND NOT f.lama
LEFT JOIN keberatan kb ON kb.penilaian_id = pn.id`

func (q LaporanQuery) args(periodeID int64) []any {
	return []any{periodeID, q.Checkin, q.Filter.OPDID, q.Filter.UnitID, q.Filter.JenisJabatan, q.Filter.JenisASN, q.Scope.AtasanID}
}

// groupKey is the row key of the query's level: the OPD, else the unit.
func (q LaporanQuery) groupKey() string {
	if q.Filter.Level() == laporan.LevelOPD {
		return "f.opd_id"
	}
	return "f.unit_kerja_id"
}

// keep reports whether a stretch passes the filter's status.
func (q LaporanQuery) keep(fl laporan.Flags) bool {
	return q.Filter.Status == "" || laporan.StatusOf(fl) == q.Filter.Status
}

// laporanFakta runs a report's grouped query, scanning each row into x (dest lists
// its fields in column order) and keeping those whose flags pass the status filter.
func laporanFakta[T any](ctx context.Context, p *PeriodStore, op string, q LaporanQuery, sql string, x *T, flags *laporan.Flags, dest []any, done func()) ([]T, error) {
	rows, err := p.s.pool.Query(ctx, laporanPop+sql, q.args(p.id)...)
	if err != nil {
		return nil, wrap(op, err)
	}
	var out []T
	_, err = pgx.ForEachRow(rows, dest, func() error {
		if q.keep(*flags) {
			if done != nil {
				done()
			}
			out = append(out, *x)
		}
		return nil
	})
	return out, wrap(op, err)
}

// FaktaRencana is the plan facts of N stretches alike, in one row of the report.
type FaktaRencana struct {
	Key    int64
	Flags  laporan.Flags
	Status laporan.StatusRencana
	N      int
}

// LaporanRencana counts the plan status of the population by row (OPD or unit).
func (p *PeriodStore) LaporanRencana(ctx context.Context, q LaporanQuery) ([]FaktaRencana, error) {
	q.Checkin = Rencana
	var x FaktaRencana
	var ok bool
	var last string
	return laporanFakta(ctx, p, "laporan rencana", q, `
		SELECT `+q.groupKey()+`, f.peserta_aktif, f.pegawai_aktif, f.lama, coalesce(s.ada_disetujui, false), coalesce(s.terakhir, ''), count(*)::int
		FROM f`+laporanSKP+`
		GROUP BY 1, 2, 3, 4, 5, 6`, &x, &x.Flags, []any{&x.Key, &x.Flags.PesertaAktif, &x.Flags.PegawaiAktif, &x.Flags.Lama, &ok, &last, &x.N},
		func() { x.Status = laporan.StatusSKP(ok, last) })
}

// FaktaPelaksanaan is laporan.FaktaPelaksanaan in one row of the report.
type FaktaPelaksanaan struct {
	Key int64
	laporan.FaktaPelaksanaan
}

// LaporanPelaksanaan counts the work at a check-in by row.
func (p *PeriodStore) LaporanPelaksanaan(ctx context.Context, q LaporanQuery) ([]FaktaPelaksanaan, error) {
	var x FaktaPelaksanaan
	return laporanFakta(ctx, p, "laporan pelaksanaan", q, `
		SELECT `+q.groupKey()+`, f.peserta_aktif, f.pegawai_aktif, f.lama, s.berlaku IS NOT NULL, coalesce(ub.ub, false),
		       coalesce(w.iki, 0), coalesce(w.terisi, 0), sum(coalesce(w.berbukti, 0))::int, count(*)::int
		FROM f`+laporanSKP+laporanKerja+`
		GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`, &x, &x.Flags,
		[]any{&x.Key, &x.PesertaAktif, &x.PegawaiAktif, &x.Lama, &x.DenganSKP, &x.UmpanBalik, &x.IKI, &x.Terisi, &x.Berbukti, &x.N}, nil)
}

// FaktaPenilaian is laporan.FaktaPenilaian in one row of the report.
type FaktaPenilaian struct {
	Key int64
	laporan.FaktaPenilaian
}

// LaporanPenilaian counts the ratings at a check-in (0 the year) by row.
func (p *PeriodStore) LaporanPenilaian(ctx context.Context, q LaporanQuery) ([]FaktaPenilaian, error) {
	var x FaktaPenilaian
	var pred string
	return laporanFakta(ctx, p, "laporan penilaian", q, `
		SELECT `+q.groupKey()+`, f.peserta_aktif, f.pegawai_aktif, f.lama, s.berlaku IS NOT NULL, coalesce(pn.predikat, ''),
		       pn.ditetapkan_at IS NOT NULL, coalesce(kb.status, ''), count(*)::int
		FROM f`+laporanSKP+laporanNilai+`
		GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`, &x, &x.Flags,
		[]any{&x.Key, &x.PesertaAktif, &x.PegawaiAktif, &x.Lama, &x.DenganSKP, &pred, &x.Ditetapkan, &x.Keberatan, &x.N},
		func() { x.Predikat = penilaian.Predikat(pred) })
}

// PenilaiLaporan is one penilai's part at a check-in: subordinates with an approved
// plan, of them with umpan balik, rated and published.
type PenilaiLaporan struct {
	PenilaiID                  int64
	NIP, Nama                  string
	DenganSKP, UmpanBalik      int
	Dinilai, Ditetapkan, Total int
}

// LaporanPenilai lists the penilai of the population's active stretches at a
// check-in, by name.
func (p *PeriodStore) LaporanPenilai(ctx context.Context, q LaporanQuery) ([]PenilaiLaporan, error) {
	rows, err := p.s.pool.Query(ctx, laporanPop+`,
		k AS (
		    SELECT f.penilai_id, s.berlaku IS NOT NULL AS dengan_skp, coalesce(ub.ub, false) AS ub, pn.predikat IS NOT NULL AS dinilai,
		           pn.ditetapkan_at IS NOT NULL AS ditetapkan
		    FROM f`+laporanSKP+laporanKerja+laporanNilai+`
		    WHERE f.peserta_aktif AND f.pegawai_aktif AND NOT f.lama AND f.penilai_id IS NOT NULL
		)
		SELECT k.penilai_id, g.nip, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang),
		       count(*) FILTER (WHERE dengan_skp)::int, count(*) FILTER (WHERE dengan_skp AND ub)::int,
		       count(*) FILTER (WHERE dinilai)::int, count(*) FILTER (WHERE ditetapkan)::int, count(*)::int
		FROM k JOIN pegawai g ON g.id = k.penilai_id
		GROUP BY 1, 2, 3 ORDER BY 3, 1`, q.args(p.id)...)
	if err != nil {
		return nil, wrap("laporan penilai", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[PenilaiLaporan])
	return list, wrap("laporan penilai", err)
}

// OrangLaporan is one stretch of a participant with every fact a report lists.
type OrangLaporan struct {
	PegawaiID                      int64
	NIP, Nama, Jabatan, Golongan   string
	Unit, OPD, JenisASN            string
	Flags                          laporan.Flags
	SKPID                          int64 // the plan in force; 0 without
	Rencana                        laporan.StatusRencana
	IKI, Terisi, Berbukti          int
	UmpanBalik                     bool
	HasilKerja, Perilaku, Predikat string
	Ditetapkan                     bool
	Keberatan                      string
	NIPPenilai, NamaPenilai        string
}

// Status is how the stretch is counted.
func (o OrangLaporan) Status() laporan.Status { return laporan.StatusOf(o.Flags) }

// Rekap is the stretch as the rekap and reconciliation files print it.
func (o OrangLaporan) Rekap(tahun int) laporan.BarisRekap {
	return laporan.BarisRekap{NIP: o.NIP, Nama: o.Nama, Jabatan: o.Jabatan, Golongan: o.Golongan, Unit: o.Unit, OPD: o.OPD,
		NIPPenilai: o.NIPPenilai, NamaPenilai: o.NamaPenilai, JenisASN: o.JenisASN, HasilKerja: penilaian.Rating(o.HasilKerja),
		Perilaku: penilaian.Rating(o.Perilaku), Predikat: penilaian.Predikat(o.Predikat), Ditetapkan: o.Ditetapkan, Tahun: tahun}
}

// LaporanOrang calls each for every stretch of the population (filtered by status)
// by OPD, unit and name, with the plan facts, and with the work and rating facts
// unless q.Checkin is Rencana. It streams: the caller may write each row out.
func (p *PeriodStore) LaporanOrang(ctx context.Context, q LaporanQuery, each func(OrangLaporan) error) error {
	kerja, nilai := "0, 0, 0, false", "'', '', '', false, ''"
	joins := laporanSKP
	if q.Checkin != Rencana {
		kerja = "coalesce(w.iki, 0), coalesce(w.terisi, 0), coalesce(w.berbukti, 0), coalesce(ub.ub, false)"
		nilai = "coalesce(pn.hasil_kerja, ''), coalesce(pn.perilaku, ''), coalesce(pn.predikat, ''), pn.ditetapkan_at IS NOT NULL, coalesce(kb.status, '')"
		joins += laporanKerja + laporanNilai
	}
	rows, err := p.s.pool.Query(ctx, laporanPop+`
		SELECT f.pegawai_id, g.nip, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang), f.jabatan, f.golongan, f.unit_kerja, d.nama, f.jenis_asn,
		       f.peserta_aktif, f.pegawai_aktif, f.lama, coalesce(s.berlaku, 0), coalesce(s.ada_disetujui, false), coalesce(s.terakhir, ''),
		       `+kerja+`, `+nilai+`, coalesce(pg.nip, ''), coalesce(nama_lengkap(pg.gelar_depan, pg.nama, pg.gelar_belakang), '')
		FROM f JOIN pegawai g ON g.id = f.pegawai_id JOIN perangkat_daerah d ON d.id = f.opd_id
		LEFT JOIN pegawai pg ON pg.id = f.penilai_id`+joins+`
		ORDER BY d.nama, f.unit_kerja, g.nama, g.nip, f.ke`, q.args(p.id)...)
	if err != nil {
		return wrap("laporan orang", err)
	}
	var o OrangLaporan
	var ok bool
	var last string
	_, err = pgx.ForEachRow(rows, []any{&o.PegawaiID, &o.NIP, &o.Nama, &o.Jabatan, &o.Golongan, &o.Unit, &o.OPD, &o.JenisASN,
		&o.Flags.PesertaAktif, &o.Flags.PegawaiAktif, &o.Flags.Lama, &o.SKPID, &ok, &last,
		&o.IKI, &o.Terisi, &o.Berbukti, &o.UmpanBalik, &o.HasilKerja, &o.Perilaku, &o.Predikat, &o.Ditetapkan, &o.Keberatan,
		&o.NIPPenilai, &o.NamaPenilai}, func() error {
		if !q.keep(o.Flags) {
			return nil
		}
		o.Rencana = laporan.StatusSKP(ok, last)
		return each(o)
	})
	return wrap("laporan orang", err)
}

// TahunPredikat is the count of one published annual predikat in one period.
type TahunPredikat struct {
	Tahun    int
	Predikat penilaian.Predikat
	N        int
}

// LaporanAntartahun counts the published annual predikat of every started period,
// by year, for the participants of each period in the filter's OPD and unit (by the
// OPD and unit of their current stretch) and, for a penilai's scope, below the atasan
// then.
func (s *Store) LaporanAntartahun(ctx context.Context, q LaporanQuery, started []string) ([]TahunPredikat, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT pr.tahun, pn.predikat, count(*)::int
		FROM periode pr
		JOIN periode_peserta ps ON ps.periode_id = pr.id AND ps.aktif
		JOIN pegawai g ON g.id = ps.pegawai_id
		JOIN penilaian pn ON pn.periode_id = pr.id AND pn.pegawai_id = ps.pegawai_id AND pn.checkin = 0 AND pn.ditetapkan_at IS NOT NULL
		WHERE pr.fase = ANY($1) AND ($2::bigint = 0 OR ps.opd_id = $2) AND ($3::bigint = 0 OR ps.unit_kerja_id = $3)
		  AND ($4::text = '' OR ps.jenis_jabatan = $4) AND ($5::text = '' OR g.jenis_asn = $5)
		  AND ($6::bigint = 0 OR ps.penilai_id = $6 OR ps.pegawai_id IN (
		      WITH RECURSIVE b(id) AS (SELECT x.pegawai_id FROM periode_peserta x WHERE x.periode_id = pr.id AND x.penilai_id = $6
		          UNION SELECT y.pegawai_id FROM periode_peserta y JOIN b ON y.penilai_id = b.id WHERE y.periode_id = pr.id)
		      SELECT id FROM b))
		GROUP BY 1, 2 ORDER BY 1, 2`, started, q.Filter.OPDID, q.Filter.UnitID, q.Filter.JenisJabatan, q.Filter.JenisASN, q.Scope.AtasanID)
	if err != nil {
		return nil, wrap("laporan antartahun", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[TahunPredikat])
	return list, wrap("laporan antartahun", err)
}

// PredikatTahunan is one pegawai's published annual predikat in one period.
type PredikatTahunan struct {
	PegawaiID int64
	Tahun     int
	Predikat  string
}

// PredikatAntartahun returns the published annual predikat of the given pegawai in
// every started period.
func (s *Store) PredikatAntartahun(ctx context.Context, pegawai []int64, started []string) ([]PredikatTahunan, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT pn.pegawai_id, pr.tahun, pn.predikat
		FROM penilaian pn JOIN periode pr ON pr.id = pn.periode_id
		WHERE pn.pegawai_id = ANY($1) AND pn.checkin = 0 AND pn.ditetapkan_at IS NOT NULL AND pr.fase = ANY($2)
		ORDER BY 1, 2`, pegawai, started)
	if err != nil {
		return nil, wrap("predikat antartahun", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[PredikatTahunan])
	return list, wrap("predikat antartahun", err)
}

// OPDPredikat returns the organisation predikat of every OPD in the period, by OPD.
func (p *PeriodStore) OPDPredikat(ctx context.Context) (map[int64]string, error) {
	rows, err := p.s.pool.Query(ctx, `SELECT opd_id, predikat FROM periode_predikat_opd WHERE periode_id = $1`, p.id)
	if err != nil {
		return nil, wrap("opd predikat", err)
	}
	out := map[int64]string{}
	var id int64
	var pred string
	_, err = pgx.ForEachRow(rows, []any{&id, &pred}, func() error { out[id] = pred; return nil })
	return out, wrap("opd predikat", err)
}

// JenisJabatan lists the jenis jabatan codes and names in order.
func (s *Store) JenisJabatan(ctx context.Context) ([][2]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT kode, nama FROM jenis_jabatan ORDER BY urutan`)
	if err != nil {
		return nil, wrap("jenis jabatan", err)
	}
	var out [][2]string
	var k, n string
	_, err = pgx.ForEachRow(rows, []any{&k, &n}, func() error { out = append(out, [2]string{k, n}); return nil })
	return out, wrap("jenis jabatan", err)
}
