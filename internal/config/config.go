// Package config reads Kinerja's typed configuration from the environment.
package config

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata"

	"kinerja/internal/auth" // the time zone database, for machines without one
	"kinerja/internal/mailer"
)

// Config is the whole runtime configuration. Every field has a default.
type Config struct {
	DatabaseURL string // DATABASE_URL
	// MigrateURL (KINERJA_MIGRATE_DATABASE_URL) connects as the schema's owner for
	// the migrations, seeding and grants, when the application runs with a role that
	// owns nothing (README, "Hak akses basis data"). Empty: DATABASE_URL.
	MigrateURL      string
	Addr            string         // KINERJA_ADDR, listen address
	Location        *time.Location // KINERJA_TZ
	SessionLifetime time.Duration  // KINERJA_SESSION_LIFETIME
	SessionIdle     time.Duration  // KINERJA_SESSION_IDLE
	CookieSecure    bool           // KINERJA_COOKIE_SECURE
	LogLevel        string         // KINERJA_LOG_LEVEL: debug, info, warn, error
	BenchRoutes     bool           // KINERJA_BENCH_ROUTES: expose /bench/baseline for make bench
	MaxConns        int32          // KINERJA_DB_MAX_CONNS, 0 = pgx default
	// The server's database timeouts: the wait for a free connection (and to
	// connect), one statement, and the wait for a row lock. Past them a request is
	// answered 503 (a lock: 409) with the input kept, instead of hanging.
	AcquireTimeout   time.Duration // KINERJA_DB_ACQUIRE_TIMEOUT, default 5s
	StatementTimeout time.Duration // KINERJA_DB_STATEMENT_TIMEOUT, default 15s
	LockTimeout      time.Duration // KINERJA_DB_LOCK_TIMEOUT, default 5s
	// UploadTimeout (KINERJA_UPLOAD_TIMEOUT, default 2m) bounds reading one form or
	// upload; a slower one is answered 408.
	UploadTimeout time.Duration
	// TrustedProxies (KINERJA_TRUSTED_PROXIES: addresses or CIDR ranges, comma-separated)
	// are the reverse proxies whose X-Forwarded-For names the client. Empty: none, and
	// the client is the connection's peer.
	TrustedProxies []netip.Prefix
	// LoginIPFailures (KINERJA_LOGIN_IP_FAILURES): failed logins per client address in
	// 15 minutes before it is locked out; 0 = the default (30).
	LoginIPFailures int
	// MaxBawahan (KINERJA_MAX_BAWAHAN): direct subordinates above which Periksa data
	// lists a penilai; 0: org.DefaultMaxBawahan (30).
	MaxBawahan int
	// SecretKey (KINERJA_SECRET_KEY: 32 bytes, base64, e.g. from openssl rand -base64
	// 32) encrypts what rests in the database for a while and must not be readable
	// there: the initial passwords of a bulk account list. Every instance of one
	// deployment has the same key. serve refuses to start without it.
	SecretKey []byte
	// Workers (KINERJA_WORKERS, default 4) is how many background jobs one instance
	// works at once.
	Workers int
	// JobTimeout (KINERJA_JOB_TIMEOUT, default 15m) bounds one attempt of a job;
	// JobRescueAfter (KINERJA_JOB_RESCUE_AFTER, default JobTimeout + 5m) is how long
	// a job may stay running before it is taken to be abandoned by a process that
	// died, and retried.
	JobTimeout, JobRescueAfter time.Duration
	// BaseURL (KINERJA_BASE_URL, default http:// and Addr) is the site's address as
	// people open it; mail links to it.
	BaseURL string
	// SMTP (KINERJA_SMTP_HOST, _PORT, _USER, _PASSWORD, _TLS: starttls, tls or
	// none; KINERJA_MAIL_FROM) is the mail server. Without a host, mail waits in the
	// outbox (Kotak Keluar).
	SMTP mailer.Config
	// MailEvery (KINERJA_MAIL_EVERY, default 30s) is how often the outbox is looked
	// at for mail whose next attempt is due.
	MailEvery time.Duration
	// MetricsAddr (KINERJA_METRICS_ADDR) serves the Prometheus metrics at /metrics on
	// an address of their own; MetricsToken (KINERJA_METRICS_TOKEN) requires
	// "Authorization: Bearer <token>" and, without MetricsAddr, serves them on the
	// main address. Neither: no metrics.
	MetricsAddr, MetricsToken string
	// MailRate (KINERJA_MAIL_RATE, default 200, 0 for no limit) is the most mails a
	// second one instance hands to SMTP.
	MailRate int
	// ReminderHour (KINERJA_REMINDER_HOUR, 0 to 23, default 7) is the local hour
	// from which the day's reminders go out.
	ReminderHour int
}

