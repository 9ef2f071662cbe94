package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
)

// LoginAccount is what login needs to check a password.
type LoginAccount struct {
	AkunID       int64
	PegawaiID    int64
	NIP          string
	PasswordHash string
}

// FindLoginAccount returns the active account of the active pegawai with this NIP.
// It returns an apperr.NotFound error when there is none.
func (s *Store) FindLoginAccount(ctx context.Context, nip string) (LoginAccount, error) {
	var a LoginAccount
	err := s.pool.QueryRow(ctx, `
		SELECT a.id, p.id, p.nip, a.password_hash
		FROM akun a JOIN pegawai p ON p.id = a.pegawai_id
		WHERE p.nip = $1 AND a.aktif AND p.aktif`, nip).Scan(&a.AkunID, &a.PegawaiID, &a.NIP, &a.PasswordHash)
	return a, wrap("find login account", translate(err, "Akun"))
}

// RecordLogin stamps the account's last login and audits it.
func (s *Store) RecordLogin(ctx context.Context, akunID int64, ip string) error {
	return wrap("record login", s.inTx(ctx, func(tx pgx.Tx) error {
		var nip string
		err := tx.QueryRow(ctx, `
			UPDATE akun a SET last_login_at = now() FROM pegawai p
			WHERE a.id = $1 AND p.id = a.pegawai_id RETURNING p.nip`, akunID).Scan(&nip)
		if err != nil {
			return translate(err, "Akun")
		}
		return audit(ctx, tx, AuditEntry{ActorID: akunID, ActorLabel: nip, Action: "akun.login", Entity: "akun", EntityID: itoa(akunID), IP: ip})
	}))
}

// RecordLogout audits a logout.
func (s *Store) RecordLogout(ctx context.Context, p auth.Principal, ip string) error {
	return wrap("record logout", audit(ctx, s.pool, AuditEntry{ActorID: p.AkunID, ActorLabel: p.NIP, Action: "akun.logout", Entity: "akun", EntityID: itoa(p.AkunID), IP: ip}))
}

// LoadPrincipal returns the signed-in person behind an account, with roles derived
// from the organisation tree. It returns apperr.NotFound when the account or its
// pegawai is no longer active. A session read through SessionStore brings the same
// principal without this query.
func (s *Store) LoadPrincipal(ctx context.Context, akunID int64) (auth.Principal, error) {
	var pr principalRow
	err := s.pool.QueryRow(ctx, `SELECT `+principalColumns+` FROM `+principalFrom+` WHERE a.id = $1 AND a.aktif AND p.aktif`,
		akunID).Scan(pr.dest()...)
	if err != nil {
		return auth.Principal{}, wrap("load principal", translate(err, "Akun"))
	}
	p, _ := pr.principal()
	return p, nil
}

// principalColumns and principalFrom read a principal; every column is NULL when a
// LEFT JOIN finds no active account.
const (
	principalColumns = `a.id, p.id, p.nip, p.gelar_depan, p.nama, p.gelar_belakang, u.opd_id,
		a.admin_bkd, a.harus_ganti_password,
		EXISTS (SELECT 1 FROM pegawai s WHERE s.atasan_id = p.id AND s.aktif),
		(j.kepala_unit AND u.parent_id IS NULL)`
	principalFrom = `akun a
		JOIN pegawai p ON p.id = a.pegawai_id
		JOIN jabatan j ON j.id = p.jabatan_id
		JOIN unit_kerja u ON u.id = p.unit_kerja_id`
)

type principalRow struct {
	akunID, pegawaiID, opdID                 *int64
	nip, gd, nama, gb                        *string
	admin, gantiPassword, penilai, kepalaOPD *bool
}

func (x *principalRow) dest() []any {
	return []any{&x.akunID, &x.pegawaiID, &x.nip, &x.gd, &x.nama, &x.gb, &x.opdID, &x.admin, &x.gantiPassword, &x.penilai, &x.kepalaOPD}
}

// principal returns the principal, and false when the row was NULL (no active account).
func (x *principalRow) principal() (auth.Principal, bool) {
	if x.akunID == nil {
		return auth.Principal{}, false
	}
	flag := func(b *bool) bool { return b != nil && *b }
	p := auth.Principal{AkunID: *x.akunID, PegawaiID: *x.pegawaiID, NIP: orEmpty(x.nip), Nama: namaLengkap(orEmpty(x.gd), orEmpty(x.nama), orEmpty(x.gb)),
		HarusGantiPassword: flag(x.gantiPassword)}
	if x.opdID != nil {
		p.OPDID = *x.opdID
	}
	p.Roles.AdminBKD, p.Roles.Penilai, p.Roles.KepalaOPD = flag(x.admin), flag(x.penilai), flag(x.kepalaOPD)
	return p, true
}

// LoginLockedUntil returns the latest lockout among keys that is still in force at
// now, or the zero time when none is.
func (s *Store) LoginLockedUntil(ctx context.Context, keys []string, now time.Time) (time.Time, error) {
	var until *time.Time
	err := s.pool.QueryRow(ctx, `
		SELECT max(locked_until) FROM login_throttle WHERE key = ANY($1) AND locked_until > $2`,
		keys, now).Scan(&until)
	if err != nil {
		return time.Time{}, wrap("login locked until", err)
	}
	if until == nil {
		return time.Time{}, nil
	}
	return *until, nil
}

// RecordLoginFailure counts a failed login against key under policy p and locks the
// key once the count within the window reaches p.MaxFailures.
func (s *Store) RecordLoginFailure(ctx context.Context, key string, p auth.ThrottlePolicy, now time.Time) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO login_throttle AS t (key, failures, window_start, locked_until)
		VALUES ($1, 1, $2::timestamptz, CASE WHEN 1 >= $3::int THEN $2::timestamptz + $5::interval END)
		ON CONFLICT (key) DO UPDATE SET
		    failures = CASE WHEN t.window_start < $2 - $4::interval THEN 1 ELSE t.failures + 1 END,
		    window_start = CASE WHEN t.window_start < $2 - $4::interval THEN $2 ELSE t.window_start END,
		    locked_until = CASE
		        WHEN (CASE WHEN t.window_start < $2 - $4::interval THEN 1 ELSE t.failures + 1 END) >= $3
		        THEN $2 + $5::interval
		        ELSE t.locked_until END`,
		key, now, p.MaxFailures, p.Window, p.Lockout)
	return wrap("record login failure", err)
}

// ClearLoginFailures forgets the failures counted against key.
func (s *Store) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM login_throttle WHERE key = $1`, key)
	return wrap("clear login failures", err)
}

// IsNotFound reports whether err is an apperr.NotFound error.
func IsNotFound(err error) bool {
	return errors.Is(err, pgx.ErrNoRows) || apperr.Is(err, apperr.NotFound)
}

// FindAccount implements auth.LoginStore: the account behind an active NIP, or an
// apperr.NotFound error.
func (s *Store) FindAccount(ctx context.Context, nip string) (auth.Account, error) {
	a, err := s.FindLoginAccount(ctx, nip)
	return auth.Account{AkunID: a.AkunID, PasswordHash: a.PasswordHash}, err
}

// orEmpty reads a nullable text column, NULL as "".
func orEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
