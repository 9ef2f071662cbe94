package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/impor"
	"kinerja/internal/org"
)

// ListOPD returns every OPD with its head, unit count and active pegawai count.
func (s *Store) ListOPD(ctx context.Context) ([]org.OPD, error) {
	rows, err := s.pool.Query(ctx, opdSelect+` ORDER BY d.kode`, 0)
	if err != nil {
		return nil, wrap("list opd", err)
	}
	out, err := pgx.CollectRows(rows, scanOPD)
	return out, wrap("list opd", err)
}

// GetOPD returns one OPD. It returns apperr.NotFound when id does not exist.
func (s *Store) GetOPD(ctx context.Context, id int64) (org.OPD, error) {
	rows, err := s.pool.Query(ctx, opdSelect+` WHERE d.id = $1`, id)
	if err != nil {
		return org.OPD{}, wrap("get opd", err)
	}
	o, err := pgx.CollectExactlyOneRow(rows, scanOPD)
	return o, wrap("get opd", translate(err, "Perangkat daerah"))
}

// opdSelect counts units and pegawai with one grouped pass (for all OPDs when $1 is
// 0, else for OPD $1) rather than a count per OPD.
const opdSelect = `
	WITH pc AS (
	    SELECT u.opd_id, count(*) AS n FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_kerja_id
	    WHERE p.aktif AND ($1::bigint = 0 OR u.opd_id = $1) GROUP BY u.opd_id
	), uc AS (
	    SELECT opd_id, count(*) AS n FROM unit_kerja WHERE aktif AND ($1::bigint = 0 OR opd_id = $1) GROUP BY opd_id
	)
	SELECT d.id, d.kode, d.nama, d.singkatan, d.aktif,
	       coalesce(h.id, 0), coalesce(h.nama_lengkap, ''), coalesce(uc.n, 0), coalesce(pc.n, 0)
	FROM perangkat_daerah d
	LEFT JOIN pc ON pc.opd_id = d.id
	LEFT JOIN uc ON uc.opd_id = d.id
	LEFT JOIN LATERAL (
	    SELECT p.id, nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang) AS nama_lengkap
	    FROM unit_kerja r
	    JOIN jabatan j ON j.unit_kerja_id = r.id AND j.kepala_unit AND j.aktif
	    JOIN pegawai p ON p.jabatan_id = j.id AND p.aktif
	    WHERE r.opd_id = d.id AND r.parent_id IS NULL
	    ORDER BY p.id LIMIT 1
	) h ON true`

func scanOPD(row pgx.CollectableRow) (org.OPD, error) {
	var o org.OPD
	err := row.Scan(&o.ID, &o.Kode, &o.Nama, &o.Singkatan, &o.Aktif, &o.KepalaID, &o.Kepala, &o.JumlahUnit, &o.JumlahPegawai)
	return o, err
}

