// Package dbmigrate applies the embedded SQL migrations with golang-migrate, and
// River's own migrations (its job tables) after them, so one command brings the
// whole schema up to date.
package dbmigrate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5" // pgx5:// driver
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"kinerja/migrations"
)

// migrateURL rewrites postgres:// URLs to the pgx5:// scheme golang-migrate wants.
func migrateURL(databaseURL string) string {
	for _, p := range []string{"postgres://", "postgresql://"} {
		if strings.HasPrefix(databaseURL, p) {
			return "pgx5://" + strings.TrimPrefix(databaseURL, p)
		}
	}
	return databaseURL
}

func open(databaseURL string) (*migrate.Migrate, error) {
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return nil, fmt.Errorf("dbmigrate: source: %w", err)
	}
	m, err := migrate.NewWithSourceInstance("iofs", src, migrateURL(databaseURL))
	if err != nil {
		return nil, fmt.Errorf("dbmigrate: open: %w", err)
	}
	return m, nil
}

func closeM(m *migrate.Migrate, err error) error {
	srcErr, dbErr := m.Close()
	return errors.Join(err, srcErr, dbErr)
}

// lockKey is the advisory lock that serialises whole migration runs: instances that
// start at once (each serve migrates first) take turns, and the later ones find the
// schema current. golang-migrate locks its own steps; River's migrations and the
// order "ours, then River's" need this one around both.
const lockKey int64 = 0x6b696e65726a61 // "kinerja"

// locked runs fn while holding lockKey on a connection of its own.
func locked(databaseURL string, fn func() error) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, databaseURL)
	if err != nil {
		return fmt.Errorf("dbmigrate: lock: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, lockKey); err != nil {
		return fmt.Errorf("dbmigrate: lock: %w", err)
	}
	defer func() { _, _ = conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, lockKey) }()
	return fn()
}

// Up applies every pending migration, ours and then River's. It is a no-op when the
// schema is current. Concurrent runs take turns (lockKey).
func Up(databaseURL string) error {
	return locked(databaseURL, func() error { return up(databaseURL) })
}

func up(databaseURL string) error {
	m, err := open(databaseURL)
	if err != nil {
		return err
	}
	err = m.Up()
	if errors.Is(err, migrate.ErrNoChange) {
		err = nil
	}
	if err != nil {
		err = fmt.Errorf("dbmigrate: up: %w", err)
	}
	if err := closeM(m, err); err != nil {
		return err
	}
	return river(databaseURL, rivermigrate.DirectionUp)
}

// river runs River's migrations in direction: all pending ones up, or all of them
// down (which drops River's tables and the jobs in them).
func river(databaseURL string, direction rivermigrate.Direction) error {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, databaseURL)
	if err != nil {
		return fmt.Errorf("dbmigrate: river: %w", err)
	}
	defer pool.Close()
	migrator, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("dbmigrate: river: %w", err)
	}
	opts := &rivermigrate.MigrateOpts{}
	if direction == rivermigrate.DirectionDown {
		opts.TargetVersion = -1
	}
	if _, err := migrator.Migrate(ctx, direction, opts); err != nil {
		return fmt.Errorf("dbmigrate: river %s: %w", direction, err)
	}
	return nil
}

// RiverFingerprint identifies the River migrations this binary applies, so a test
// template built before a River upgrade is rebuilt.
func RiverFingerprint() string {
	migrator, err := rivermigrate.New(riverpgxv5.New(nil), nil)
	if err != nil {
		return "river: " + err.Error()
	}
	h := sha256.New()
	for _, m := range migrator.AllVersions() {
		fmt.Fprintf(h, "%d\n%s\n", m.Version, m.SQLUp)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Down rolls back the given number of our migrations. With steps <= 0 it rolls back
// all of them, and River's tables first.
func Down(databaseURL string, steps int) error {
	return locked(databaseURL, func() error { return down(databaseURL, steps) })
}

func down(databaseURL string, steps int) error {
	if steps <= 0 {
		if err := river(databaseURL, rivermigrate.DirectionDown); err != nil {
			return err
		}
	}
	m, err := open(databaseURL)
	if err != nil {
		return err
	}
	if steps > 0 {
		err = m.Steps(-steps)
	} else {
		err = m.Down()
	}
	if errors.Is(err, migrate.ErrNoChange) {
		err = nil
	}
	if err != nil {
		err = fmt.Errorf("dbmigrate: down: %w", err)
	}
	return closeM(m, err)
}

// Latest returns the highest migration version embedded in the binary.
func Latest() (uint, error) {
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		return 0, fmt.Errorf("dbmigrate: list: %w", err)
	}
	var versions []uint
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".up.sql") {
			continue
		}
		n, err := strconv.ParseUint(strings.SplitN(name, "_", 2)[0], 10, 32)
		if err != nil {
			return 0, fmt.Errorf("dbmigrate: bad migration name %q", name)
		}
		versions = append(versions, uint(n))
	}
	if len(versions) == 0 {
		return 0, errors.New("dbmigrate: no migrations embedded")
	}
	sort.Slice(versions, func(i, j int) bool { return versions[i] < versions[j] })
	return versions[len(versions)-1], nil
}
