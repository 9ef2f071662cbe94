// Command kinerja is the Kinerja server and its tools, in one binary:
//
//	kinerja serve                 run the web server (applies pending migrations first)
//	kinerja migrate up|down [N]|version
//	kinerja seed --demo [--if-empty] | --pegawai N [--seed S]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"kinerja/internal/auth"
	"kinerja/internal/config"
	"kinerja/internal/dbmigrate"
	"kinerja/internal/demo"
	"kinerja/internal/metrics"
	"kinerja/internal/org"
	"kinerja/internal/pdf"
	"kinerja/internal/queue"
	"kinerja/internal/seed"
	"kinerja/internal/store"
	"kinerja/internal/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "kinerja:", err)
		os.Exit(1)
	}
}

const usage = `Pemakaian: kinerja <perintah> [opsi]

Perintah:
  serve                          jalankan server web (migrasi diterapkan lebih dulu)
  migrate up                     terapkan semua migrasi
  migrate down [N]               batalkan N migrasi terakhir (semua bila N tidak diisi)
  migrate version                tampilkan versi skema
  grant [--create] PERAN          beri PERAN (peran aplikasi) hak baca-tulis baris saja, tanpa memiliki tabel
  seed --demo [--if-empty]       muat data demo Pemerintah Kota Kotalama (±400 pegawai)
  seed --pegawai N [--seed S]    muat data sintetis sebanyak N pegawai (mis. 50000 untuk benchmark)
  health                         periksa /readyz server di KINERJA_ADDR (untuk healthcheck kontainer)

Konfigurasi lewat variabel lingkungan: lihat README.md.
`

// run is the whole program; tests call it with their own environment and stdout.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}[cfg.LogLevel]
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	switch args[1] {
	case "serve":
		return serve(ctx, cfg, getenv, logger, stdout)
	case "migrate":
		return migrateCmd(ctx, ownerConfig(cfg), args[2:], stdout)
	case "seed":
		return seedCmd(ctx, ownerConfig(cfg), args[2:], stdout)
	case "grant":
		return grantCmd(ctx, cfg, args[2:], stdout)
	case "health":
		return healthCmd(ctx, cfg, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[1])
}

// ownerConfig is cfg connecting as the schema's owner (KINERJA_MIGRATE_DATABASE_URL).
func ownerConfig(cfg config.Config) config.Config {
	cfg.DatabaseURL = cfg.OwnerURL()
	return cfg
}

// grantCmd applies the migrations as the owner and grants role what the application
// needs (dbmigrate.GrantSQL). --create creates role first when it does not exist, as
// a login role without a password (for the project-local cluster, which trusts local
// connections); in production the DBA creates it with a password.
func grantCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("grant", flag.ContinueOnError)
	fs.SetOutput(stdout)
	create := fs.Bool("create", false, "create the role when it does not exist")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("grant: give the application's role")
	}
	role := fs.Arg(0)
	grants, err := dbmigrate.GrantSQL(role)
	if err != nil {
		return err
	}
	cfg = ownerConfig(cfg)
	if err := dbmigrate.Up(cfg.DatabaseURL); err != nil {
		return err
	}
	pool, err := openPool(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer pool.Close()
	var exists bool
	if err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, role).Scan(&exists); err != nil {
		return fmt.Errorf("grant: %w", err)
	}
	switch {
	case !exists && !*create:
		return fmt.Errorf("grant: role %q does not exist (create it, or pass --create)", role)
	case !exists:
		if _, err := pool.Exec(ctx, `CREATE ROLE `+role+` LOGIN`); err != nil {
			return fmt.Errorf("grant: create role: %w", err)
		}
	}
	if _, err := pool.Exec(ctx, grants); err != nil {
		return fmt.Errorf("grant: %w", err)
	}
	fmt.Fprintf(stdout, "Hak akses %s diterapkan.\n", role)
	return nil
}

// openPool connects to cfg.DatabaseURL. bounded sets the server's statement and lock
// timeouts on every connection.
func openPool(ctx context.Context, cfg config.Config, bounded bool) (*pgxpool.Pool, error) {
	pc, err := pgxpool.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	if cfg.MaxConns > 0 {
		pc.MaxConns = cfg.MaxConns
	}
	if bounded {
		// The server's statements and lock waits are bounded; migrations and seeding,
		// which run long on a province, are not.
		pc.ConnConfig.ConnectTimeout = cfg.AcquireTimeout
		pc.ConnConfig.RuntimeParams["statement_timeout"] = strconv.FormatInt(cfg.StatementTimeout.Milliseconds(), 10)
		pc.ConnConfig.RuntimeParams["lock_timeout"] = strconv.FormatInt(cfg.LockTimeout.Milliseconds(), 10)
		// JIT compilation pays off on long analytic scans, not on requests: it took
		// 330 ms of the 360 ms of the kalibrasi page of a 2,000-participant OPD, whose
		// estimated cost crosses jit_above_cost (make bench).
		pc.ConnConfig.RuntimeParams["jit"] = "off"
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database unreachable at %s: %w", redact(cfg.DatabaseURL), err)
	}
	return pool, nil
}

