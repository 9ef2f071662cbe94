package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"kinerja/internal/apperr"
	"kinerja/internal/notif"
	"kinerja/internal/queue"
)

// OutMail is a mail of the outbox. For a notice's mail (Jenis pemberitahuan)
// Subjek and Teks are empty and the notice and its reader are given, to be written
// with notif.SurelDari when it is sent or shown.
type OutMail struct {
	ID         int64
	Jenis      string
	Kepada     string
	Subjek     string
	Teks       string
	Rahasia    bool
	Status     string
	Percobaan  int
	BerikutAt  time.Time
	Galat      string
	CreatedAt  time.Time
	TerkirimAt *time.Time
	Nama       string      // the recipient's name with gelar ("" when not a pegawai)
	Pesan      notif.Pesan // for a notice's mail
}

const outMailColumns = `m.id, m.jenis, m.kepada, m.subjek, m.teks, m.rahasia, m.status, m.percobaan, m.berikut_at, m.galat, m.created_at, m.terkirim_at,
	coalesce(nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang), ''), coalesce(n.jenis, ''), coalesce(n.judul, ''), coalesce(n.isi, ''),
	coalesce(n.tautan, ''), coalesce(n.kunci, '')`

const outMailFrom = `surel m LEFT JOIN pegawai p ON p.id = m.pegawai_id LEFT JOIN pemberitahuan n ON n.id = m.pemberitahuan_id`

func scanOutMail(row pgx.CollectableRow) (OutMail, error) {
	var m OutMail
	var jenis string
	err := row.Scan(&m.ID, &m.Jenis, &m.Kepada, &m.Subjek, &m.Teks, &m.Rahasia, &m.Status, &m.Percobaan, &m.BerikutAt, &m.Galat, &m.CreatedAt, &m.TerkirimAt,
		&m.Nama, &jenis, &m.Pesan.Judul, &m.Pesan.Isi, &m.Pesan.Tautan, &m.Pesan.Kunci)
	m.Pesan.Jenis = notif.Jenis(jenis)
	return m, err
}

// MailLease is how long a claimed mail is kept from other senders; a sender that
// dies mid-batch leaves its mail to be sent again after it.
const MailLease = 5 * time.Minute

// ClaimMail takes up to limit due mails of the outbox for one sender: they are
// leased (their next attempt moved MailLease ahead) so no other instance sends them
// meanwhile. Rows another sender holds are skipped, not waited for.
func (s *Store) ClaimMail(ctx context.Context, limit int) ([]OutMail, error) {
	rows, err := s.pool.Query(ctx, `
		WITH c AS (
		    UPDATE surel SET berikut_at = now() + $2::interval
		    WHERE id IN (SELECT id FROM surel WHERE status = 'antri' AND berikut_at <= now() ORDER BY berikut_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
		    RETURNING *
		)
		SELECT `+outMailColumns+` FROM c m LEFT JOIN pegawai p ON p.id = m.pegawai_id LEFT JOIN pemberitahuan n ON n.id = m.pemberitahuan_id
		ORDER BY m.id`, limit, MailLease)
	if err != nil {
		return nil, wrap("claim mail", err)
	}
	out, err := pgx.CollectRows(rows, scanOutMail)
	return out, wrap("claim mail", err)
}

// MailResult is the outcome of one attempt.
type MailResult struct {
	ID        int64
	Err       string // "" when sent
	Temporary bool
}

// RecordMail records a batch's outcomes in one statement: a sent mail is terkirim
// (a secret link's text erased); a temporary failure waits notif.Backoff (gagal after
// notif.MaxAttempts); a permanent one is gagal at once.
func (s *Store) RecordMail(ctx context.Context, results []MailResult) error {
	if len(results) == 0 {
		return nil
	}
	n := len(results)
	ids, errs, temp, waits := make([]int64, n), make([]string, n), make([]bool, n), make([]int, n)
	var attempts map[int64]int
	rows, err := s.pool.Query(ctx, `SELECT id, percobaan FROM surel WHERE id = ANY($1)`, idsOf(results))
	if err != nil {
		return wrap("record mail", err)
	}
	attempts = map[int64]int{}
	var id int64
	var p int
	if _, err := pgx.ForEachRow(rows, []any{&id, &p}, func() error { attempts[id] = p; return nil }); err != nil {
		return wrap("record mail", err)
	}
	for i, r := range results {
		ids[i], errs[i], temp[i] = r.ID, r.Err, r.Temporary
		waits[i] = notif.Backoff(attempts[r.ID] + 1)
	}
	_, err = s.pool.Exec(ctx, `
		UPDATE surel m SET percobaan = m.percobaan + 1,
		       status = CASE WHEN r.err = '' THEN 'terkirim'
		                     WHEN NOT r.temp OR m.percobaan + 1 >= $5 THEN 'gagal' ELSE 'antri' END,
		       terkirim_at = CASE WHEN r.err = '' THEN now() END,
		       teks = CASE WHEN r.err = '' AND m.rahasia THEN '' ELSE m.teks END,
		       galat = left(r.err, 1000),
		       berikut_at = CASE WHEN r.err = '' THEN m.berikut_at ELSE now() + make_interval(mins => r.wait) END
		FROM unnest($1::bigint[], $2::text[], $3::boolean[], $4::int[]) AS r(id, err, temp, wait)
		WHERE m.id = r.id AND m.status = 'antri'`, ids, errs, temp, waits, notif.MaxAttempts)
	return wrap("record mail", err)
}

