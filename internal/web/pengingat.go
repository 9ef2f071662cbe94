package web

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"kinerja/internal/notif"
	"kinerja/internal/queue"
	"kinerja/web/view"
)

type pengingatWorker struct {
	river.WorkerDefaults[queue.Pengingat]
	s *Server
}

// escalationWindow is how many days after the escalation day a run still escalates
// (one that missed the day catches up; older deadlines are left alone).
const escalationWindow = 7

// Work sends, from the reminder hour (notif.JamPengingat unless configured), the reminders and escalations due
// today in every started period, then the daily digests.
func (w *pengingatWorker) Work(ctx context.Context, job *river.Job[queue.Pengingat]) error {
	n, err := w.s.runReminders(ctx)
	if n > 0 {
		w.s.log.Info("reminders", "notices", n)
	}
	return err
}

// runReminders is one run of the reminder job at the server's clock; it returns how
// many notices and digests it made.
func (s *Server) runReminders(ctx context.Context) (int, error) {
	now := s.now().In(s.loc)
	if now.Hour() < s.reminderHour {
		return 0, nil
	}
	today := s.today()
	periods, err := s.store.StartedPeriods(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, p := range periods {
		ps := s.store.Period(p.ID)
		var atasan map[int64]int64
		for _, t := range notif.Deadlines(p) {
			day, left, due := notif.Due(t.Tanggal, today, p.Settings.Pengingat)
			late := notif.Escalate(t.Tanggal, today, p.Settings.EskalasiHari) && !notif.Escalate(t.Tanggal, today, p.Settings.EskalasiHari+escalationWindow)
			if !due && !late {
				continue
			}
			owed, err := ps.Owed(ctx, t)
			if err != nil {
				return total, err
			}
			var n int
			if due {
				n, err = s.store.Remind(ctx, notif.Reminders(p.ID, t, day, left, view.Tanggal(t.Tanggal), owed))
			} else {
				if atasan == nil {
					if atasan, err = ps.PenilaiAtasan(ctx); err != nil {
						return total, err
					}
				}
				n, err = ps.Escalate(ctx, t, owed, atasan, notif.Escalations(p.ID, t, atasan, owed, view.Tanggal(t.Tanggal)))
			}
			total += n
			if err != nil {
				return total, err
			}
		}
	}
	n, err := s.queueDigests(ctx, now)
	return total + n, err
}

// queueDigests makes today's digest of each person who asked for one.
func (s *Server) queueDigests(ctx context.Context, now time.Time) (int, error) {
	y, m, d := now.Date()
	since := time.Date(y, m, d, 0, 0, 0, 0, s.loc)
	due, err := s.store.DueDigests(ctx, since)
	if err != nil || len(due) == 0 {
		return 0, err
	}
	mails := make([]notif.Surel, len(due))
	for i, x := range due {
		mails[i] = notif.RingkasanDari(x.Pesan, x.N, x.Nama, s.baseURL)
	}
	if err := s.store.QueueDigests(ctx, due, mails); err != nil {
		return 0, errors.Join(errors.New("digests"), err)
	}
	return len(due), nil
}
