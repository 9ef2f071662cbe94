package store

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/org"
)

// Golongan is one row of the pangkat/golongan reference data.
type Golongan struct {
	ID       int16
	JenisASN string
	Golongan string
	Pangkat  string
}

// ListGolongan returns the reference data, PNS first, in rank order.
func (s *Store) ListGolongan(ctx context.Context) ([]Golongan, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, jenis_asn, golongan, pangkat FROM pangkat_golongan ORDER BY jenis_asn, urutan`)
	if err != nil {
		return nil, wrap("list golongan", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Golongan])
	return out, wrap("list golongan", err)
}

// GolonganChecker returns a func that reports whether a golongan exists for a jenis
// ASN, case-insensitively, as org.CheckPegawaiInput wants.
func GolonganChecker(list []Golongan) func(org.JenisASN, string) bool {
	known := map[string]bool{}
	for _, g := range list {
		known[g.JenisASN+"|"+strings.ToLower(g.Golongan)] = true
	}
	return func(j org.JenisASN, g string) bool { return known[string(j)+"|"+strings.ToLower(strings.TrimSpace(g))] }
}

// UnitOption is a unit in a select list.
type UnitOption struct {
	ID    int64
	OPD   string
	OPDID int64
	Nama  string
	Depth int
}

// UnitOptions returns every active unit in tree order, grouped by OPD kode.
func (s *Store) UnitOptions(ctx context.Context) ([]UnitOption, error) {
	rows, err := s.pool.Query(ctx, `
		WITH RECURSIVE t AS (
		    SELECT u.id, u.opd_id, u.nama, 0 AS depth, ARRAY[lower(u.nama) || '#' || u.id] AS path
		    FROM unit_kerja u WHERE u.parent_id IS NULL AND u.aktif
		    UNION ALL
		    SELECT u.id, u.opd_id, u.nama, t.depth + 1, t.path || (lower(u.nama) || '#' || u.id)
		    FROM unit_kerja u JOIN t ON u.parent_id = t.id WHERE u.aktif
		)
		SELECT t.id, d.nama, d.id, t.nama, t.depth FROM t JOIN perangkat_daerah d ON d.id = t.opd_id
		WHERE d.aktif ORDER BY d.kode, t.path`)
	if err != nil {
		return nil, wrap("unit options", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[UnitOption])
	return out, wrap("unit options", err)
}

// PegawaiForm is a pegawai as the edit form shows it.
type PegawaiForm struct {
	In      org.PegawaiInput
	UnitID  int64
	Version int
	Aktif   bool
}

// GetPegawaiForm loads a pegawai into form values. It returns apperr.NotFound for an
// unknown id.
func (s *Store) GetPegawaiForm(ctx context.Context, id int64) (PegawaiForm, error) {
	var f PegawaiForm
	err := s.pool.QueryRow(ctx, `
		SELECT p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.jenis_asn, p.tempat_lahir, g.golongan,
		       j.nama, j.jenis, j.kepala_unit, coalesce(a.nip, ''), p.unit_kerja_id, p.version, p.aktif
		FROM pegawai p
		JOIN pangkat_golongan g ON g.id = p.pangkat_id
		JOIN jabatan j ON j.id = p.jabatan_id
		LEFT JOIN pegawai a ON a.id = p.atasan_id
		WHERE p.id = $1`, id).Scan(&f.In.NIP, &f.In.Nama, &f.In.GelarDepan, &f.In.GelarBelakang, &f.In.JenisASN, &f.In.TempatLahir,
		&f.In.Golongan, &f.In.Jabatan, &f.In.JenisJabatan, &f.In.KepalaUnit, &f.In.NIPAtasan, &f.UnitID, &f.Version, &f.Aktif)
	return f, wrap("get pegawai form", translate(err, "Pegawai"))
}
