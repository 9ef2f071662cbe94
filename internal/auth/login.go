package auth

import (
	"context"
	"fmt"
	"time"

	"kinerja/internal/apperr"
)

// Account is what Login needs to know of the account behind a NIP.
type Account struct {
	AkunID       int64
	PasswordHash string
}

// LoginStore is the storage Login needs.
type LoginStore interface {
	// FindAccount returns an apperr.NotFound error when no active account has nip.
	FindAccount(ctx context.Context, nip string) (Account, error)
	// LoginLockedUntil returns the latest hold among keys still in force at now, or
	// the zero time.
	LoginLockedUntil(ctx context.Context, keys []Key, now time.Time) (time.Time, error)
	// RecordLoginFailure counts a failure against key within window (a count older
	// than the window starts again) and returns the count.
	RecordLoginFailure(ctx context.Context, key Key, window time.Duration, now time.Time) (int, error)
	// HoldLogin holds key until the given time.
	HoldLogin(ctx context.Context, key Key, until time.Time) error
	ClearLoginFailures(ctx context.Context, keys []Key) error
	RecordLogin(ctx context.Context, akunID int64, ip string) error
}

// ErrBadCredentials is the one message for a wrong NIP or a wrong password, so the
// page never tells whether a NIP exists.
var ErrBadCredentials = apperr.New(apperr.Unauthorized, "NIP atau kata sandi salah.")

// Login checks a NIP and password with the throttling of throttle.go (lim). It returns the account id, ErrBadCredentials, or an apperr.TooMany error
// saying how long to wait.
func Login(ctx context.Context, st LoginStore, lim Limits, nip, password, ip string, now time.Time) (int64, error) {
	keys := LoginKeys(nip, ip)
	until, err := st.LoginLockedUntil(ctx, keys, now)
	if err != nil {
		return 0, err
	}
	if !until.IsZero() {
		return 0, tooMany(until.Sub(now))
	}
	acc, err := st.FindAccount(ctx, nip)
	ok := false
	switch {
	case apperr.Is(err, apperr.NotFound):
		BurnVerify(password)
	case err != nil:
		return 0, err
	default:
		ok, err = VerifyPassword(acc.PasswordHash, password)
		if err != nil {
			return 0, fmt.Errorf("auth: login: %w", err)
		}
	}
	if !ok {
		for _, k := range keys {
			p := lim.Policy(k.Jenis)
			n, err := st.RecordLoginFailure(ctx, k, p.Window, now)
			if err != nil {
				return 0, err
			}
			if hold := p.HoldAfter(n); hold > 0 {
				if err := st.HoldLogin(ctx, k, now.Add(hold)); err != nil {
					return 0, err
				}
			}
		}
		return 0, ErrBadCredentials
	}
	if err := st.ClearLoginFailures(ctx, keys[:2]); err != nil {
		return 0, err
	}
	if err := st.RecordLogin(ctx, acc.AkunID, ip); err != nil {
		return 0, err
	}
	return acc.AkunID, nil
}

func tooMany(wait time.Duration) error {
	if wait < time.Minute {
		seconds := int((wait + time.Second - 1) / time.Second)
		if seconds < 1 {
			seconds = 1
		}
		return apperr.New(apperr.TooMany, "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %d detik.", seconds)
	}
	minutes := int((wait + time.Minute - 1) / time.Minute)
	if minutes < 1 {
		minutes = 1
	}
	return apperr.New(apperr.TooMany, "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %d menit.", minutes)
}