// UnitTree returns the active units of an OPD in tree order (each parent before its
// children, siblings by name), with heads and head counts. JumlahTotal sums the subtree.
// It returns apperr.NotFound when the OPD does not exist.
func (s *Store) UnitTree(ctx context.Context, opdID int64) ([]org.Unit, error) {
	if _, err := s.GetOPD(ctx, opdID); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `
		WITH RECURSIVE t AS (
		    SELECT u.id, u.parent_id, u.nama, 0 AS depth, ARRAY[lower(u.nama) || '#' || u.id] AS path
		    FROM unit_kerja u WHERE u.opd_id = $1 AND u.parent_id IS NULL AND u.aktif
		    UNION ALL
		    SELECT u.id, u.parent_id, u.nama, t.depth + 1, t.path || (lower(u.nama) || '#' || u.id)
		    FROM unit_kerja u JOIN t ON u.parent_id = t.id WHERE u.aktif
		),
		counts AS (
		    SELECT unit_kerja_id, count(*) AS n FROM pegawai
		    WHERE aktif AND unit_kerja_id IN (SELECT id FROM t) GROUP BY unit_kerja_id
		)
		SELECT t.id, coalesce(t.parent_id, 0), t.nama, t.depth,
		       coalesce(h.id, 0), coalesce(h.nama_lengkap, ''), coalesce(h.jabatan, ''),
		       coalesce(c.n, 0)
		FROM t
		LEFT JOIN counts c ON c.unit_kerja_id = t.id
		LEFT JOIN LATERAL (
		    SELECT p.id, j.nama AS jabatan,
		           nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang) AS nama_lengkap
		    FROM jabatan j JOIN pegawai p ON p.jabatan_id = j.id AND p.aktif
		    WHERE j.unit_kerja_id = t.id AND j.kepala_unit AND j.aktif
		    ORDER BY p.id LIMIT 1
		) h ON true
		ORDER BY t.path`, opdID)
	if err != nil {
		return nil, wrap("unit tree", err)
	}
	units, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (org.Unit, error) {
		u := org.Unit{OPDID: opdID}
		err := row.Scan(&u.ID, &u.ParentID, &u.Nama, &u.Depth, &u.KepalaID, &u.Kepala, &u.JabatanKepala, &u.JumlahPegawai)
		return u, err
	})
	if err != nil {
		return nil, wrap("unit tree", err)
	}
	// Tree order puts every subtree right after its root: sum totals bottom-up.
	index := make(map[int64]int, len(units))
	for i := range units {
		index[units[i].ID] = i
		units[i].JumlahTotal = units[i].JumlahPegawai
	}
	for i := len(units) - 1; i >= 0; i-- {
		if pi, ok := index[units[i].ParentID]; ok {
			units[pi].JumlahTotal += units[i].JumlahTotal
		}
	}
	return units, nil
}

// GetUnit returns one unit with its head and direct head count. It returns
// apperr.NotFound when id does not exist.
func (s *Store) GetUnit(ctx context.Context, id int64) (org.Unit, error) {
	var u org.Unit
	err := s.pool.QueryRow(ctx, `
		SELECT u.id, u.opd_id, coalesce(u.parent_id, 0), u.nama,
		       coalesce(h.id, 0), coalesce(h.nama_lengkap, ''), coalesce(h.jabatan, ''),
		       (SELECT count(*) FROM pegawai p WHERE p.unit_kerja_id = u.id AND p.aktif)
		FROM unit_kerja u
		LEFT JOIN LATERAL (
		    SELECT p.id, j.nama AS jabatan,
		           nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang) AS nama_lengkap
		    FROM jabatan j JOIN pegawai p ON p.jabatan_id = j.id AND p.aktif
		    WHERE j.unit_kerja_id = u.id AND j.kepala_unit AND j.aktif
		    ORDER BY p.id LIMIT 1
		) h ON true
		WHERE u.id = $1`, id).Scan(&u.ID, &u.OPDID, &u.ParentID, &u.Nama, &u.KepalaID, &u.Kepala, &u.JabatanKepala, &u.JumlahPegawai)
	return u, wrap("get unit", translate(err, "Unit kerja"))
}

// PegawaiFilter selects pegawai for the search page. Q matches a NIP prefix when it
// is all digits, else a part of the name. Zero ids match everything.
type PegawaiFilter struct {
	Q            string
	OPDID        int64
	UnitID       int64
	AtasanID     int64
	JenisJabatan string // a jenis jabatan code, "" for all
	JenisASN     string // PNS, PPPK, "" for both
	Status       string // "" or "aktif": active only; "nonaktif"; "semua"
	Offset       int
	Limit        int
}

// SearchPegawai returns one page of the pegawai matching f (active ones unless
// f.Status says otherwise), ordered by name, and the total number of matches.
func (s *Store) SearchPegawai(ctx context.Context, f PegawaiFilter) ([]org.Pegawai, int, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 25
	}
	where, args := pegawaiWhere(f)
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_kerja_id
		JOIN jabatan j ON j.id = p.jabatan_id`+where, args...).Scan(&total); err != nil {
		return nil, 0, wrap("search pegawai: count", err)
	}
	rows, err := s.pool.Query(ctx, pegawaiSelect+where+` ORDER BY lower(p.nama), p.id OFFSET $9 LIMIT $10`,
		append(args, f.Offset, f.Limit)...)
	if err != nil {
		return nil, 0, wrap("search pegawai", err)
	}
	out, err := pgx.CollectRows(rows, scanPegawai)
	return out, total, wrap("search pegawai", err)
}

// CountBawahan returns how many active pegawai have id as their atasan langsung.
func (s *Store) CountBawahan(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM pegawai WHERE atasan_id = $1 AND aktif`, id).Scan(&n)
	return n, wrap("count bawahan", err)
}

