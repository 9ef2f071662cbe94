package store

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"kinerja/internal/dbmigrate"
)

// SchemaVersion returns golang-migrate's recorded version and dirty flag.
func (s *Store) SchemaVersion(ctx context.Context) (version uint, dirty bool, err error) {
	var v int64
	err = s.pool.QueryRow(ctx, `SELECT version, dirty FROM schema_migrations LIMIT 1`).Scan(&v, &dirty)
	if err != nil {
		return 0, false, fmt.Errorf("store: schema version: %w", err)
	}
	return uint(v), dirty, nil
}

// BaselineLookup reads one pegawai by primary key: the benchmark's baseline query.
func (s *Store) BaselineLookup(ctx context.Context, id int64) (string, error) {
	var nama string
	err := s.pool.QueryRow(ctx, `SELECT nama FROM pegawai WHERE id = $1`, id).Scan(&nama)
	return nama, wrap("baseline lookup", translate(err, "Pegawai"))
}

// BenchWrite is the write baseline of make bench: one INSERT (a notice to the
// pegawai, keyed by the nanosecond) committed on its own.
func (s *Store) BenchWrite(ctx context.Context, pegawaiID int64) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO pemberitahuan (pegawai_id, jenis, judul, tautan, kunci) VALUES ($1, 'bench', 'Bench', '/', 'bench:' || clock_timestamp()::text || random()::text)`,
		pegawaiID)
	return wrap("bench write", err)
}

// Ready returns nil when the database answers and its schema is at the latest
// embedded migration and clean.
func (s *Store) Ready(ctx context.Context) error {
	want, err := dbmigrate.Latest()
	if err != nil {
		return err
	}
	return s.ReadyAt(ctx, want)
}

// ReadyAt returns nil when the database answers and the schema is at want and clean.
func (s *Store) ReadyAt(ctx context.Context, want uint) error {
	v, dirty, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if dirty || v != want {
		return fmt.Errorf("store: schema at version %d (dirty=%v), want %d", v, dirty, want)
	}
	return nil
}

// CleanSessions deletes expired sessions every interval until ctx ends.
func (s *Store) CleanSessions(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE expiry < now()`); err != nil && ctx.Err() == nil {
				log.Warn("clean sessions", "err", err)
			}
		}
	}
}

// Instansi returns the pemda's name and capital, for printed documents.
func (s *Store) Instansi(ctx context.Context) (nama, ibuKota string, err error) {
	err = s.pool.QueryRow(ctx, `SELECT nama, ibu_kota FROM instansi WHERE id = 1`).Scan(&nama, &ibuKota)
	if IsNotFound(err) {
		return "", "", nil
	}
	return nama, ibuKota, wrap("instansi", err)
}
