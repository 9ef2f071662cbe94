// Package metrics exposes Kinerja's Prometheus metrics with
// github.com/prometheus/client_golang: what an operator watches on a deadline day.
//
//   - kinerja_http_request_duration_seconds{route,method,status}: a histogram per
//     route pattern (/skp/{id}, never the id itself, so the label set stays small);
//   - kinerja_http_requests_in_flight;
//   - kinerja_db_pool_*: the connection pool (connections in use and idle, the size
//     limit, acquisitions and the time spent waiting for a connection);
//   - kinerja_jobs{kind,state}: the River job queue by kind and state (available,
//     running, retryable, discarded…), read from PostgreSQL when scraped, so every
//     instance reports the same shared queue;
//   - kinerja_mail_outbox{status} (the outbox, likewise shared) and
//     kinerja_mail_sent_total, kinerja_mail_failed_total{kind} (temporary,
//     permanent, unreachable) counted by this instance's sender;
//   - kinerja_login_failures_total and kinerja_login_lockouts_total (attempts refused
//     because a NIP or an address is held);
//   - the Go runtime and process collectors.
//
// The handler is served on its own address (KINERJA_METRICS_ADDR) or behind a bearer
// token on the main one (KINERJA_METRICS_TOKEN).
package metrics

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are one instance's collectors.
type Metrics struct {
	Registry        *prometheus.Registry
	RequestDuration *prometheus.HistogramVec
	InFlight        prometheus.Gauge
	LoginFailures   prometheus.Counter
	LoginLockouts   prometheus.Counter
	MailSent        prometheus.Counter
	MailFailed      *prometheus.CounterVec
}

// New registers the collectors; pool (may be nil) is reported and queried for the
// shared job queue and outbox when scraped.
func New(pool *pgxpool.Pool) *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		RequestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kinerja_http_request_duration_seconds", Help: "Time to answer a request, by route pattern, method and status.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method", "status"}),
		InFlight:      prometheus.NewGauge(prometheus.GaugeOpts{Name: "kinerja_http_requests_in_flight", Help: "Requests being answered."}),
		LoginFailures: prometheus.NewCounter(prometheus.CounterOpts{Name: "kinerja_login_failures_total", Help: "Logins refused for a wrong NIP or password."}),
		LoginLockouts: prometheus.NewCounter(prometheus.CounterOpts{Name: "kinerja_login_lockouts_total", Help: "Logins refused because the NIP or the address is held."}),
		MailSent:      prometheus.NewCounter(prometheus.CounterOpts{Name: "kinerja_mail_sent_total", Help: "Mails handed to the SMTP server by this instance."}),
		MailFailed: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinerja_mail_failed_total",
			Help: "Failed attempts to hand a mail to SMTP, by kind: temporary, permanent, unreachable."}, []string{"kind"}),
	}
	m.Registry.MustRegister(m.RequestDuration, m.InFlight, m.LoginFailures, m.LoginLockouts, m.MailSent, m.MailFailed,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if pool != nil {
		m.Registry.MustRegister(poolCollector{pool}, sharedCollector{pool})
	}
	return m
}

// Handler serves the metrics; with a token, only to a request that presents it as
// "Authorization: Bearer <token>" (compared in constant time).
func (m *Metrics) Handler(token string) http.Handler {
	h := promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
	if token == "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="kinerja-metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

var (
	poolDesc = map[string]*prometheus.Desc{
		"acquired":     prometheus.NewDesc("kinerja_db_pool_acquired_connections", "Pool connections in use.", nil, nil),
		"idle":         prometheus.NewDesc("kinerja_db_pool_idle_connections", "Idle pool connections.", nil, nil),
		"max":          prometheus.NewDesc("kinerja_db_pool_max_connections", "The pool's size limit.", nil, nil),
		"acquires":     prometheus.NewDesc("kinerja_db_pool_acquires_total", "Connections acquired from the pool.", nil, nil),
		"empty":        prometheus.NewDesc("kinerja_db_pool_empty_acquires_total", "Acquisitions that had to wait for a connection.", nil, nil),
		"waitSeconds":  prometheus.NewDesc("kinerja_db_pool_acquire_wait_seconds_total", "Time spent waiting for a connection.", nil, nil),
		"canceled":     prometheus.NewDesc("kinerja_db_pool_canceled_acquires_total", "Acquisitions given up (timeout or client gone).", nil, nil),
		"jobs":         prometheus.NewDesc("kinerja_jobs", "Jobs of the shared River queue, by kind and state.", []string{"kind", "state"}, nil),
		"outbox":       prometheus.NewDesc("kinerja_mail_outbox", "Mails of the shared outbox, by status.", []string{"status"}, nil),
		"scrapeErrors": prometheus.NewDesc("kinerja_metrics_query_errors", "1 when the queue or the outbox could not be read for this scrape.", nil, nil),
	}
)

type poolCollector struct{ pool *pgxpool.Pool }

func (c poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, k := range []string{"acquired", "idle", "max", "acquires", "empty", "waitSeconds", "canceled"} {
		ch <- poolDesc[k]
	}
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.pool.Stat()
	g := func(k string, v float64) { ch <- prometheus.MustNewConstMetric(poolDesc[k], prometheus.GaugeValue, v) }
	n := func(k string, v float64) {
		ch <- prometheus.MustNewConstMetric(poolDesc[k], prometheus.CounterValue, v)
	}
	g("acquired", float64(s.AcquiredConns()))
	g("idle", float64(s.IdleConns()))
	g("max", float64(s.MaxConns()))
	n("acquires", float64(s.AcquireCount()))
	n("empty", float64(s.EmptyAcquireCount()))
	n("waitSeconds", s.AcquireDuration().Seconds())
	n("canceled", float64(s.CanceledAcquireCount()))
}

// sharedCollector reads the job queue and the outbox, which every instance shares.
type sharedCollector struct{ pool *pgxpool.Pool }

func (c sharedCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- poolDesc["jobs"]
	ch <- poolDesc["outbox"]
	ch <- poolDesc["scrapeErrors"]
}

func (c sharedCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	failed := 0.0
	read := func(q string, desc *prometheus.Desc, labels int) {
		rows, err := c.pool.Query(ctx, q)
		if err != nil {
			failed = 1
			return
		}
		defer rows.Close()
		for rows.Next() {
			var a, b string
			var n int64
			dest := []any{&a, &n}
			if labels == 2 {
				dest = []any{&a, &b, &n}
			}
			if err := rows.Scan(dest...); err != nil {
				failed = 1
				return
			}
			lv := []string{a}
			if labels == 2 {
				lv = []string{a, b}
			}
			ch <- prometheus.MustNewConstMetric(desc, prometheus.GaugeValue, float64(n), lv...)
		}
		if rows.Err() != nil {
			failed = 1
		}
	}
	read(`SELECT kind, state::text, count(*) FROM river_job GROUP BY 1, 2`, poolDesc["jobs"], 2)
	read(`SELECT status, count(*) FROM surel GROUP BY 1`, poolDesc["outbox"], 1)
	ch <- prometheus.MustNewConstMetric(poolDesc["scrapeErrors"], prometheus.GaugeValue, failed)
}
