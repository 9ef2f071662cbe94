package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/auth"
)

// SessionStore keeps scs sessions in the sessions table, as scs's pgxstore does, and
// records the account each session belongs to. Reading a session then also reads the
// signed-in principal in the same statement, which saves a round trip on every page.
// It implements scs.CtxStore.
//
// The table keeps only the SHA-256 of each token (tokenHash), never the token: the
// token is 32 random bytes, so a plain hash cannot be reversed or guessed, and
// someone who reads the table cannot present a row as a cookie.
type SessionStore struct {
	s      *Store
	akunOf func(data []byte) int64
}

// Sessions returns the session store. akunOf names the account in a session's data
// (0 for none); it is called on every write.
func (s *Store) Sessions(akunOf func(data []byte) int64) *SessionStore {
	return &SessionStore{s: s, akunOf: akunOf}
}

// PrincipalSlot receives the principal read with the session. A request puts an empty
// slot in its context (WithPrincipalSlot) before the session is loaded.
type PrincipalSlot struct {
	Read      bool           // the session was read with this slot in its context
	AkunID    int64          // the account recorded with the session; 0 when none
	Principal auth.Principal // valid when Active
	Active    bool           // the account and its pegawai are active
}

type slotKey struct{}

// WithPrincipalSlot returns a context carrying an empty slot for FindCtx to fill.
func WithPrincipalSlot(ctx context.Context) (context.Context, *PrincipalSlot) {
	sl := &PrincipalSlot{}
	return context.WithValue(ctx, slotKey{}, sl), sl
}

// PrincipalSlotOf returns the slot of ctx, or nil.
func PrincipalSlotOf(ctx context.Context) *PrincipalSlot {
	sl, _ := ctx.Value(slotKey{}).(*PrincipalSlot)
	return sl
}

// FindCtx returns the data of an unexpired session and fills the context's principal slot.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	var akunID *int64
	var pr principalRow
	err := ss.s.pool.QueryRow(ctx, `
		SELECT ses.data, ses.akun_id, `+principalColumns+`
		FROM sessions ses
		LEFT JOIN (`+principalFrom+`) ON a.id = ses.akun_id AND a.aktif AND p.aktif
		WHERE ses.token = $1 AND current_timestamp < ses.expiry`, tokenHash(token)).Scan(append([]any{&data, &akunID}, pr.dest()...)...)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, wrap("find session", err)
	}
	if sl := PrincipalSlotOf(ctx); sl != nil {
		*sl = PrincipalSlot{Read: true}
		if akunID != nil {
			sl.AkunID = *akunID
		}
		sl.Principal, sl.Active = pr.principal()
	}
	return data, true, nil
}

// CommitCtx adds or replaces a session.
func (ss *SessionStore) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	var akunID *int64
	if id := ss.akunOf(data); id != 0 {
		akunID = &id
	}
	ctx, cancel := sessionWriteContext(ctx)
	defer cancel()
	_, err := ss.s.pool.Exec(ctx, `
		INSERT INTO sessions (token, data, expiry, akun_id) VALUES ($1, $2, $3, $4)
		ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry, akun_id = EXCLUDED.akun_id`,
		tokenHash(token), data, expiry, akunID)
	return wrap("commit session", err)
}

// DeleteCtx removes a session; a missing one is not an error.
func (ss *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	ctx, cancel := sessionWriteContext(ctx)
	defer cancel()
	_, err := ss.s.pool.Exec(ctx, `DELETE FROM sessions WHERE token = $1`, tokenHash(token))
	return wrap("delete session", err)
}

// tokenHash is what the sessions table stores for a token: its SHA-256 in hex.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// sessionWriteContext keeps a session write going when the client has gone: scs writes
// after the handler has acted, and a sign-out whose browser closed at once must still
// end the session. The write keeps the request's values and a bound of its own.
func sessionWriteContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
}

// Find, Commit and Delete serve callers without a context.
func (ss *SessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

func (ss *SessionStore) Commit(token string, data []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, data, expiry)
}

func (ss *SessionStore) Delete(token string) error {
	return ss.DeleteCtx(context.Background(), token)
}
