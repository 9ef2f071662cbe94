package dbmigrate_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/dbmigrate"
)

// TestConcurrentUpTakesTurns: four instances starting at once on an empty database
// each run the migrations; all succeed and the schema ends current.
func TestConcurrentUpTakesTurns(t *testing.T) {
	admin := os.Getenv("KINERJA_TEST_DATABASE_URL")
	if admin == "" {
		t.Fatal("KINERJA_TEST_DATABASE_URL is not set: run the tests with make test")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("PostgreSQL unreachable: %v", err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("kinerja_migrate_race_%d", time.Now().UnixNano())
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = conn.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`)
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = dbmigrate.Up(u.String()) }()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	db, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	var version int
	var dirty bool
	if err := db.QueryRow(ctx, `SELECT version, dirty FROM schema_migrations`).Scan(&version, &dirty); err != nil {
		t.Fatal(err)
	}
	latest, _ := dbmigrate.Latest()
	if uint(version) != latest || dirty {
		t.Fatalf("schema at %d (dirty %v), want %d", version, dirty, latest)
	}
	var river int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM river_migration`).Scan(&river); err != nil || river == 0 {
		t.Fatalf("River's migrations: %d %v", river, err)
	}
}
