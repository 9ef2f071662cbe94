package seed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"kinerja/internal/apperr"
)

// DB is what loading and the benchmark data need of PostgreSQL: a pool or a
// connection (pgxpool.Pool and pgx.Conn both satisfy it).
type DB interface {
	Begin(ctx context.Context) (pgx.Tx, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func inTx(ctx context.Context, db DB, op string, fn func(pgx.Tx) error) error {
	tx, err := db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if err := fn(tx); err != nil {
		if apperr.As(err) != nil {
			return err
		}
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

func isUnique(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Load writes a generated dataset into an empty database in one transaction,
// one COPY per table, and gives every pegawai an account with passwordHash.
// It returns an apperr.Conflict error when the database already holds an organisation.
func Load(ctx context.Context, db DB, ds *Dataset, passwordHash string) error {
	return inTx(ctx, db, "seed: load", func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO instansi (id, nama, jenis, ibu_kota) VALUES (1, $1, $2, $3)`,
			ds.InstansiNama, ds.InstansiJenis, ds.IbuKota); err != nil {
			if isUnique(err) {
				return apperr.New(apperr.Conflict, "Instansi sudah ada.")
			}
			return err
		}
		copies := []struct {
			table string
			cols  []string
			rows  pgx.CopyFromSource
		}{
			{"perangkat_daerah", []string{"id", "kode", "nama", "singkatan"}, pgx.CopyFromSlice(len(ds.OPDs), func(i int) ([]any, error) {
				o := ds.OPDs[i]
				return []any{o.ID, o.Kode, o.Nama, o.Singkatan}, nil
			})},
			{"unit_kerja", []string{"id", "opd_id", "parent_id", "nama"}, pgx.CopyFromSlice(len(ds.Units), func(i int) ([]any, error) {
				u := ds.Units[i]
				return []any{u.ID, u.OPDID, nullID(u.ParentID), u.Nama}, nil
			})},
			{"jabatan", []string{"id", "unit_kerja_id", "nama", "jenis", "kepala_unit"}, pgx.CopyFromSlice(len(ds.Jabatan), func(i int) ([]any, error) {
				j := ds.Jabatan[i]
				return []any{j.ID, j.UnitID, j.Nama, j.Jenis, j.Kepala}, nil
			})},
			{"pegawai", []string{"id", "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_asn", "jenis_kelamin",
				"tempat_lahir", "tanggal_lahir", "pangkat_id", "jabatan_id", "unit_kerja_id", "atasan_id"},
				pgx.CopyFromSlice(len(ds.Pegawai), func(i int) ([]any, error) {
					p := ds.Pegawai[i]
					return []any{p.ID, p.NIP, p.Nama, p.GelarDepan, p.GelarBelakang, string(p.JenisASN), p.JenisKelamin,
						p.TempatLahir, p.TanggalLahir, p.PangkatID, p.JabatanID, p.UnitID, nullID(p.AtasanID)}, nil
				})},
		}
		for _, c := range copies {
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, c.rows); err != nil {
				return fmt.Errorf("copy %s: %w", c.table, err)
			}
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO akun (pegawai_id, password_hash, admin_bkd)
			SELECT p.id, $1, p.id = ANY($2) FROM pegawai p ORDER BY p.id`, passwordHash, ds.AdminIDs); err != nil {
			return fmt.Errorf("accounts: %w", err)
		}
		if _, err := tx.Exec(ctx, initialRiwayatSQL); err != nil {
			return fmt.Errorf("riwayat: %w", err)
		}
		for _, t := range []string{"perangkat_daerah", "unit_kerja", "jabatan", "pegawai"} {
			if _, err := tx.Exec(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT max(id) FROM %s))`, t, t)); err != nil {
				return fmt.Errorf("sequence %s: %w", t, err)
			}
		}
		after, err := json.Marshal(map[string]any{"instansi": ds.InstansiNama, "opd": len(ds.OPDs), "unit_kerja": len(ds.Units), "pegawai": len(ds.Pegawai)})
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO audit_log (actor_label, action, entity, entity_id, after) VALUES ('sistem', 'seed.load', 'instansi', '1', $1)`, after)
		return err
	})
}

// initialRiwayatSQL starts the placement history of pegawai who have none, dated at
// their first appointment (TMT CPNS from the NIP; 1 January of that year for PPPK).
const initialRiwayatSQL = `
	INSERT INTO pegawai_riwayat (pegawai_id, tmt, jenis, jabatan_id, unit_kerja_id, atasan_id, pangkat_id, aktif)
	SELECT p.id, make_date(substr(p.nip, 9, 4)::int, CASE WHEN p.jenis_asn = 'PNS' THEN substr(p.nip, 13, 2)::int ELSE 1 END, 1),
	       'awal', p.jabatan_id, p.unit_kerja_id, p.atasan_id, p.pangkat_id, p.aktif
	FROM pegawai p WHERE NOT EXISTS (SELECT 1 FROM pegawai_riwayat r WHERE r.pegawai_id = p.id)`

// DemoLogins returns the role, NIP and name of the accounts worth printing after a
// seed: the first Admin BKD, and one chain of the appraisal (a pegawai without
// subordinates, their penilai, the penilai's atasan (the atasan penilai) and the
// kepala of their OPD), so that whoever tries the demo can follow one plan from
// drafting to the keberatan. The demo's pegawai works in Seksi Kurikulum SD.
func DemoLogins(ctx context.Context, db DB) ([]Login, error) {
	rows, err := db.Query(ctx, `
		WITH x AS (
		    SELECT p.id, p.nip, nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang) AS nama, p.atasan_id, u.opd_id,
		           a.admin_bkd, j.kepala_unit AND u.parent_id IS NULL AS kepala_opd,
		           EXISTS (SELECT 1 FROM pegawai s WHERE s.atasan_id = p.id AND s.aktif) AS penilai, u.nama AS unit
		    FROM pegawai p JOIN akun a ON a.pegawai_id = p.id AND a.aktif
		    JOIN jabatan j ON j.id = p.jabatan_id JOIN unit_kerja u ON u.id = p.unit_kerja_id
		    WHERE p.aktif
		), chain AS (
		    SELECT peg.nip AS peg_nip, peg.nama AS peg_nama, pen.nip AS pen_nip, pen.nama AS pen_nama,
		           ap.nip AS ap_nip, ap.nama AS ap_nama, peg.opd_id
		    FROM x peg JOIN x pen ON pen.id = peg.atasan_id JOIN x ap ON ap.id = pen.atasan_id
		    WHERE NOT peg.penilai AND NOT peg.admin_bkd AND NOT pen.kepala_opd
		    ORDER BY peg.unit <> 'Seksi Kurikulum SD', peg.id LIMIT 1
		)
		(SELECT 1, 'Admin BKD', nip, nama FROM x WHERE admin_bkd ORDER BY id LIMIT 1)
		UNION ALL
		(SELECT 2, 'Kepala OPD', x.nip, x.nama FROM x JOIN chain c ON c.opd_id = x.opd_id WHERE x.kepala_opd ORDER BY x.id LIMIT 1)
		UNION ALL SELECT 3, 'Atasan penilai', ap_nip, ap_nama FROM chain
		UNION ALL SELECT 4, 'Penilai', pen_nip, pen_nama FROM chain
		UNION ALL SELECT 5, 'Pegawai', peg_nip, peg_nama FROM chain
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("seed: demo logins: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Login, error) {
		var l Login
		var n int
		err := row.Scan(&n, &l.Peran, &l.NIP, &l.Nama)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("seed: demo logins: %w", err)
	}
	return out, nil
}