// DefaultDatabaseURL is the project-local cluster started by scripts/pg.sh.
const DefaultDatabaseURL = "postgres://postgres@127.0.0.1:54329/kinerja?sslmode=disable"

// Load reads the configuration through getenv. It returns an error naming the
// variable when a value cannot be parsed.
func Load(getenv func(string) string) (Config, error) {
	c := Config{
		DatabaseURL:     DefaultDatabaseURL,
		Addr:            "localhost:8080",
		SessionLifetime: 12 * time.Hour,
		SessionIdle:     2 * time.Hour,
		CookieSecure:    true,
		LogLevel:        "info",
		AcquireTimeout:  5 * time.Second, StatementTimeout: 15 * time.Second, LockTimeout: 5 * time.Second,
		UploadTimeout: 2 * time.Minute,
	}
	if v := getenv("DATABASE_URL"); v != "" {
		c.DatabaseURL = v
	}
	c.MigrateURL = getenv("KINERJA_MIGRATE_DATABASE_URL")
	if v := getenv("KINERJA_ADDR"); v != "" {
		c.Addr = v
	}
	tz := "Asia/Jakarta"
	if v := getenv("KINERJA_TZ"); v != "" {
		tz = v
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return c, fmt.Errorf("config: KINERJA_TZ %q: %w", tz, err)
	}
	c.Location = loc
	if c.SessionLifetime, err = duration(getenv, "KINERJA_SESSION_LIFETIME", c.SessionLifetime); err != nil {
		return c, err
	}
	for _, d := range []struct {
		name string
		v    *time.Duration
	}{{"KINERJA_DB_ACQUIRE_TIMEOUT", &c.AcquireTimeout}, {"KINERJA_DB_STATEMENT_TIMEOUT", &c.StatementTimeout},
		{"KINERJA_DB_LOCK_TIMEOUT", &c.LockTimeout}, {"KINERJA_UPLOAD_TIMEOUT", &c.UploadTimeout}} {
		if *d.v, err = duration(getenv, d.name, *d.v); err != nil {
			return c, err
		}
	}
	if c.SessionIdle, err = duration(getenv, "KINERJA_SESSION_IDLE", c.SessionIdle); err != nil {
		return c, err
	}
	if c.CookieSecure, err = boolean(getenv, "KINERJA_COOKIE_SECURE", c.CookieSecure); err != nil {
		return c, err
	}
	if c.BenchRoutes, err = boolean(getenv, "KINERJA_BENCH_ROUTES", false); err != nil {
		return c, err
	}
	if v := getenv("KINERJA_LOG_LEVEL"); v != "" {
		switch v {
		case "debug", "info", "warn", "error":
			c.LogLevel = v
		default:
			return c, fmt.Errorf("config: KINERJA_LOG_LEVEL %q: want debug, info, warn or error", v)
		}
	}
	n, err := positive(getenv, "KINERJA_DB_MAX_CONNS")
	if err != nil {
		return c, err
	}
	c.MaxConns = int32(n)
	if c.LoginIPFailures, err = positive(getenv, "KINERJA_LOGIN_IP_FAILURES"); err != nil {
		return c, err
	}
	if c.MaxBawahan, err = positive(getenv, "KINERJA_MAX_BAWAHAN"); err != nil {
		return c, err
	}
	if c.TrustedProxies, err = prefixes(getenv, "KINERJA_TRUSTED_PROXIES"); err != nil {
		return c, err
	}
	if v := getenv("KINERJA_SECRET_KEY"); v != "" {
		if c.SecretKey, err = auth.ParseKey(v); err != nil {
			return c, fmt.Errorf("config: KINERJA_SECRET_KEY: %w", err)
		}
	}
	if c.Workers, err = positive(getenv, "KINERJA_WORKERS"); err != nil {
		return c, err
	}
	if c.JobTimeout, err = duration(getenv, "KINERJA_JOB_TIMEOUT", 15*time.Minute); err != nil {
		return c, err
	}
	if c.JobRescueAfter, err = duration(getenv, "KINERJA_JOB_RESCUE_AFTER", c.JobTimeout+5*time.Minute); err != nil {
		return c, err
	}
	c.BaseURL = strings.TrimRight(getenv("KINERJA_BASE_URL"), "/")
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return c, fmt.Errorf("config: KINERJA_BASE_URL %q: want an address such as https://kinerja.example.go.id", c.BaseURL)
	}
	c.SMTP = mailer.Config{Host: getenv("KINERJA_SMTP_HOST"), Username: getenv("KINERJA_SMTP_USER"), Password: getenv("KINERJA_SMTP_PASSWORD"),
		TLS: getenv("KINERJA_SMTP_TLS"), From: getenv("KINERJA_MAIL_FROM"), Timeout: 30 * time.Second}
	if c.SMTP.Port, err = positive(getenv, "KINERJA_SMTP_PORT"); err != nil {
		return c, err
	}
	if err := c.SMTP.Check(); err != nil {
		return c, fmt.Errorf("config: KINERJA_SMTP_*: %w", err)
	}
	if c.MailEvery, err = duration(getenv, "KINERJA_MAIL_EVERY", 30*time.Second); err != nil {
		return c, err
	}
	c.MetricsAddr, c.MetricsToken = getenv("KINERJA_METRICS_ADDR"), getenv("KINERJA_METRICS_TOKEN")
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return c, errors.New("config: KINERJA_METRICS_TOKEN: want at least 16 characters")
	}
	c.MailRate = 200
	if v := getenv("KINERJA_MAIL_RATE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 100000 {
			return c, fmt.Errorf("config: KINERJA_MAIL_RATE %q: want mails a second, 0 for no limit", v)
		}
		c.MailRate = n
	}
	c.ReminderHour = 7
	if v := getenv("KINERJA_REMINDER_HOUR"); v != "" {
		h, err := strconv.Atoi(v)
		if err != nil || h < 0 || h > 23 {
			return c, fmt.Errorf("config: KINERJA_REMINDER_HOUR %q: want an hour from 0 to 23", v)
		}
		c.ReminderHour = h
	}
	return c, nil
}

func duration(getenv func(string) string, name string, def time.Duration) (time.Duration, error) {
	v := getenv(name)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return def, fmt.Errorf("config: %s %q: want a positive duration such as 12h", name, v)
	}
	return d, nil
}

func boolean(getenv func(string) string, name string, def bool) (bool, error) {
	v := getenv(name)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return def, fmt.Errorf("config: %s %q: want true or false", name, v)
	}
	return b, nil
}

// positive reads a positive number below 2^31; 0 when the variable is unset.
func positive(getenv func(string) string, name string) (int, error) {
	v := getenv(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("config: %s %q: want a positive number", name, v)
	}
	return int(n), nil
}

// prefixes reads a comma-separated list of addresses (taken as single-address ranges)
// and CIDR ranges.
func prefixes(getenv func(string) string, name string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(getenv(name), ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if a, err := netip.ParseAddr(f); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("config: %s %q: want addresses or CIDR ranges, comma-separated", name, f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// OwnerURL is the database URL for the migrations, seeding and grants: MigrateURL,
// or DATABASE_URL when it is not set.
func (c Config) OwnerURL() string {
	if c.MigrateURL != "" {
		return c.MigrateURL
	}
	return c.DatabaseURL
}
