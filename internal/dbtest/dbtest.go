// Package dbtest gives each test its own PostgreSQL database, cloned from a template
// that is migrated (and, for NewSeeded, loaded with the demo pemda) once per schema.
// Tests fail, not skip, when PostgreSQL is unreachable: `make test` starts it.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"kinerja/internal/auth"
	"kinerja/internal/dbmigrate"
	"kinerja/internal/seed"
	"kinerja/migrations"
)

// DefaultAdminURL is the maintenance database of the cluster scripts/pg.sh starts.
const DefaultAdminURL = "postgres://postgres@127.0.0.1:54329/postgres?sslmode=disable"

// AdminURL is where test databases are created: $KINERJA_TEST_DATABASE_URL or the default.
func AdminURL() string {
	if u := os.Getenv("KINERJA_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultAdminURL
}

// DB is one test's database.
type DB struct {
	URL  string
	Pool *pgxpool.Pool
}

// New returns an empty, migrated database for this test, dropped when it ends.
func New(t testing.TB) DB {
	t.Helper()
	return clone(t, template(t, false))
}

// NewSeeded returns a migrated database holding the demo pemda (seed.Generate(400,
// seed.DefaultSeed), every account with seed.DemoPassword), dropped when the test ends.
func NewSeeded(t testing.TB) DB {
	t.Helper()
	return clone(t, template(t, true))
}

// DemoDataset is the dataset NewSeeded loads.
func DemoDataset(t testing.TB) *seed.Dataset {
	t.Helper()
	ds, err := seed.Generate(400, seed.DefaultSeed)
	if err != nil {
		t.Fatalf("dbtest: generate demo data: %v", err)
	}
	return ds
}

func dbURL(admin, name string) string {
	u, err := url.Parse(admin)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

func adminConn(t testing.TB) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		t.Fatalf("dbtest: PostgreSQL unreachable at %s (run `make test`, which starts it, or set KINERJA_TEST_DATABASE_URL): %v", AdminURL(), err)
	}
	return conn
}

// hashes remembers schemaHash per kind of template: the demo dataset is generated
// and hashed once per test binary, not once per test.
var hashes sync.Map // bool → string

// schemaHash names the template after the migrations' content, so a changed schema
// gets a fresh template.
func schemaHash(seeded bool, t testing.TB) string {
	if v, ok := hashes.Load(seeded); ok {
		return v.(string)
	}
	v := computeHash(seeded, t)
	hashes.Store(seeded, v)
	return v
}

func computeHash(seeded bool, t testing.TB) string {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatalf("dbtest: hash migrations: %v", err)
	}
	h.Write([]byte(dbmigrate.RiverFingerprint()))
	if seeded {
		b, err := json.Marshal(DemoDataset(t))
		if err != nil {
			t.Fatalf("dbtest: hash dataset: %v", err)
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// template returns the name of a ready template database, building it under an
// advisory lock so parallel test binaries build it once.
func template(t testing.TB, seeded bool) string {
	t.Helper()
	name := "kinerja_tmpl_" + schemaHash(seeded, t)
	if seeded {
		name += "_demo"
	}
	ctx := context.Background()
	conn := adminConn(t)
	defer conn.Close(ctx)
	lock := fnv.New64a()
	lock.Write([]byte(name))
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(lock.Sum64())); err != nil {
		t.Fatalf("dbtest: lock: %v", err)
	}
	defer conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, int64(lock.Sum64())) //nolint:errcheck
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		t.Fatalf("dbtest: check template: %v", err)
	}
	if exists {
		return name
	}
	building := name + "_build"
	if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{building}.Sanitize()+` WITH (FORCE)`); err != nil {
		t.Fatalf("dbtest: drop stale template: %v", err)
	}
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{building}.Sanitize()); err != nil {
		t.Fatalf("dbtest: create template: %v", err)
	}
	u := dbURL(AdminURL(), building)
	if err := dbmigrate.Up(u); err != nil {
		t.Fatalf("dbtest: migrate template: %v", err)
	}
	if seeded {
		pool, err := pgxpool.New(ctx, u)
		if err != nil {
			t.Fatalf("dbtest: open template: %v", err)
		}
		hash, err := auth.HashPassword(seed.DemoPassword)
		if err != nil {
			t.Fatal(err)
		}
		err = seed.Load(ctx, pool, DemoDataset(t), hash)
		pool.Close()
		if err != nil {
			t.Fatalf("dbtest: seed template: %v", err)
		}
	}
	if _, err := conn.Exec(ctx, `ALTER DATABASE `+pgx.Identifier{building}.Sanitize()+` RENAME TO `+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatalf("dbtest: finish template: %v", err)
	}
	return name
}

func clone(t testing.TB, tmpl string) DB {
	t.Helper()
	ctx := context.Background()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := fmt.Sprintf("kinerja_test_%s", hex.EncodeToString(b))
	conn := adminConn(t)
	_, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()+` TEMPLATE `+pgx.Identifier{tmpl}.Sanitize())
	conn.Close(ctx)
	if err != nil {
		t.Fatalf("dbtest: clone %s: %v", tmpl, err)
	}
	u := dbURL(AdminURL(), name)
	pool, err := pgxpool.New(ctx, u)
	if err != nil {
		t.Fatalf("dbtest: open %s: %v", name, err)
	}
	t.Cleanup(func() {
		pool.Close()
		c := adminConn(t)
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`); err != nil {
			t.Errorf("dbtest: drop %s: %v", name, err)
		}
	})
	return DB{URL: u, Pool: pool}
}