// pegawaiWhere turns a filter into a WHERE clause over p (pegawai), u (unit) and j
// (jabatan): Q is a NIP prefix when it is all digits, else part of the name.
func pegawaiWhere(f PegawaiFilter) (string, []any) {
	var nipPrefix, namePart string
	if q := strings.TrimSpace(f.Q); q != "" {
		if n := org.NormalizeNIP(q); isDigits(n) {
			nipPrefix = n
		} else {
			namePart = strings.ToLower(q)
		}
	}
	status := f.Status
	if status == "" {
		status = "aktif"
	}
	return `
		WHERE ($8 = 'semua' OR p.aktif = ($8 = 'aktif'))
		  AND ($1 = '' OR p.nip LIKE $1 || '%')
		  AND ($2 = '' OR lower(p.nama) LIKE '%' || $2 || '%')
		  AND ($3::bigint = 0 OR u.opd_id = $3)
		  AND ($4::bigint = 0 OR p.unit_kerja_id = $4)
		  AND ($5::bigint = 0 OR p.atasan_id = $5)
		  AND ($6 = '' OR j.jenis = $6)
		  AND ($7 = '' OR p.jenis_asn = $7)`,
		[]any{nipPrefix, escapeLike(namePart), f.OPDID, f.UnitID, f.AtasanID, f.JenisJabatan, f.JenisASN, status}
}

// GetPegawai returns one pegawai, active or not. It returns apperr.NotFound when id
// does not exist.
func (s *Store) GetPegawai(ctx context.Context, id int64) (org.Pegawai, error) {
	rows, err := s.pool.Query(ctx, pegawaiSelect+` WHERE p.id = $1`, id)
	if err != nil {
		return org.Pegawai{}, wrap("get pegawai", err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanPegawai)
	return p, wrap("get pegawai", translate(err, "Pegawai"))
}

// AtasanChain returns the atasan of pegawai id, then that atasan's atasan, up to the
// top, nearest first. It is empty for someone without an atasan.
func (s *Store) AtasanChain(ctx context.Context, id int64) ([]org.Pegawai, error) {
	rows, err := s.pool.Query(ctx, `
		WITH RECURSIVE up (id, depth) AS (
		    SELECT atasan_id, 1 FROM pegawai WHERE id = $1 AND atasan_id IS NOT NULL
		    UNION ALL
		    SELECT p.atasan_id, up.depth + 1 FROM pegawai p JOIN up ON p.id = up.id
		    WHERE p.atasan_id IS NOT NULL AND up.depth < 100
		)`+pegawaiSelect+` JOIN up ON up.id = p.id ORDER BY up.depth`, id)
	if err != nil {
		return nil, wrap("atasan chain", err)
	}
	out, err := pgx.CollectRows(rows, scanPegawai)
	return out, wrap("atasan chain", err)
}

// IsAtasanOf reports whether pegawai ancestorID stands anywhere in the atasan chain
// of pegawai id.
func (s *Store) IsAtasanOf(ctx context.Context, ancestorID, id int64) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `
		WITH RECURSIVE up (id, depth) AS (
		    SELECT atasan_id, 1 FROM pegawai WHERE id = $2 AND atasan_id IS NOT NULL
		    UNION ALL
		    SELECT p.atasan_id, up.depth + 1 FROM pegawai p JOIN up ON p.id = up.id
		    WHERE p.atasan_id IS NOT NULL AND up.depth < 100
		)
		SELECT EXISTS (SELECT 1 FROM up WHERE id = $1)`, ancestorID, id).Scan(&ok)
	return ok, wrap("is atasan of", err)
}

