package store_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"kinerja/internal/dbmigrate"
	"kinerja/internal/store"
)

// truncatable are the only tables that allow TRUNCATE: their rows are transient.
// River's tables (river_*) hold the job queue, whose rows are transient too.
var truncatable = map[string]bool{"sessions": true, "login_throttle": true, "schema_migrations": true}

func isTruncatable(table string) bool {
	return truncatable[table] || strings.HasPrefix(table, "river_")
}

// TestEveryAppraisalTableRefusesTruncate checks that TRUNCATE, which skips the row
// triggers that guard closed periods and locked plans, is refused on every table of
// the schema but the transient ones, even by the owner.
func TestEveryAppraisalTableRefusesTruncate(t *testing.T) {
	t.Parallel()
	_, db, _ := seeded(t)
	rows, err := db.Pool.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, table := range tables {
		if isTruncatable(table) {
			continue
		}
		checked++
		_, err := db.Pool.Exec(ctx, `TRUNCATE `+pgx.Identifier{table}.Sanitize()+` CASCADE`)
		if code := pgCode(err); code != "42501" {
			t.Errorf("TRUNCATE %s: %v (SQLSTATE %q), want refused with 42501", table, err, code)
		}
	}
	if checked < 30 {
		t.Fatalf("checked %d tables of %v", checked, tables)
	}
	var n int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM pegawai`).Scan(&n); err != nil || n == 0 {
		t.Fatalf("pegawai after the attempts: %d %v", n, err)
	}
}

// TestApplicationRoleOwnsNothing runs the store as a role granted with
// dbmigrate.GrantSQL and checks that it can do the application's work and cannot
// truncate, alter, drop, disable a trigger or rewrite the append-only tables.
func TestApplicationRoleOwnsNothing(t *testing.T) {
	t.Parallel()
	_, db, ds := seeded(t)
	var dbName string
	if err := db.Pool.QueryRow(ctx, `SELECT current_database()`).Scan(&dbName); err != nil {
		t.Fatal(err)
	}
	role := "app_" + strings.ToLower(strings.ReplaceAll(dbName, "-", "_"))
	if len(role) > 60 {
		role = role[:60]
	}
	if _, err := db.Pool.Exec(ctx, `CREATE ROLE `+role+` LOGIN`); err != nil {
		t.Fatal(err)
	}
	grants, err := dbmigrate.GrantSQL(role)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool.Exec(ctx, grants); err != nil {
		t.Fatalf("grants: %v\n%s", err, grants)
	}
	u, err := url.Parse(db.URL)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(role)
	pool, err := pgxpool.New(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		pool.Close()
		_, _ = db.Pool.Exec(ctx, `DROP OWNED BY `+role)
		_, _ = db.Pool.Exec(ctx, `DROP ROLE `+role)
	})
	var who string
	if err := pool.QueryRow(ctx, `SELECT current_user`).Scan(&who); err != nil || who != role {
		t.Fatalf("connected as %q, %v", who, err)
	}

	// The application's work: a write with its audit entry, reads, a session.
	st := store.New(pool)
	admin := ds.Pegawai[0]
	acc, err := st.FindLoginAccount(ctx, admin.NIP)
	if err != nil {
		t.Fatalf("read as the application role: %v", err)
	}
	if _, err := st.LoadPrincipal(ctx, acc.AkunID); err != nil {
		t.Fatal(err)
	}
	if err := st.Sessions(func([]byte) int64 { return 0 }).CommitCtx(ctx, "tok", []byte("x"), time.Now().Add(time.Hour)); err != nil {
		t.Fatalf("session write: %v", err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO audit_log (actor_label, action, entity, entity_id) VALUES ('t', 'uji', 'uji', '1')`); err != nil {
		t.Fatalf("append to audit_log: %v", err)
	}
	if _, err := pool.Exec(ctx, `UPDATE pegawai SET nama = nama WHERE id = $1`, admin.ID); err != nil {
		t.Fatalf("update pegawai: %v", err)
	}

	// What it must not do.
	for _, sql := range []string{
		`TRUNCATE sessions`,
		`TRUNCATE pegawai CASCADE`,
		`ALTER TABLE realisasi DISABLE TRIGGER USER`,
		`ALTER TABLE skp ADD COLUMN x int`,
		`DROP TABLE umpan_balik CASCADE`,
		`DROP TRIGGER realisasi_terbuka_ins ON realisasi`,
		`CREATE TABLE liar (id int)`,
		`UPDATE audit_log SET action = 'x'`,
		`DELETE FROM penilaian_riwayat`,
		`DELETE FROM schema_migrations`,
		`CREATE TRIGGER liar BEFORE INSERT ON skp FOR EACH ROW EXECUTE FUNCTION tanpa_truncate()`,
	} {
		if _, err := pool.Exec(ctx, sql); pgCode(err) != "42501" {
			t.Errorf("%s: %v (SQLSTATE %q), want insufficient privilege", sql, err, pgCode(err))
		}
	}
}
