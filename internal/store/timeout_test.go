package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"kinerja/internal/apperr"
	"kinerja/internal/store"
)

// boundedStore is a store over db with the server's timeouts set small.
func boundedStore(t *testing.T, url string, maxConns int32, acquire time.Duration) (*store.Store, *pgxpool.Pool) {
	t.Helper()
	pc, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	pc.MaxConns = maxConns
	pc.ConnConfig.RuntimeParams["statement_timeout"] = "300"
	pc.ConnConfig.RuntimeParams["lock_timeout"] = "200"
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return store.New(pool).WithAcquireTimeout(acquire), pool
}

// TestTimeoutsAnswerInsteadOfHanging checks the three bounds: a row lock held by
// someone else past the lock timeout is a conflict with a message; a statement past
// the statement timeout and a pool with no free connection within the acquire
// timeout are "unavailable" (503 in the web layer), in well under a second each.
func TestTimeoutsAnswerInsteadOfHanging(t *testing.T) {
	t.Parallel()
	_, db, ds := seeded(t)
	st, pool := boundedStore(t, db.URL, 2, 300*time.Millisecond)
	target := ds.Pegawai[5]

	holder, err := db.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback(ctx)
	if _, err := holder.Exec(ctx, `SELECT 1 FROM akun WHERE pegawai_id = $1 FOR UPDATE`, target.ID); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = st.SetAdminBKD(ctx, store.Actor{Label: "uji"}, target.ID, true)
	if !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "sedang disimpan oleh orang lain") || time.Since(start) > 3*time.Second {
		t.Fatalf("a held row lock: %v after %v", err, time.Since(start))
	}
	_ = holder.Rollback(ctx)

	start = time.Now()
	_, err = pool.Exec(ctx, `SELECT pg_sleep(2)`)
	if !store.Unavailable(err) || time.Since(start) > time.Second {
		t.Fatalf("a statement past its timeout: %v (unavailable %v) after %v", err, store.Unavailable(err), time.Since(start))
	}

	// Both connections held: the next request gives up after the acquire timeout.
	var held []*pgxpool.Conn
	for range 2 {
		c, err := pool.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	start = time.Now()
	_, err = st.ListOPD(ctx)
	if !errors.Is(err, store.ErrBusy) || !store.Unavailable(err) || time.Since(start) > 2*time.Second {
		t.Fatalf("an exhausted pool: %v after %v", err, time.Since(start))
	}
	for _, c := range held {
		c.Release()
	}
	if _, err := st.ListOPD(ctx); err != nil {
		t.Fatalf("after the connections came back: %v", err)
	}
	// Results release their connection: many reads on a pool of two do not starve it.
	for range 20 {
		if _, err := st.ListOPD(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FindLoginAccount(ctx, target.NIP); err != nil {
			t.Fatal(err)
		}
	}
	if s := pool.Stat(); s.AcquiredConns() != 0 {
		t.Fatalf("%d connections still acquired", s.AcquiredConns())
	}
}
