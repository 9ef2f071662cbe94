package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
)

// AkunInfo is a pegawai's account as the admin sees it.
type AkunInfo struct {
	ID                 int64 // 0: no account
	Aktif              bool
	AdminBKD           bool
	HarusGantiPassword bool
	LastLogin          *time.Time
}

// GetAkunInfo returns the account of a pegawai (ID 0 when there is none).
func (s *Store) GetAkunInfo(ctx context.Context, pegawaiID int64) (AkunInfo, error) {
	var a AkunInfo
	err := s.pool.QueryRow(ctx, `SELECT id, aktif, admin_bkd, harus_ganti_password, last_login_at FROM akun WHERE pegawai_id = $1`,
		pegawaiID).Scan(&a.ID, &a.Aktif, &a.AdminBKD, &a.HarusGantiPassword, &a.LastLogin)
	if errors.Is(err, pgx.ErrNoRows) {
		return AkunInfo{}, nil
	}
	return a, wrap("get akun info", err)
}

type akunAudit struct {
	AdminBKD           bool `json:"admin_bkd"`
	Aktif              bool `json:"aktif"`
	HarusGantiPassword bool `json:"harus_ganti_password"`
}

// endSessions signs an account out everywhere: a new password must shut out whoever
// held the old one.
func endSessions(ctx context.Context, tx pgx.Tx, akunID int64) error {
	_, err := tx.Exec(ctx, `DELETE FROM sessions WHERE akun_id = $1`, akunID)
	return err
}

// SetPassword gives a pegawai's account a new password hash, creating the account
// when there is none; mustChange makes them choose their own at the next login. A reset
// ends every session of the account. It audits akun.buat or akun.atur_ulang_sandi
// (never the password).
func (s *Store) SetPassword(ctx context.Context, actor Actor, pegawaiID int64, hash string, mustChange bool) error {
	return wrap("set password", s.inTx(ctx, func(tx pgx.Tx) error {
		var aktif bool
		if err := tx.QueryRow(ctx, `SELECT aktif FROM pegawai WHERE id = $1`, pegawaiID).Scan(&aktif); err != nil {
			return translate(err, "Pegawai")
		}
		if !aktif {
			return apperr.New(apperr.Invalid, "Pegawai ini tidak aktif; aktifkan kembali lebih dulu.")
		}
		var before *akunAudit
		var b akunAudit
		var id int64
		err := tx.QueryRow(ctx, `SELECT id, admin_bkd, aktif, harus_ganti_password FROM akun WHERE pegawai_id = $1 FOR UPDATE`, pegawaiID).
			Scan(&id, &b.AdminBKD, &b.Aktif, &b.HarusGantiPassword)
		action := "akun.atur_ulang_sandi"
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			action = "akun.buat"
			err = tx.QueryRow(ctx, `INSERT INTO akun (pegawai_id, password_hash, harus_ganti_password) VALUES ($1, $2, $3) RETURNING id`,
				pegawaiID, hash, mustChange).Scan(&id)
		case err == nil:
			before = &b
			_, err = tx.Exec(ctx, `UPDATE akun SET password_hash = $2, harus_ganti_password = $3, aktif = true, version = version + 1, updated_at = now()
				WHERE id = $1`, id, hash, mustChange)
			if err == nil {
				err = endSessions(ctx, tx, id)
			}
		}
		if err != nil {
			return err
		}
		// A new password ends the lockout that failed guesses may have caused.
		if _, err := tx.Exec(ctx, `DELETE FROM login_throttle WHERE nip = (SELECT nip FROM pegawai WHERE id = $1)`, pegawaiID); err != nil {
			return err
		}
		after := akunAudit{AdminBKD: b.AdminBKD, Aktif: true, HarusGantiPassword: mustChange}
		var beforeAny any
		if before != nil {
			beforeAny = before
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: action, Entity: "akun",
			EntityID: itoa(id), Before: beforeAny, After: after, IP: actor.IP})
	}))
}

// SetAdminBKD grants or revokes the Admin BKD role. An admin cannot revoke their own
// role, and the last admin cannot be revoked, so the region is never locked out.
func (s *Store) SetAdminBKD(ctx context.Context, actor Actor, pegawaiID int64, admin bool) error {
	return wrap("set admin", s.inTx(ctx, func(tx pgx.Tx) error {
		var b akunAudit
		var id int64
		err := tx.QueryRow(ctx, `SELECT id, admin_bkd, aktif, harus_ganti_password FROM akun WHERE pegawai_id = $1 FOR UPDATE`, pegawaiID).
			Scan(&id, &b.AdminBKD, &b.Aktif, &b.HarusGantiPassword)
		if errors.Is(err, pgx.ErrNoRows) {
			return apperr.New(apperr.Invalid, "Pegawai ini belum memiliki akun; buat akun lebih dulu.")
		}
		if err != nil {
			return err
		}
		if b.AdminBKD == admin {
			return nil
		}
		if !admin {
			if id == actor.AkunID {
				return apperr.New(apperr.Invalid, "Anda tidak dapat mencabut peran Admin BKD dari akun Anda sendiri.")
			}
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM akun a JOIN pegawai p ON p.id = a.pegawai_id WHERE a.admin_bkd AND a.aktif AND p.aktif`).Scan(&n); err != nil {
				return err
			}
			if n <= 1 {
				return apperr.New(apperr.Invalid, "Ini Admin BKD terakhir; angkat Admin BKD lain lebih dulu.")
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE akun SET admin_bkd = $2, version = version + 1, updated_at = now() WHERE id = $1`, id, admin); err != nil {
			return err
		}
		after := b
		after.AdminBKD = admin
		action := "akun.cabut_admin"
		if admin {
			action = "akun.beri_admin"
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: action, Entity: "akun",
			EntityID: itoa(id), Before: b, After: after, IP: actor.IP})
	}))
}