const pegawaiSelect = `
	SELECT p.id, p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.jenis_asn, p.jenis_kelamin,
	       g.golongan, g.pangkat, j.id, j.nama, j.jenis, j.kepala_unit,
	       u.id, u.nama, d.id, d.nama, coalesce(p.atasan_id, 0), p.aktif,
	       coalesce(nama_lengkap(a.gelar_depan, a.nama, a.gelar_belakang), ''),
	       coalesce(a.nip, ''), coalesce(aj.nama, ''), coalesce(au.opd_id, 0)
	FROM pegawai p
	JOIN pangkat_golongan g ON g.id = p.pangkat_id
	JOIN jabatan j ON j.id = p.jabatan_id
	JOIN unit_kerja u ON u.id = p.unit_kerja_id
	JOIN perangkat_daerah d ON d.id = u.opd_id
	LEFT JOIN pegawai a ON a.id = p.atasan_id
	LEFT JOIN jabatan aj ON aj.id = a.jabatan_id
	LEFT JOIN unit_kerja au ON au.id = a.unit_kerja_id`

func scanPegawai(row pgx.CollectableRow) (org.Pegawai, error) {
	var p org.Pegawai
	var jenis string
	err := row.Scan(&p.ID, &p.NIP, &p.Nama, &p.GelarDepan, &p.GelarBelakang, &jenis, &p.JenisKelamin,
		&p.Golongan, &p.Pangkat, &p.JabatanID, &p.Jabatan, &p.JenisJabatan, &p.KepalaUnit,
		&p.UnitID, &p.Unit, &p.OPDID, &p.OPD, &p.AtasanID, &p.Aktif,
		&p.AtasanNama, &p.AtasanNIP, &p.AtasanJabatan, &p.AtasanOPDID)
	p.JenisASN = org.JenisASN(jenis)
	return p, err
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ExportPegawai streams the pegawai matching f (all pages) in the import template's
// column order, so an exported file imports back unchanged.
func (s *Store) ExportPegawai(ctx context.Context, f PegawaiFilter, row func([]string) error) error {
	where, args := pegawaiWhere(f)
	rows, err := s.pool.Query(ctx, `
		WITH RECURSIVE t AS (
		    SELECT u.id, u.nama::text AS path FROM unit_kerja u WHERE u.parent_id IS NULL
		    UNION ALL
		    SELECT u.id, t.path || ' > ' || u.nama FROM unit_kerja u JOIN t ON u.parent_id = t.id
		), dup AS (
		    SELECT opd_id, lower(nama) AS n FROM unit_kerja GROUP BY 1, 2 HAVING count(*) > 1
		)
		SELECT p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.tempat_lahir, to_char(p.tanggal_lahir, 'YYYY-MM-DD'),
		       p.jenis_kelamin, p.jenis_asn, g.golongan, j.nama, j.jenis, CASE WHEN j.kepala_unit THEN 'Ya' ELSE 'Tidak' END,
		       d.kode, CASE WHEN dup.n IS NULL THEN u.nama ELSE t.path END, coalesce(a.nip, $`+strconv.Itoa(len(args)+1)+`), coalesce(p.surel, '')
		FROM pegawai p
		JOIN pangkat_golongan g ON g.id = p.pangkat_id
		JOIN jabatan j ON j.id = p.jabatan_id
		JOIN unit_kerja u ON u.id = p.unit_kerja_id
		JOIN perangkat_daerah d ON d.id = u.opd_id
		JOIN t ON t.id = u.id
		LEFT JOIN dup ON dup.opd_id = u.opd_id AND dup.n = lower(u.nama)
		LEFT JOIN pegawai a ON a.id = p.atasan_id`+where+` ORDER BY d.kode, lower(p.nama), p.id`, append(args, impor.TanpaAtasan)...)
	if err != nil {
		return wrap("export pegawai", err)
	}
	defer rows.Close()
	vals := make([]string, 16)
	for rows.Next() {
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return wrap("export pegawai", err)
		}
		vals[10] = org.JenisJabatanLabel(vals[10])
		// The columns of impor.Header: TMT is left empty (the import's date), EMAIL last.
		if err := row([]string{vals[0], vals[1], vals[2], vals[3], vals[4], vals[5], vals[6], vals[7], vals[8], vals[9], vals[10], vals[11],
			vals[12], vals[13], vals[14], "", vals[15]}); err != nil {
			return err
		}
	}
	return wrap("export pegawai", rows.Err())
}

// HasPegawai reports whether any pegawai exists (the database is not empty).
func (s *Store) HasPegawai(ctx context.Context) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pegawai)`).Scan(&ok)
	return ok, wrap("has pegawai", err)
}
