package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// KinerjaTahun is one period of a pegawai's riwayat kinerja: where they were placed,
// their latest SKP, the published annual rating and the keberatan they filed.
type KinerjaTahun struct {
	PeriodeID   int64
	Tahun       int
	Fase        string
	Aktif       bool // still a participant (not taken out of the period)
	Jabatan     string
	Unit        string
	OPD         string
	OPDID       int64
	Penilai     string // nama lengkap with gelar; "" without a penilai
	PenilaiID   int64
	AtasanID    int64 // the penilai's penilai in that period (the atasan penilai)
	SKPID       int64 // the latest version; 0 without a plan
	SKPVersi    int
	SKPStatus   string
	SKPDibuat   bool
	Predikat    string // the published annual predikat; "" while not published
	HasilKerja  string
	Perilaku    string
	KbCheckin   []int    // the check-ins with a keberatan (0 is the year)
	KbStatus    []string // their status, in the same order
	Checkins    []int    // the published periodic ratings' check-ins
	CheckinPred []string // and their predikat
}

// RiwayatKinerja returns every opened period in which the pegawai took part, newest
// first, in one statement.
func (s *Store) RiwayatKinerja(ctx context.Context, pegawaiID int64) ([]KinerjaTahun, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT p.id, p.tahun, p.fase, ps.aktif, ps.jabatan, ps.unit_kerja, d.nama, ps.opd_id,
		       coalesce(`+namaLengkapSQL+`, ''), coalesce(ps.penilai_id, 0), coalesce(pp.penilai_id, 0),
		       coalesce(k.id, 0), coalesce(k.versi, 0), coalesce(k.status, ''), k.id IS NOT NULL,
		       coalesce(n.predikat, ''), coalesce(n.hasil_kerja, ''), coalesce(n.perilaku, ''),
		       coalesce(kb.checkin, '{}'), coalesce(kb.status, '{}'), coalesce(c.checkin, '{}'), coalesce(c.predikat, '{}')
		FROM periode_peserta ps
		JOIN periode p ON p.id = ps.periode_id AND p.fase = ANY($2)
		JOIN perangkat_daerah d ON d.id = ps.opd_id
		LEFT JOIN pegawai g ON g.id = ps.penilai_id
		LEFT JOIN periode_peserta pp ON pp.periode_id = ps.periode_id AND pp.pegawai_id = ps.penilai_id
		LEFT JOIN LATERAL (
		    SELECT s.id, s.versi, s.status FROM skp s
		    WHERE s.periode_id = ps.periode_id AND s.pegawai_id = ps.pegawai_id ORDER BY s.versi DESC LIMIT 1
		) k ON true
		LEFT JOIN penilaian n ON n.periode_id = ps.periode_id AND n.pegawai_id = ps.pegawai_id AND n.checkin = 0 AND n.ditetapkan_at IS NOT NULL
		LEFT JOIN LATERAL (
		    SELECT array_agg(x.checkin::int4 ORDER BY x.checkin) AS checkin, array_agg(b.status ORDER BY x.checkin) AS status
		    FROM keberatan b JOIN penilaian x ON x.id = b.penilaian_id
		    WHERE b.periode_id = ps.periode_id AND b.pegawai_id = ps.pegawai_id
		) kb ON true
		LEFT JOIN LATERAL (
		    SELECT array_agg(x.checkin::int4 ORDER BY x.checkin) AS checkin, array_agg(x.predikat ORDER BY x.checkin) AS predikat
		    FROM penilaian x
		    WHERE x.periode_id = ps.periode_id AND x.pegawai_id = ps.pegawai_id AND x.checkin > 0 AND x.ditetapkan_at IS NOT NULL
		) c ON true
		WHERE ps.pegawai_id = $1
		ORDER BY p.tahun DESC`, pegawaiID, startedPhases)
	if err != nil {
		return nil, wrap("riwayat kinerja", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[KinerjaTahun])
	return out, wrap("riwayat kinerja", err)
}
