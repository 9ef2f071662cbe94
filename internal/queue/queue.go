// Package queue runs Kinerja's background work as River jobs in PostgreSQL.
//
// Every piece of work that outlives a request (the unit's ZIP of evaluation
// documents, bulk account creation, checking and applying imports, sending mail,
// reminders, deleting expired results) is a row in River's river_job table,
// inserted in the same transaction as the change that asks for it. Any instance's
// worker may take it; a job interrupted by a shutdown is retried after the restart,
// and one whose process died is rescued after Config.RescueAfter. Progress and
// results live in Kinerja's own tables (tugas), so any instance serves the progress
// page.
//
// This package holds the job kinds (the arguments each carries) and the client
// configuration; the workers are registered by the web package, which has the
// renderers and the store they need.
package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"
)

// Client is River's client on Kinerja's pool.
type Client = river.Client[pgx.Tx]

// Tugas builds one tugas (a job whose progress and result a person follows on a
// page): the unit's ZIP or a bulk account list.
type Tugas struct {
	TugasID int64  `json:"tugas_id"`
	Jenis   string `json:"jenis"`
}

// Kind names the job kind in river_job.
func (Tugas) Kind() string { return "tugas" }

// InsertOpts: a tugas is tried three times (about a second, then 16 seconds
// apart); a person waits on it, so after that it is reported as failed.
func (Tugas) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: TugasAttempts} }

// TugasAttempts is how many times a tugas is tried.
const TugasAttempts = 3

// Impor checks an uploaded import (Terapkan false) or applies a checked one, as
// the admin who asked (AkunID, Label, IP: the audit's actor).
type Impor struct {
	BatchID  int64  `json:"batch_id"`
	Terapkan bool   `json:"terapkan"`
	AkunID   int64  `json:"akun_id,omitempty"`
	Label    string `json:"label,omitempty"`
	IP       string `json:"ip,omitempty"`
}

// Kind names the job kind in river_job.
func (Impor) Kind() string { return "impor" }

// InsertOpts: an import is tried three times, like a tugas.
func (Impor) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: TugasAttempts} }

// KirimSurel hands the outbox's due mail to SMTP. It is inserted with the mail that
// needs it (at most one waits at a time) and runs every Config.MailEvery as well, for
// the mail whose retry time came.
type KirimSurel struct{}

// Kind names the job kind in river_job.
func (KirimSurel) Kind() string { return "kirim_surel" }

// InsertOpts: one waiting job is enough, as each run sends every due mail.
func (KirimSurel) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateScheduled}}}
}

// KirimReset mails a password reset link for a NIP, if it has an active account
// with a verified address. Every request for a reset, whatever the NIP, is one such
// job: the request does the same work and gets the same answer either way.
type KirimReset struct {
	NIP string `json:"nip"`
	IP  string `json:"ip,omitempty"`
}

// Kind names the job kind in river_job.
func (KirimReset) Kind() string { return "kirim_reset" }

// Pengingat works out the reminders, escalations and daily digests that are due,
// for the whole pemda in one run. It runs every Config.RemindEvery; what it sends
// is keyed so a rerun sends nothing twice.
type Pengingat struct{}

// Kind names the job kind in river_job.
func (Pengingat) Kind() string { return "pengingat" }

// InsertOpts: one run at a time is enough.
func (Pengingat) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateScheduled}}}
}

// Bersihkan deletes finished tugas results whose time is up.
type Bersihkan struct{}

// Kind names the job kind in river_job.
func (Bersihkan) Kind() string { return "bersihkan" }

// Config sizes one instance's workers.
type Config struct {
	// Workers is how many jobs this instance works at once (default 4).
	Workers int
	// JobTimeout bounds one attempt (default 15 minutes).
	JobTimeout time.Duration
	// RescueAfter is how long a job may stay running before it is taken to be
	// abandoned by a process that died and is retried (default JobTimeout + 5m).
	RescueAfter time.Duration
	// CleanEvery is the interval of the Bersihkan job (default 5 minutes).
	CleanEvery time.Duration
	// MailEvery is the interval of the KirimSurel job (default 30 seconds).
	MailEvery time.Duration
	// RemindEvery is the interval of the Pengingat job (default 1 hour).
	RemindEvery time.Duration
	Logger      *slog.Logger
}

// NewInserter returns a client that only inserts jobs (in the caller's
// transactions); it works none.
func NewInserter(pool *pgxpool.Pool) (*Client, error) {
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: quiet()})
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	return c, nil
}

// quiet is River's logger when none is given: warnings and errors on the default
// logger.
func quiet() *slog.Logger {
	return slog.New(levelAtLeast{slog.Default().Handler(), slog.LevelWarn})
}

type levelAtLeast struct {
	slog.Handler
	min slog.Level
}

func (l levelAtLeast) Enabled(ctx context.Context, level slog.Level) bool {
	return level >= l.min && l.Handler.Enabled(ctx, level)
}

// Start starts a client that works the jobs registered in workers, with the
// periodic jobs of Periodic. Stop it with StopAndCancel: the jobs it was working
// are retried by whichever instance runs next.
func Start(ctx context.Context, pool *pgxpool.Pool, workers *river.Workers, cfg Config) (*Client, error) {
	if workers == nil {
		return nil, errors.New("queue: no workers")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 4
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = 15 * time.Minute
	}
	if cfg.RescueAfter <= cfg.JobTimeout {
		cfg.RescueAfter = cfg.JobTimeout + 5*time.Minute
	}
	if cfg.CleanEvery <= 0 {
		cfg.CleanEvery = 5 * time.Minute
	}
	if cfg.MailEvery <= 0 {
		cfg.MailEvery = 30 * time.Second
	}
	if cfg.RemindEvery <= 0 {
		cfg.RemindEvery = time.Hour
	}
	logger := quiet()
	if cfg.Logger != nil {
		logger = slog.New(levelAtLeast{cfg.Logger.Handler(), slog.LevelWarn})
	}
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}},
		Workers:              workers,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		MaxAttempts:          10,
		Logger:               logger,
		FetchPollInterval:    500 * time.Millisecond,
		PeriodicJobs: []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(cfg.CleanEvery),
				func() (river.JobArgs, *river.InsertOpts) { return Bersihkan{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(cfg.MailEvery),
				func() (river.JobArgs, *river.InsertOpts) { return KirimSurel{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(cfg.RemindEvery),
				func() (river.JobArgs, *river.InsertOpts) { return Pengingat{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true}),
		},
	})
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	if err := c.Start(ctx); err != nil {
		return nil, fmt.Errorf("queue: start: %w", err)
	}
	return c, nil
}
