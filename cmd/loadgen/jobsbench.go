package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"kinerja/internal/queue"
	"kinerja/internal/seed"
)

// jobsBench: 10,000 participants (none a penilai) owe their plan three days before
// the tenggat perencanaan, each with a mail address (their penilai, without one, get
// summaries in Kinerja only); the reminder job runs while 64 clients keep
// loading the Beranda. It prints how long the reminders and the mails (handed to
// the real SMTP server, Mailpit) took, beside the page views' p99 without the jobs.
func jobsBench(ctx context.Context, c *http.Client, base, dbURL, mailAPI string, periodID int64, ds *seed.Dataset, conc int, warm, dur time.Duration, out io.Writer) error {
	const owing = 10000
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	// The fixture: the period back in Perencanaan with its tenggat in three days, and
	// 10,000 participants without a plan (the others taken out), each with an address.
	var mails int
	err = pool.QueryRow(ctx, `
		WITH p AS (UPDATE periode SET fase = 'perencanaan', tenggat_perencanaan = current_date + 3, pengingat_hari = '{7,3,1}' WHERE id = $1 RETURNING id),
		pick AS (SELECT ps.pegawai_id FROM periode_peserta ps WHERE ps.periode_id = $1 AND ps.aktif
		         AND NOT EXISTS (SELECT 1 FROM skp WHERE skp.periode_id = $1 AND skp.pegawai_id = ps.pegawai_id)
		         AND NOT EXISTS (SELECT 1 FROM periode_peserta s WHERE s.periode_id = $1 AND s.penilai_id = ps.pegawai_id)
		         ORDER BY ps.pegawai_id LIMIT $2),
		out AS (UPDATE periode_peserta ps SET aktif = false WHERE ps.periode_id = (SELECT id FROM p) AND ps.aktif AND ps.pegawai_id NOT IN (SELECT pegawai_id FROM pick)),
		addr AS (UPDATE pegawai g SET surel = 'bench' || g.id || '@example.go.id', preferensi_surel = 'segera' FROM pick WHERE g.id = pick.pegawai_id RETURNING 1)
		SELECT count(*) FROM addr`, periodID, owing).Scan(&mails)
	if err != nil {
		return fmt.Errorf("fixture: %w", err)
	}
	if mails < owing {
		return fmt.Errorf("only %d participants without a plan", mails)
	}
	views := scenario{name: "GET / (Beranda, signed in)", setup: func(ctx context.Context, w int) (func(context.Context) error, error) {
		p := ds.Pegawai[(w*7919+101)%len(ds.Pegawai)]
		cookie, err := login(ctx, c, base, p.NIP, seed.DemoPassword)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { return get(ctx, c, base+"/", cookie, 200) }, nil
	}}
	quiet, err := measure(views, conc, warm, dur)
	if err != nil {
		return err
	}
	quiet.name = "page views, no jobs"

	jobs, err := queue.NewInserter(pool)
	if err != nil {
		return err
	}
	done := make(chan struct{})
	var noticesAt, mailAt time.Duration
	var notices, sent, queued int
	var pollErr error
	views.start = func() {
		t0 := time.Now()
		if _, err := jobs.Insert(ctx, queue.Pengingat{}, nil); err != nil {
			pollErr = err
			close(done)
			return
		}
		go func() {
			defer close(done)
			for time.Since(t0) < 90*time.Second {
				time.Sleep(200 * time.Millisecond)
				var running bool
				if err := pool.QueryRow(ctx, `SELECT count(*) FROM pemberitahuan WHERE jenis LIKE 'pengingat%'`).Scan(&notices); err != nil {
					pollErr = err
					return
				}
				if err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM river_job WHERE kind = 'pengingat' AND state IN ('available', 'running', 'retryable'))`).Scan(&running); err != nil {
					pollErr = err
					return
				}
				if noticesAt == 0 && notices >= owing && !running {
					noticesAt = time.Since(t0)
					// Every mail is queued with its notice: the penilai among the 10,000
					// get their summary mailed too.
					if err := pool.QueryRow(ctx, `SELECT count(*) FROM surel`).Scan(&queued); err != nil {
						pollErr = err
						return
					}
				}
				if err := pool.QueryRow(ctx, `SELECT count(*) FROM surel WHERE status = 'terkirim'`).Scan(&sent); err != nil {
					pollErr = err
					return
				}
				if noticesAt > 0 && sent >= queued {
					mailAt = time.Since(t0)
					return
				}
			}
		}()
	}
	views.name = "page views, reminders and mail running"
	busy, err := measureUntil(views, conc, 0, 120*time.Second, done)
	if err != nil {
		return err
	}
	<-done
	if pollErr != nil {
		return pollErr
	}
	received := mailpitCount(mailAPI)
	fmt.Fprintf(out, "\nReminders and mail for %d pegawai who owe their plan, while %d clients load the Beranda\n", owing, conc)
	fmt.Fprintf(out, "(target: both within 60 s; page views' p99 within 1.5x of the same load without the jobs)\n\n")
	fmt.Fprintf(out, "| %-40s | %10s | %9s | %9s | %9s | %9s |\n", "page views", "req/s", "p50", "p99", "p99 ratio", "peak RSS")
	fmt.Fprintf(out, "|%s|%s|%s|%s|%s|%s|\n", strings.Repeat("-", 42), strings.Repeat("-", 12), strings.Repeat("-", 11), strings.Repeat("-", 11), strings.Repeat("-", 11), strings.Repeat("-", 11))
	for _, r := range []result{quiet, busy} {
		fmt.Fprintf(out, "| %-40s | %10.0f | %9s | %9s | %8.2fx | %9s |\n", r.name, r.rps(), ms(r.pct(0.5)), ms(r.pct(0.99)),
			float64(r.pct(0.99))/float64(quiet.pct(0.99)), mb(r.rss))
	}
	show := func(d time.Duration) string {
		if d == 0 {
			return "not within 90 s"
		}
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	fmt.Fprintf(out, "\nreminder notices kept: %d in %s (one job run; with the penilai summaries)\n", notices, show(noticesAt))
	fmt.Fprintf(out, "mails handed to SMTP: %d of %d queued in %s (Mailpit received %d)\n", sent, queued, show(mailAt), received)
	if mailAt == 0 || noticesAt == 0 {
		fmt.Fprintln(os.Stderr, "loadgen: the jobs did not finish within 90 s")
	}
	return nil
}

// mailpitCount is the number of messages Mailpit holds (-1 when it cannot be read).
func mailpitCount(api string) int {
	res, err := http.Get(strings.TrimRight(api, "/") + "/api/v1/messages?limit=1")
	if err != nil {
		return -1
	}
	defer res.Body.Close()
	var v struct{ Total int }
	if err := jsonDecode(res.Body, &v); err != nil {
		return -1
	}
	return v.Total
}
