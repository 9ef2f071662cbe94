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
		(j.kepala_unit AND u.parent_id IS NULL),
		(SELECT count(*) FROM (SELECT 1 FROM pemberitahuan n WHERE n.pegawai_id = p.id AND n.dibaca_at IS NULL LIMIT 100) x)`
	principalFrom = `akun a
		JOIN pegawai p ON p.id = a.pegawai_id
		JOIN jabatan j ON j.id = p.jabatan_id
		JOIN unit_kerja u ON u.id = p.unit_kerja_id`
)

type principalRow struct {
	akunID, pegawaiID, opdID                 *int64
	nip, gd, nama, gb                        *string
	admin, gantiPassword, penilai, kepalaOPD *bool
	unread                                   *int64
}

func (x *principalRow) dest() []any {
	return []any{&x.akunID, &x.pegawaiID, &x.nip, &x.gd, &x.nama, &x.gb, &x.opdID, &x.admin, &x.gantiPassword, &x.penilai, &x.kepalaOPD, &x.unread}
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
	if x.unread != nil {
		p.BelumDibaca = int(*x.unread)
	}
	p.Roles.AdminBKD, p.Roles.Penilai, p.Roles.KepalaOPD = flag(x.admin), flag(x.penilai), flag(x.kepalaOPD)
	return p, true
}

// LoginLockedUntil implements auth.LoginStore.
func (s *Store) LoginLockedUntil(ctx context.Context, keys []auth.Key, now time.Time) (time.Time, error) {
	var until *time.Time
	err := s.pool.QueryRow(ctx, `
		SELECT max(locked_until) FROM login_throttle WHERE key = ANY($1) AND locked_until > $2`,
		keyNames(keys), now).Scan(&until)
	if err != nil {
		return time.Time{}, wrap("login locked until", err)
	}
	if until == nil {
		return time.Time{}, nil
	}
	return *until, nil
}

func keyNames(keys []auth.Key) []string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.String()
	}
	return names
}

// RecordLoginFailure implements auth.LoginStore: it counts a failure against key, the
// count starting again when its window has passed, and returns the count.
func (s *Store) RecordLoginFailure(ctx context.Context, key auth.Key, window time.Duration, now time.Time) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `
		INSERT INTO login_throttle AS t (key, jenis, nip, alamat, failures, window_start)
		VALUES ($1, $2, $3, $4, 1, $5::timestamptz)
		ON CONFLICT (key) DO UPDATE SET
		    failures = CASE WHEN t.window_start < $5 - $6::interval THEN 1 ELSE t.failures + 1 END,
		    window_start = CASE WHEN t.window_start < $5 - $6::interval THEN $5 ELSE t.window_start END
		RETURNING failures`,
		key.String(), key.Jenis, key.NIP, key.Alamat, now, window).Scan(&n)
	return n, wrap("record login failure", err)
}

// HoldLogin implements auth.LoginStore.
func (s *Store) HoldLogin(ctx context.Context, key auth.Key, until time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE login_throttle SET locked_until = greatest(locked_until, $2) WHERE key = $1`, key.String(), until)
	return wrap("hold login", err)
}

// ClearLoginFailures forgets the failures counted against keys.
func (s *Store) ClearLoginFailures(ctx context.Context, keys []auth.Key) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM login_throttle WHERE key = ANY($1)`, keyNames(keys))
	return wrap("clear login failures", err)
}

// LoginLock is a throttle key that holds logins, for the Admin BKD's list.
type LoginLock struct {
	Key         string
	Jenis       string
	NIP, Nama   string // the pegawai of the NIP, when one has it
	PegawaiID   int64
	Alamat      string
	Failures    int
	LockedUntil time.Time
}

// ListLoginLocks returns the keys that hold at now, the latest hold first.
func (s *Store) ListLoginLocks(ctx context.Context, now time.Time) ([]LoginLock, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT t.key, t.jenis, t.nip, coalesce(p.nama, ''), coalesce(p.id, 0), t.alamat, t.failures, t.locked_until
		FROM login_throttle t LEFT JOIN pegawai p ON p.nip = t.nip AND t.nip <> ''
		WHERE t.locked_until > $1
		ORDER BY t.locked_until DESC, t.key
		LIMIT 500`, now)
	if err != nil {
		return nil, wrap("list login locks", err)
	}
	locks, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (LoginLock, error) {
		var l LoginLock
		err := r.Scan(&l.Key, &l.Jenis, &l.NIP, &l.Nama, &l.PegawaiID, &l.Alamat, &l.Failures, &l.LockedUntil)
		return l, err
	})
	return locks, wrap("list login locks", err)
}

// LiftLoginLock ends the hold of a key and forgets its failures, with an audit entry.
// A key that no longer holds is a NotFound error.
func (s *Store) LiftLoginLock(ctx context.Context, actor Actor, key string, now time.Time) error {
	return wrap("lift login lock", s.inTx(ctx, func(tx pgx.Tx) error {
		var l LoginLock
		err := tx.QueryRow(ctx, `DELETE FROM login_throttle WHERE key = $1 AND locked_until > $2
			RETURNING key, jenis, nip, alamat, failures, locked_until`, key, now).
			Scan(&l.Key, &l.Jenis, &l.NIP, &l.Alamat, &l.Failures, &l.LockedUntil)
		if errors.Is(err, pgx.ErrNoRows) {
			return apperr.New(apperr.NotFound, "Kunci itu sudah tidak berlaku.")
		}
		if err != nil {
			return err
		}
		before := map[string]any{"jenis": l.Jenis, "nip": l.NIP, "alamat": l.Alamat, "gagal": l.Failures, "terkunci_sampai": l.LockedUntil}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "akun.buka_kunci", Entity: "login_throttle",
			EntityID: l.Key, Before: before, IP: actor.IP})
	}))
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
