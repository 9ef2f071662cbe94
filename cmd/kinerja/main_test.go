package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinerja/internal/config"
	"kinerja/internal/dbmigrate"
	"kinerja/internal/dbtest"
)

// syncBuffer is an io.Writer the server writes to while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func envFrom(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// appRole creates a login role for db with `kinerja grant --create`, dropped when the
// test ends, and returns the role and db's URL connecting as it.
func appRole(t *testing.T, db dbtest.DB) (string, string) {
	t.Helper()
	u, err := url.Parse(db.URL)
	if err != nil {
		t.Fatal(err)
	}
	role := "app_" + strings.TrimPrefix(u.Path, "/")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"kinerja", "grant", "--create", role}, envFrom(map[string]string{"DATABASE_URL": db.URL}), &out, &out); err != nil {
		t.Fatalf("grant: %v %s", err, out.String())
	}
	t.Cleanup(func() {
		_, _ = db.Pool.Exec(context.Background(), `DROP OWNED BY `+role)
		_, _ = db.Pool.Exec(context.Background(), `DROP ROLE `+role)
	})
	u.User = url.User(role)
	return role, u.String()
}

// startServer runs `kinerja serve` through run() on a random loopback port over db
// and returns its base URL; the server stops when the test ends. The server connects
// as a role that owns nothing (appRole), as production does.
func startServer(t *testing.T, db dbtest.DB, extra map[string]string) string {
	t.Helper()
	u, _ := launch(t, db, extra)
	return u
}

// testSecretKey is KINERJA_SECRET_KEY of the servers the tests start.
var testSecretKey = base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))

