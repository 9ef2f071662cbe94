package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrBusy is returned when no connection of the pool came free within the acquire
// timeout (WithAcquireTimeout).
var ErrBusy = errors.New("store: no database connection free within the acquire timeout")

// timedPool is the pool with a bound on the wait for a connection: pgxpool waits as
// long as the request's context allows, so a pool held by slow statements would
// leave every request hanging. A connection is acquired under the bound and used
// under the caller's context; it goes back to the pool when the result is read.
type timedPool struct {
	p    *pgxpool.Pool
	wait time.Duration // 0: no bound beyond ctx
}

// WithAcquireTimeout bounds the wait for a free connection (KINERJA_DB_ACQUIRE_TIMEOUT).
// A request that waits longer gets ErrBusy, which the web layer answers with 503.
func (s *Store) WithAcquireTimeout(d time.Duration) *Store {
	s.pool.wait = d
	return s
}

func (t *timedPool) acquire(ctx context.Context) (*pgxpool.Conn, error) {
	if t.wait <= 0 {
		return t.p.Acquire(ctx)
	}
	actx, cancel := context.WithTimeout(ctx, t.wait)
	defer cancel()
	c, err := t.p.Acquire(actx)
	if err != nil && ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
		return nil, fmt.Errorf("%w (%v)", ErrBusy, t.wait)
	}
	return c, err
}

func (t *timedPool) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	c, err := t.acquire(ctx)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	defer c.Release()
	return c.Exec(ctx, sql, args...)
}

func (t *timedPool) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	c, err := t.acquire(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := c.Query(ctx, sql, args...)
	if err != nil {
		c.Release()
		return nil, err
	}
	return &releasingRows{Rows: rows, c: c}, nil
}

func (t *timedPool) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	c, err := t.acquire(ctx)
	if err != nil {
		return errRow{err}
	}
	return releasingRow{row: c.QueryRow(ctx, sql, args...), c: c}
}

func (t *timedPool) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	c, err := t.acquire(ctx)
	if err != nil {
		return errBatch{err: err}
	}
	return &releasingBatch{BatchResults: c.SendBatch(ctx, b), c: c}
}

func (t *timedPool) Begin(ctx context.Context) (pgx.Tx, error) {
	return t.BeginTx(ctx, pgx.TxOptions{})
}

func (t *timedPool) BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	c, err := t.acquire(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := c.BeginTx(ctx, opts)
	if err != nil {
		c.Release()
		return nil, err
	}
	return &releasingTx{Tx: tx, c: c}, nil
}

type releasingRows struct {
	pgx.Rows
	c    *pgxpool.Conn
	once sync.Once
}

func (r *releasingRows) release() { r.once.Do(r.c.Release) }

func (r *releasingRows) Next() bool {
	if r.Rows.Next() {
		return true
	}
	r.release()
	return false
}

func (r *releasingRows) Close() {
	r.Rows.Close()
	r.release()
}

type releasingRow struct {
	row pgx.Row
	c   *pgxpool.Conn
}

func (r releasingRow) Scan(dest ...any) error {
	defer r.c.Release()
	return r.row.Scan(dest...)
}

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

type releasingBatch struct {
	pgx.BatchResults
	c    *pgxpool.Conn
	once sync.Once
}

func (b *releasingBatch) Close() error {
	err := b.BatchResults.Close()
	b.once.Do(b.c.Release)
	return err
}

type errBatch struct {
	pgx.BatchResults // nil: only the methods below are called on a failed batch
	err              error
}

func (b errBatch) Exec() (pgconn.CommandTag, error) { return pgconn.CommandTag{}, b.err }
func (b errBatch) Query() (pgx.Rows, error)         { return nil, b.err }
func (b errBatch) QueryRow() pgx.Row                { return errRow{b.err} }
func (b errBatch) Close() error                     { return b.err }

type releasingTx struct {
	pgx.Tx
	c    *pgxpool.Conn
	once sync.Once
}

func (t *releasingTx) Commit(ctx context.Context) error {
	defer t.once.Do(t.c.Release)
	return t.Tx.Commit(ctx)
}

func (t *releasingTx) Rollback(ctx context.Context) error {
	defer t.once.Do(t.c.Release)
	return t.Tx.Rollback(ctx)
}

// Unavailable reports whether err means the database could not serve the request
// for now: it is down or restarting, unreachable, out of connections, or a statement
// ran past its timeout. The web layer answers these with 503 and Retry-After
// instead of 500; they need no restart, as the pool reconnects by itself.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || errors.Is(err, ErrBusy) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		c := pgErr.Code
		return strings.HasPrefix(c, "08") || // connection exception
			c == "57P01" || c == "57P02" || c == "57P03" || // shutdown, crash shutdown, cannot connect now
			c == "53300" || // too many connections
			c == "57014" // statement timeout
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, net.ErrClosed) || pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "conn closed")
}