func idsOf(results []MailResult) []int64 {
	out := make([]int64, len(results))
	for i, r := range results {
		out[i] = r.ID
	}
	return out
}

// DeferMail puts claimed mail back to wait after (an SMTP server that could not be
// reached), with the reason shown in the Kotak Keluar. It is not an attempt of any
// one mail, so an outage, however long, fails none: it only delays them.
func (s *Store) DeferMail(ctx context.Context, ids []int64, after time.Duration, why string) error {
	_, err := s.pool.Exec(ctx, `UPDATE surel SET berikut_at = now() + $2::interval, galat = left($3, 1000) WHERE id = ANY($1) AND status = 'antri'`,
		ids, after, why)
	return wrap("defer mail", err)
}

// MailFilter narrows the Kotak Keluar.
type MailFilter struct {
	Status string // antri, terkirim, gagal; "" for all
	Q      string // part of the address
	Offset int
	Limit  int
}

// MailCounts are the outbox's numbers by status.
type MailCounts struct{ Antri, Terkirim, Gagal int }

// KotakKeluar lists the outbox, newest first, with the total and the counts.
func (s *Store) KotakKeluar(ctx context.Context, f MailFilter) ([]OutMail, int, MailCounts, error) {
	var c MailCounts
	var total int
	if err := s.pool.QueryRow(ctx, `
		SELECT count(*) FILTER (WHERE status = 'antri'), count(*) FILTER (WHERE status = 'terkirim'), count(*) FILTER (WHERE status = 'gagal'),
		       count(*) FILTER (WHERE ($1 = '' OR status = $1) AND ($2 = '' OR kepada ILIKE '%' || $2 || '%'))
		FROM surel`, f.Status, f.Q).Scan(&c.Antri, &c.Terkirim, &c.Gagal, &total); err != nil {
		return nil, 0, c, wrap("kotak keluar", err)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+outMailColumns+` FROM `+outMailFrom+`
		WHERE ($1 = '' OR m.status = $1) AND ($2 = '' OR m.kepada ILIKE '%' || $2 || '%')
		ORDER BY m.id DESC LIMIT $3 OFFSET $4`, f.Status, f.Q, f.Limit, f.Offset)
	if err != nil {
		return nil, 0, c, wrap("kotak keluar", err)
	}
	list, err := pgx.CollectRows(rows, scanOutMail)
	return list, total, c, wrap("kotak keluar", err)
}

// GetMail returns one mail of the outbox.
func (s *Store) GetMail(ctx context.Context, id int64) (OutMail, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+outMailColumns+` FROM `+outMailFrom+` WHERE m.id = $1`, id)
	if err != nil {
		return OutMail{}, wrap("get mail", err)
	}
	m, err := pgx.CollectExactlyOneRow(rows, scanOutMail)
	return m, wrap("get mail", translate(err, "Surel"))
}

// ResendMail puts a failed mail back in the queue (the Admin BKD's Kirim ulang),
// audited, and queues the sender.
func (s *Store) ResendMail(ctx context.Context, actor Actor, id int64) error {
	return wrap("resend mail", s.inTx(ctx, func(tx pgx.Tx) error {
		var kepada, galat string
		err := tx.QueryRow(ctx, `UPDATE surel m SET status = 'antri', percobaan = 0, berikut_at = now()
			FROM (SELECT id, galat FROM surel WHERE id = $1 FOR UPDATE) old
			WHERE m.id = old.id AND m.status = 'gagal' AND NOT (m.rahasia AND m.teks = '') RETURNING m.kepada, old.galat`, id).Scan(&kepada, &galat)
		if err == pgx.ErrNoRows {
			return apperr.New(apperr.Conflict, "Surel ini tidak gagal (atau tautan rahasianya sudah tidak berlaku), jadi tidak dikirim ulang.")
		}
		if err != nil {
			return err
		}
		if err := s.enqueue(ctx, tx, queue.KirimSurel{}); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "surel.kirim_ulang", Entity: "surel", EntityID: itoa(id),
			Before: map[string]any{"status": "gagal", "galat": galat}, After: map[string]any{"status": "antri", "kepada": kepada}, IP: actor.IP})
	}))
}

// queueMail writes a mail composed by the caller (a digest, a confirmation or reset
// link) into the outbox in tx and queues the sender.
func (s *Store) queueMail(ctx context.Context, tx pgx.Tx, pegawaiID int64, jenis, kepada string, m notif.Surel, rahasia bool) error {
	if _, err := tx.Exec(ctx, `INSERT INTO surel (pegawai_id, jenis, kepada, subjek, teks, rahasia) VALUES (nullif($1, 0::bigint), $2, $3, $4, $5, $6)`,
		pegawaiID, jenis, kepada, m.Subjek, m.Teks, rahasia); err != nil {
		return err
	}
	return s.enqueue(ctx, tx, queue.KirimSurel{})
}

// Enqueue inserts a job on its own.
func (s *Store) Enqueue(ctx context.Context, args river.JobArgs) error {
	return wrap("enqueue", s.inTx(ctx, func(tx pgx.Tx) error { return s.enqueue(ctx, tx, args) }))
}