// redact hides a password in a database URL for messages.
func redact(u string) string {
	if cfg, err := pgxpool.ParseConfig(u); err == nil {
		return fmt.Sprintf("%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	}
	return "(invalid URL)"
}

func serve(ctx context.Context, cfg config.Config, getenv func(string) string, logger *slog.Logger, stdout io.Writer) error {
	if len(cfg.SecretKey) == 0 {
		return errors.New("KINERJA_SECRET_KEY belum diatur: buat dengan `openssl rand -base64 32` (lihat README.md)")
	}
	sealer, err := auth.NewSealer(cfg.SecretKey)
	if err != nil {
		return err
	}
	if err := dbmigrate.Up(cfg.OwnerURL()); err != nil {
		return err
	}
	pool, err := openPool(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer pool.Close()

	// Expired sessions are deleted by a loop that ends with ctx.
	st := store.New(pool).WithAcquireTimeout(cfg.AcquireTimeout)
	go st.CleanSessions(ctx, 30*time.Minute, logger)
	printer := pdf.NewRenderer(pdf.FindChromium(getenv))
	defer printer.Close()
	if !printer.Available() {
		logger.Warn("Chromium not found: PDF downloads are unavailable (set KINERJA_CHROMIUM or install chromium)")
	}
	sessions := scs.New()
	sessions.Store = st.Sessions(web.SessionAkun)
	sessions.Codec = web.SessionCodec{}
	sessions.Lifetime = cfg.SessionLifetime
	sessions.Cookie.Name = "kinerja_session"
	sessions.Cookie.HttpOnly = true
	sessions.Cookie.SameSite = http.SameSiteLaxMode
	sessions.Cookie.Secure = cfg.CookieSecure
	sessions.Cookie.Path = "/"
	sessions.ErrorFunc = web.SessionError(logger)

	var met *metrics.Metrics
	metricsToken := ""
	if cfg.MetricsAddr != "" || cfg.MetricsToken != "" {
		met = metrics.New(pool)
		if cfg.MetricsAddr == "" {
			metricsToken = cfg.MetricsToken // on the main address, behind the token
		}
	}
	workers := river.NewWorkers()
	handler := web.New(web.Options{
		Store: st, Sessions: sessions, Logger: logger, Location: cfg.Location,
		CookieSecure: cfg.CookieSecure, SessionIdle: cfg.SessionIdle, BenchRoutes: cfg.BenchRoutes,
		PDF: printer, TrustedProxies: cfg.TrustedProxies,
		LoginIPFailures: cfg.LoginIPFailures, UploadTimeout: cfg.UploadTimeout, MaxBawahan: cfg.MaxBawahan,
		Sealer: sealer, Workers: workers, SMTP: cfg.SMTP, BaseURL: cfg.BaseURL, ReminderHour: &cfg.ReminderHour, MailRate: cfg.MailRate,
		Metrics: met, MetricsToken: metricsToken,
	})
	if !cfg.SMTP.Enabled() {
		logger.Info("no SMTP server (KINERJA_SMTP_HOST): mail waits in the outbox, readable by the Admin BKD under Kotak Keluar")
	}
	// The job client works on its own context: a shutdown stops it after the HTTP
	// server, cancelling what is left; those jobs are retried after the restart.
	jobClient, err := queue.Start(context.WithoutCancel(ctx), pool, workers, queue.Config{
		Workers: cfg.Workers, JobTimeout: cfg.JobTimeout, RescueAfter: cfg.JobRescueAfter, MailEvery: cfg.MailEvery, Logger: logger,
	})
	if err != nil {
		return err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := jobClient.StopAndCancel(stopCtx); err != nil {
			logger.Warn("job client stop", "err", err)
		}
	}()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.UploadTimeout + 30*time.Second, // a backstop: the handler cuts a slow body at UploadTimeout
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	shown := ln.Addr().String()
	if host, port, err := net.SplitHostPort(cfg.Addr); err == nil && port != "0" {
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "localhost"
		}
		shown = net.JoinHostPort(host, port)
	}
	fmt.Fprintf(stdout, "Kinerja berjalan di http://%s\n", shown)
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen %s (metrics): %w", cfg.MetricsAddr, err)
		}
		mux := http.NewServeMux()
		mux.Handle("/metrics", met.Handler(cfg.MetricsToken))
		msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		defer msrv.Close()
		go func() {
			if err := msrv.Serve(mln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- err
			}
		}()
		fmt.Fprintf(stdout, "Metrik Prometheus di http://%s/metrics\n", mln.Addr())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func migrateCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("migrate: want up, down [N] or version")
	}
	switch args[0] {
	case "up":
		if err := dbmigrate.Up(cfg.DatabaseURL); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "Migrasi selesai.")
		return nil
	case "down":
		steps := 0
		if len(args) > 1 {
			n, err := strconv.Atoi(args[1])
			if err != nil || n < 1 {
				return fmt.Errorf("migrate down: %q is not a positive number", args[1])
			}
			steps = n
		}
		if err := dbmigrate.Down(cfg.DatabaseURL, steps); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "Migrasi dibatalkan.")
		return nil
	case "version":
		pool, err := openPool(ctx, cfg, false)
		if err != nil {
			return err
		}
		defer pool.Close()
		v, dirty, err := store.New(pool).SchemaVersion(ctx)
		if err != nil {
			return err
		}
		latest, err := dbmigrate.Latest()
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "versi skema %d (terbaru %d, dirty=%v)\n", v, latest, dirty)
		return nil
	}
	return fmt.Errorf("migrate: unknown subcommand %q", args[0])
}

func seedCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stdout)
	demo := fs.Bool("demo", false, "load the demo pemda (about 400 pegawai)")
	n := fs.Int("pegawai", 0, "number of pegawai to generate")
	ifEmpty := fs.Bool("if-empty", false, "do nothing when the database already has pegawai")
	seedVal := fs.Uint64("seed", seed.DefaultSeed, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *demo && *n == 0 {
		*n = 400
	}
	if *n == 0 {
		return errors.New("seed: give --demo or --pegawai N")
	}
	if err := dbmigrate.Up(cfg.DatabaseURL); err != nil {
		return err
	}
	pool, err := openPool(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer pool.Close()
	st := store.New(pool)
	has, err := st.HasPegawai(ctx)
	if err != nil {
		return err
	}
	switch {
	case has && *ifEmpty:
		fmt.Fprintln(stdout, "Basis data sudah berisi pegawai; data demo tidak dimuat ulang.")
	case has:
		return errors.New("seed: the database already has pegawai; use an empty database")
	default:
		start := time.Now()
		ds, err := seed.Generate(*n, *seedVal)
		if err != nil {
			return err
		}
		hash, err := auth.HashPassword(seed.DemoPassword)
		if err != nil {
			return err
		}
		if err := seed.Load(ctx, pool, ds, hash); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Data dimuat: %d perangkat daerah, %d unit kerja, %d jabatan, %d pegawai dalam %.2f s.\n",
			len(ds.OPDs), len(ds.Units), len(ds.Jabatan), len(ds.Pegawai), time.Since(start).Seconds())
		if *demo {
			if err := demoPeriods(ctx, st, pool, cfg.Location, stdout); err != nil {
				return err
			}
		}
	}
	logins, err := seed.DemoLogins(ctx, pool)
	if err != nil {
		return err
	}
	if len(logins) > 0 {
		fmt.Fprintf(stdout, "\nAkun demo (kata sandi semuanya: %s):\n", seed.DemoPassword)
		for _, l := range logins {
			fmt.Fprintf(stdout, "  %-15s NIP %s  %s\n", l.Peran, l.NIP, l.Nama)
		}
	}
	return nil
}

// demoPeriods gives the demo a finished previous year for Dinas Pendidikan (the
// demo logins' OPD, with the demo pegawai's keberatan decided) and opens this year in
// the planning phase with its deadlines, so that whoever tries the demo sees the
// riwayat, documents and results at once and can draft and approve plans.
func demoPeriods(ctx context.Context, st *store.Store, pool *pgxpool.Pool, loc *time.Location, stdout io.Writer) error {
	now := time.Now().In(loc)
	year := now.Year()
	start := time.Now()
	logins, err := seed.DemoLogins(ctx, pool)
	if err != nil {
		return err
	}
	var pegawai org.Pegawai
	for _, l := range logins {
		if l.Peran == "Pegawai" {
			list, _, err := st.SearchPegawai(ctx, store.PegawaiFilter{Q: l.NIP, Limit: 1})
			if err != nil {
				return err
			}
			if len(list) == 1 {
				pegawai = list[0]
			}
		}
	}
	if pegawai.ID == 0 {
		return errors.New("seed: the demo has no pegawai to follow")
	}
	if _, err := demo.FinishedYear(ctx, st, year-1, pegawai.OPDID, pegawai.ID, now, loc); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Periode penilaian %d selesai untuk %s: SKP, realisasi, bukti, umpan balik, penilaian dan satu keberatan (%.1f s).\n",
		year-1, pegawai.OPD, time.Since(start).Seconds())
	if _, err := demo.OpenYear(ctx, st, year, now); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Periode penilaian %d dibuka pada fase perencanaan: setiap pegawai dapat menyusun SKP.\n", year)
	return nil
}

// healthCmd asks the running server's /readyz, for container health checks.
func healthCmd(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return fmt.Errorf("KINERJA_ADDR %q: %w", cfg.Addr, err)
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+"/readyz", nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("health: /readyz answered %d", res.StatusCode)
	}
	fmt.Fprintln(stdout, "ok")
	return nil
}