// launch starts `kinerja serve` on db as the application's role and returns its
// URL and a stop function (idempotent; also run at cleanup) that shuts it down as
// SIGTERM does and reports its error.
func launch(t *testing.T, db dbtest.DB, extra map[string]string) (string, func()) {
	t.Helper()
	_, appURL := appRole(t, db)
	env := map[string]string{"DATABASE_URL": appURL, "KINERJA_MIGRATE_DATABASE_URL": db.URL, "KINERJA_ADDR": "127.0.0.1:0",
		"KINERJA_LOG_LEVEL": "warn", "KINERJA_SECRET_KEY": testSecretKey}
	for k, v := range extra {
		env[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	out, logs := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"kinerja", "serve"}, envFrom(env), out, logs) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("server: %v\n%s", err, logs.String())
			}
		})
	}
	t.Cleanup(stop)
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if u := re.FindString(out.String()); u != "" {
			return u, stop
		}
		select {
		case err := <-done:
			once.Do(func() {})
			t.Fatalf("server exited: %v\n%s", err, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("server did not start:\n%s", logs.String())
	return "", stop
}

func TestRunCommands(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	env := envFrom(map[string]string{"DATABASE_URL": db.URL})
	ctx := context.Background()
	var out bytes.Buffer
	if err := run(ctx, []string{"kinerja", "migrate", "up"}, env, &out, &out); err != nil {
		t.Fatalf("migrate up: %v", err)
	}
	out.Reset()
	latest, _ := dbmigrate.Latest()
	if err := run(ctx, []string{"kinerja", "migrate", "version"}, env, &out, &out); err != nil ||
		!strings.Contains(out.String(), fmt.Sprintf("versi skema %d (terbaru %d, dirty=false)", latest, latest)) {
		t.Fatalf("migrate version: %v %q", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"kinerja", "seed", "--demo", "--if-empty"}, env, &out, &out); err != nil {
		t.Fatalf("seed: %v", err)
	}
	for _, want := range []string{"400 pegawai", "Akun demo", "Admin BKD", "Kepala OPD", "Atasan penilai", "Penilai", "Pegawai", "kinerja2026", "fase perencanaan"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("seed output lacks %q:\n%s", want, out.String())
		}
	}
	// The demo opens this year's period in perencanaan with every active pegawai in it
	// and its deadlines set.
	var fase string
	var peserta, pegawai int
	var deadlines bool
	if err := db.Pool.QueryRow(ctx, `
		SELECT p.fase, (SELECT count(*) FROM periode_peserta s WHERE s.periode_id = p.id), (SELECT count(*) FROM pegawai WHERE aktif),
		       p.tenggat_perencanaan < p.tenggat_pelaksanaan AND p.tenggat_pelaksanaan < p.tenggat_penilaian
		FROM periode p WHERE p.tahun = extract(year FROM now() AT TIME ZONE 'Asia/Jakarta')`).Scan(&fase, &peserta, &pegawai, &deadlines); err != nil ||
		fase != "perencanaan" || peserta != pegawai || peserta == 0 || !deadlines {
		t.Fatalf("demo period: %q, %d participants of %d pegawai, deadlines %v, %v", fase, peserta, pegawai, deadlines, err)
	}
	// Beside it, last year is finished for Dinas Pendidikan: every participant's plan
	// approved with realisasi and bukti, every annual rating published, peer answers,
	// one keberatan decided, the period closed.
	var lalu string
	var opd, disetujui, bukti, dinilai, jawaban, diputuskan int
	if err := db.Pool.QueryRow(ctx, `
		SELECT p.fase,
		       (SELECT count(*) FROM periode_peserta s JOIN perangkat_daerah d ON d.id = s.opd_id WHERE s.periode_id = p.id AND d.nama = 'Dinas Pendidikan'),
		       (SELECT count(*) FROM skp k WHERE k.periode_id = p.id AND k.status = 'disetujui'),
		       (SELECT count(DISTINCT b.skp_id) FROM bukti_dukung b WHERE b.periode_id = p.id),
		       (SELECT count(*) FROM penilaian n WHERE n.periode_id = p.id AND n.checkin = 0 AND n.ditetapkan_at IS NOT NULL),
		       (SELECT count(*) FROM rekan_peninjau r WHERE r.periode_id = p.id AND r.status = 'selesai'),
		       (SELECT count(*) FROM keberatan k WHERE k.periode_id = p.id AND k.status <> 'diajukan')
		FROM periode p WHERE p.tahun = extract(year FROM now() AT TIME ZONE 'Asia/Jakarta') - 1`).Scan(&lalu, &opd, &disetujui, &bukti, &dinilai, &jawaban, &diputuskan); err != nil ||
		lalu != "selesai" || opd < 50 || disetujui != opd || bukti != opd || dinilai != opd || jawaban < 5 || diputuskan != 1 {
		t.Fatalf("last year: %q, OPD %d, approved %d, with bukti %d, rated %d, peer answers %d, keberatan decided %d, %v",
			lalu, opd, disetujui, bukti, dinilai, jawaban, diputuskan, err)
	}
	for _, want := range []string{"selesai untuk Dinas Pendidikan"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("seed output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(ctx, []string{"kinerja", "seed", "--demo", "--if-empty"}, env, &out, &out); err != nil || !strings.Contains(out.String(), "tidak dimuat ulang") {
		t.Fatalf("second seed: %v %q", err, out.String())
	}
	if err := run(ctx, []string{"kinerja", "seed", "--demo"}, env, &out, &out); err == nil {
		t.Fatal("seeding a non-empty database without --if-empty must fail")
	}
	if err := run(ctx, []string{"kinerja", "bogus"}, env, &out, &out); err == nil {
		t.Fatal("unknown command must fail")
	}
	if err := run(ctx, []string{"kinerja", "serve"}, envFrom(map[string]string{"KINERJA_TZ": "Nowhere/City"}), &out, &out); err == nil ||
		!strings.Contains(err.Error(), "KINERJA_TZ") {
		t.Fatalf("bad config: %v", err)
	}
	// grant gives the application's role row access only; the server then runs as
	// that role, with the owner's URL for the migrations.
	role := "app_" + strings.TrimPrefix(must(url.Parse(db.URL)).Path, "/")
	if err := run(ctx, []string{"kinerja", "grant", role}, env, &out, &out); err == nil || !strings.Contains(err.Error(), "--create") {
		t.Fatalf("grant to a missing role: %v", err)
	}
	role, appURL := appRole(t, db)
	u := must(url.Parse(appURL))
	appEnv := envFrom(map[string]string{"DATABASE_URL": u.String(), "KINERJA_MIGRATE_DATABASE_URL": db.URL})
	out.Reset()
	if err := run(ctx, []string{"kinerja", "migrate", "version"}, appEnv, &out, &out); err != nil || !strings.Contains(out.String(), "dirty=false") {
		t.Fatalf("migrate version with the owner's URL: %v %q", err, out.String())
	}
	if err := run(ctx, []string{"kinerja", "migrate", "down", "1"}, envFrom(map[string]string{"DATABASE_URL": u.String()}), &out, &out); err == nil {
		t.Fatal("the application's role undid a migration")
	}
	out.Reset()
	if err := run(ctx, []string{"kinerja", "migrate", "down"}, env, &out, &out); err != nil {
		t.Fatalf("migrate down: %v", err)
	}
}

func TestServeAnswersHealthChecks(t *testing.T) {
	t.Parallel()
	base := startServer(t, dbtest.New(t), nil)
	var out bytes.Buffer
	addr := strings.TrimPrefix(base, "http://")
	if err := run(context.Background(), []string{"kinerja", "health"}, envFrom(map[string]string{"KINERJA_ADDR": addr}), &out, &out); err != nil {
		t.Fatalf("kinerja health: %v", err)
	}
	for _, p := range []string{"/healthz", "/readyz"} {
		res, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", p, res.StatusCode)
		}
	}
}

// The browser is shared by the package; each test opens its own browser context.
var browserCtx context.Context

func TestMain(m *testing.M) {
	path := os.Getenv("KINERJA_CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		fmt.Fprintln(os.Stderr, "browser tests need Chromium: run `make test` (it installs Debian's chromium) or set KINERJA_CHROMIUM")
		os.Exit(1)
	}
	dir, err := os.MkdirTemp("", "kinerja-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	var cancelBrowser context.CancelFunc
	browserCtx, cancelBrowser = chromedp.NewContext(allocCtx)
	if err := chromedp.Do(browserCtx); err != nil {
		fmt.Fprintln(os.Stderr, "start chromium:", err)
		os.Exit(1)
	}
	code := m.Run()
	cancelBrowser()
	cancelAlloc()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestServerPoolSettings: the server's connections bound statements and lock waits
// and run without JIT compilation (it cost 330 ms of a 360 ms kalibrasi query).
func TestServerPoolSettings(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	cfg, err := config.Load(envFrom(map[string]string{"DATABASE_URL": db.URL}))
	if err != nil {
		t.Fatal(err)
	}
	pool, err := openPool(context.Background(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var jit, stmt string
	if err := pool.QueryRow(context.Background(), `SELECT current_setting('jit'), current_setting('statement_timeout')`).Scan(&jit, &stmt); err != nil {
		t.Fatal(err)
	}
	if jit != "off" || stmt != "15s" {
		t.Errorf("jit %s, statement_timeout %s", jit, stmt)
	}
}
