// Package store is Kinerja's PostgreSQL storage, on pgx v5. Public methods own their
// transaction; unexported helpers take a DBTX that a pool and a pgx.Tx both satisfy.
// Driver errors are translated here: no rows → apperr.NotFound, unique → apperr.Conflict.
package store

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"kinerja/internal/apperr"
	"kinerja/internal/queue"
)

// DBTX is what the helpers need: a pool or a transaction.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Store is the repository over one connection pool.
type Store struct {
	pool       *timedPool
	jobs       *queue.Client // inserts jobs in the store's transactions
	skpPeriods sync.Map      // skp id → periode id
}

// New returns a Store over pool.
func New(pool *pgxpool.Pool) *Store {
	jobs, err := queue.NewInserter(pool)
	if err != nil {
		panic(err) // River refuses only a malformed configuration, which is ours
	}
	return &Store{pool: &timedPool{p: pool}, jobs: jobs}
}

// Pool exposes the pool for the session store and health checks.
func (s *Store) Pool() *pgxpool.Pool { return s.pool.p }

// inTx runs fn in a transaction, committing when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

// translate maps driver errors to application errors; what is left stays internal.
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return apperr.New(apperr.NotFound, "%s tidak ditemukan.", what)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return apperr.New(apperr.Conflict, "%s sudah ada.", what)
	}
	return err
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if apperr.As(err) != nil {
		return err
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "periode_ditutup" {
		// The closed-period trigger refuses any write the application did not stop
		// first: a conflict the person reads, never an internal error.
		return errClosed(err)
	}
	if errors.As(err, &pgErr) && pgErr.Code == "55P03" {
		// lock_timeout: someone else holds the row (the same plan, mostly) for longer
		// than the lock timeout. The person's input stays on the form.
		return apperr.New(apperr.Conflict, "Data ini sedang disimpan oleh orang lain. Tunggu sebentar, lalu simpan lagi.")
	}
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "skp_rhk_atasan_kunci" {
		// The database's guard of the cascade link (migration 000015), checked at
		// commit; the application's own checks name the plans first.
		return apperr.New(apperr.Conflict, "Perubahan ini memutus kaitan RHK: RHK atasan yang dipilih tidak ada, atau RHK ini masih didukung RHK bawahan.")
	}
	return fmt.Errorf("store: %s: %w", op, err)
}
