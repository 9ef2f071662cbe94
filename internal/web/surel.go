package web

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"kinerja/internal/mailer"
	"kinerja/internal/notif"
	"kinerja/internal/queue"
	"kinerja/internal/store"
)

// mailBatch is how many mails one connection to the SMTP server carries.
const mailBatch = 50

type kirimSurelWorker struct {
	river.WorkerDefaults[queue.KirimSurel]
	s *Server
}

// Work hands every due mail of the outbox to SMTP, a batch per connection, until
// none is due, at most Options.MailRate a second. Without a server configured it does nothing: the mail waits in the
// outbox. An unreachable server puts the batch back for the next run (the periodic
// one, MailEvery later); a refused message waits its backoff; a refusal for good
// makes it gagal, for the Admin BKD to see.
func (w *kirimSurelWorker) Work(ctx context.Context, job *river.Job[queue.KirimSurel]) error {
	s := w.s
	if !s.smtp.Enabled() {
		return nil
	}
	for ctx.Err() == nil {
		started := time.Now()
		batch, err := s.store.ClaimMail(ctx, mailBatch)
		if err != nil || len(batch) == 0 {
			return err
		}
		msgs := make([]mailer.Message, len(batch))
		for i, m := range batch {
			c := s.composeMail(m)
			msgs[i] = mailer.Message{To: m.Kepada, Subject: c.Subjek, Text: c.Teks, ID: fmt.Sprintf("surel-%d.kinerja", m.ID)}
		}
		out, err := mailer.Send(ctx, s.smtp, msgs)
		if err != nil {
			ids := make([]int64, len(batch))
			for i, m := range batch {
				ids[i] = m.ID
			}
			// Not an attempt of any one mail: they wait for the server together.
			if derr := s.store.DeferMail(context.WithoutCancel(ctx), ids, time.Minute, "Server SMTP tidak terjangkau: "+err.Error()); derr != nil {
				return errors.Join(err, derr)
			}
			s.log.Warn("smtp unreachable", "mails", len(batch), "err", err)
			if s.metrics != nil {
				s.metrics.MailFailed.WithLabelValues("unreachable").Add(float64(len(batch)))
			}
			return nil
		}
		results := make([]store.MailResult, len(batch))
		for i, m := range batch {
			results[i] = store.MailResult{ID: m.ID}
			if out[i].Err != nil {
				results[i].Err, results[i].Temporary = out[i].Err.Error(), out[i].Temporary
			}
			s.countMail(out[i])
		}
		if err := s.store.RecordMail(context.WithoutCancel(ctx), results); err != nil {
			return err
		}
		// At most mailRate mails a second: a burst of mail (a pemda's reminders) is
		// spread out, so the pages served meanwhile keep their speed.
		if s.mailRate > 0 {
			wait := time.Duration(len(batch))*time.Second/time.Duration(s.mailRate) - time.Since(started)
			select {
			case <-ctx.Done():
			case <-time.After(max(wait, 0)):
			}
		}
	}
	return nil
}

// composeMail is a mail as it is sent (and as the Kotak Keluar shows it): a notice's
// mail is written from the notice now; the others were written when queued.
func (s *Server) composeMail(m store.OutMail) notif.Surel {
	if m.Jenis == "pemberitahuan" {
		return notif.SurelDari(m.Pesan, m.Nama, s.baseURL)
	}
	return notif.Surel{Subjek: m.Subjek, Teks: m.Teks}
}

// countMail records one attempt's outcome in the metrics.
func (s *Server) countMail(o mailer.Outcome) {
	switch {
	case s.metrics == nil:
	case o.Err == nil:
		s.metrics.MailSent.Inc()
	case o.Temporary:
		s.metrics.MailFailed.WithLabelValues("temporary").Inc()
	default:
		s.metrics.MailFailed.WithLabelValues("permanent").Inc()
	}
}