// PasswordHash returns an account's current hash.
func (s *Store) PasswordHash(ctx context.Context, akunID int64) (string, error) {
	var h string
	err := s.pool.QueryRow(ctx, `SELECT password_hash FROM akun WHERE id = $1`, akunID).Scan(&h)
	return h, wrap("password hash", translate(err, "Akun"))
}

// ChangeOwnPassword stores the password a person chose and clears the must-change flag.
// Every session of the account ends, the caller's too: the caller renews its session
// token (scs RenewToken), which keeps that browser signed in under a new token.
func (s *Store) ChangeOwnPassword(ctx context.Context, actor Actor, hash string) error {
	return wrap("change own password", s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE akun SET password_hash = $2, harus_ganti_password = false, version = version + 1, updated_at = now() WHERE id = $1`,
			actor.AkunID, hash); err != nil {
			return err
		}
		if err := endSessions(ctx, tx, actor.AkunID); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "akun.ganti_sandi", Entity: "akun",
			EntityID: itoa(actor.AkunID), IP: actor.IP})
	}))
}

// Credential is a pegawai to give an account.
type Credential struct {
	PegawaiID int64
	NIP       string
	Nama      string
	Password  string // plain, only in memory until shown
	Hash      string
}

// PegawaiWithoutAkun lists active pegawai without an account, in one OPD or all (0).
func (s *Store) PegawaiWithoutAkun(ctx context.Context, opdID int64) ([]Credential, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT p.id, p.nip, nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang)
		FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_kerja_id
		WHERE p.aktif AND ($1 = 0 OR u.opd_id = $1) AND NOT EXISTS (SELECT 1 FROM akun a WHERE a.pegawai_id = p.id)
		ORDER BY lower(p.nama), p.id`, opdID)
	if err != nil {
		return nil, wrap("pegawai without akun", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Credential, error) {
		var c Credential
		err := r.Scan(&c.PegawaiID, &c.NIP, &c.Nama)
		return c, err
	})
	return out, wrap("pegawai without akun", err)
}

// CreateAkunBulk creates accounts (must change password at first login) for the given
// pegawai in one transaction with COPY, skipping any that got an account meanwhile,
// and audits each. It returns the pegawai ids that got an account. With a tugasID, the
// same transaction finishes that tugas with the file seal makes of the accounts made,
// so the accounts and their initial passwords are saved together or not at all.
func (s *Store) CreateAkunBulk(ctx context.Context, actor Actor, creds []Credential, tugasID int64, seal func(made []int64) ([]byte, error)) ([]int64, error) {
	var made []int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// A background job on a province: its statements may run past the server's
		// statement timeout, and it waits for the locks it needs.
		if _, err := tx.Exec(ctx, `SET LOCAL statement_timeout = '10min'; SET LOCAL lock_timeout = '1min'`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE akun_baru (pegawai_id bigint PRIMARY KEY, password_hash text) ON COMMIT DROP`); err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"akun_baru"}, []string{"pegawai_id", "password_hash"},
			pgx.CopyFromSlice(len(creds), func(i int) ([]any, error) { return []any{creds[i].PegawaiID, creds[i].Hash}, nil })); err != nil {
			return err
		}
		var by any
		if actor.AkunID != 0 {
			by = actor.AkunID
		}
		if err := tx.QueryRow(ctx, `
			WITH made AS (
			    INSERT INTO akun (pegawai_id, password_hash, harus_ganti_password)
			    SELECT b.pegawai_id, b.password_hash, true FROM akun_baru b JOIN pegawai p ON p.id = b.pegawai_id AND p.aktif
			    ON CONFLICT (pegawai_id) DO NOTHING
			    RETURNING id, pegawai_id
			), logged AS (
			    INSERT INTO audit_log (actor_id, actor_label, action, entity, entity_id, after, ip)
			    SELECT $1::bigint, $2, 'akun.buat', 'akun', id::text, '{"aktif": true, "admin_bkd": false, "harus_ganti_password": true}'::jsonb, $3
			    FROM made RETURNING 1
			)
			SELECT coalesce(array_agg(pegawai_id), '{}') FROM made WHERE (SELECT count(*) FROM logged) >= 0`, by, actor.Label, actor.IP).Scan(&made); err != nil {
			return err
		}
		if tugasID == 0 {
			return nil
		}
		berkas, err := seal(made)
		if err != nil {
			return err
		}
		return finishTugas(ctx, tx, tugasID, "selesai", "", berkas, len(made))
	})
	return made, wrap("create akun bulk", err)
}
