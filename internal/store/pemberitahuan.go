package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/notif"
	"kinerja/internal/queue"
)

// notify keeps the notices in tx, the transaction of the change they report, so the
// change and its notices are kept or lost together. The actor's own notices are
// dropped (notif.Tell); a notice already kept (same recipient and key) is not kept
// again. For each new notice whose recipient wants mail at once and has an address,
// a mail waits in the outbox, and the job that sends it is queued. One statement
// for any number of notices; it returns how many were new.
func (s *Store) notify(ctx context.Context, tx pgx.Tx, actor Actor, list ...notif.Pesan) (int, error) {
	var self int64
	if actor.AkunID != 0 {
		if err := tx.QueryRow(ctx, `SELECT pegawai_id FROM akun WHERE id = $1`, actor.AkunID).Scan(&self); err != nil && err != pgx.ErrNoRows {
			return 0, err
		}
	}
	list = notif.Tell(self, list...)
	if len(list) == 0 {
		return 0, nil
	}
	n := len(list)
	untuk, jenis, judul, isi, tautan, kunci := make([]int64, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, p := range list {
		if err := p.Check(); err != nil {
			return 0, err
		}
		untuk[i], jenis[i], judul[i], isi[i], tautan[i], kunci[i] = p.Untuk, string(p.Jenis), p.Judul, p.Isi, p.Tautan, p.Kunci
	}
	var made, mails int
	if err := tx.QueryRow(ctx, `
		WITH n AS (
		    INSERT INTO pemberitahuan (pegawai_id, jenis, judul, isi, tautan, kunci)
		    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
		    ON CONFLICT (pegawai_id, kunci) DO NOTHING
		    RETURNING id, pegawai_id
		), m AS (
		    INSERT INTO surel (pegawai_id, pemberitahuan_id, jenis, kepada)
		    SELECT p.id, n.id, 'pemberitahuan', p.surel FROM n JOIN pegawai p ON p.id = n.pegawai_id
		    WHERE p.surel IS NOT NULL AND p.preferensi_surel = 'segera' AND p.aktif
		    RETURNING 1
		)
		SELECT (SELECT count(*) FROM n), (SELECT count(*) FROM m)`, untuk, jenis, judul, isi, tautan, kunci).Scan(&made, &mails); err != nil {
		return 0, err
	}
	if mails > 0 {
		if err := s.enqueue(ctx, tx, queue.KirimSurel{}); err != nil {
			return 0, err
		}
	}
	return made, nil
}

// Pemberitahuan is one notice as its reader sees it.
type Pemberitahuan struct {
	ID        int64
	Jenis     string
	Judul     string
	Isi       string
	Tautan    string
	DibacaAt  *time.Time
	CreatedAt time.Time
}

// DaftarPemberitahuan returns a page of the pegawai's notices, newest first, with
// the number of all of them (or of the unread ones, when belum) and of the unread.
func (s *Store) DaftarPemberitahuan(ctx context.Context, pegawaiID int64, belum bool, page, perPage int) (list []Pemberitahuan, total, unread int, err error) {
	if page < 1 {
		page = 1
	}
	err = s.pool.QueryRow(ctx, `
		SELECT count(*) FILTER (WHERE NOT $2 OR dibaca_at IS NULL), count(*) FILTER (WHERE dibaca_at IS NULL)
		FROM pemberitahuan WHERE pegawai_id = $1`, pegawaiID, belum).Scan(&total, &unread)
	if err != nil {
		return nil, 0, 0, wrap("count pemberitahuan", err)
	}
	rows, err := s.pool.Query(ctx, `
		SELECT id, jenis, judul, isi, tautan, dibaca_at, created_at FROM pemberitahuan
		WHERE pegawai_id = $1 AND (NOT $2 OR dibaca_at IS NULL)
		ORDER BY id DESC LIMIT $3 OFFSET $4`, pegawaiID, belum, perPage, (page-1)*perPage)
	if err != nil {
		return nil, 0, 0, wrap("list pemberitahuan", err)
	}
	list, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Pemberitahuan])
	return list, total, unread, wrap("list pemberitahuan", err)
}

// BukaPemberitahuan marks one of the pegawai's notices read and returns its link;
// another person's notice is not found.
func (s *Store) BukaPemberitahuan(ctx context.Context, pegawaiID, id int64) (string, error) {
	var link string
	err := s.pool.QueryRow(ctx, `
		UPDATE pemberitahuan SET dibaca_at = coalesce(dibaca_at, now()) WHERE id = $1 AND pegawai_id = $2 RETURNING tautan`,
		id, pegawaiID).Scan(&link)
	return link, wrap("buka pemberitahuan", translate(err, "Pemberitahuan"))
}

// TandaiSemuaDibaca marks every unread notice of the pegawai up to maxID read (the
// newest the reader saw, so one that arrived meanwhile stays unread) and returns
// how many.
func (s *Store) TandaiSemuaDibaca(ctx context.Context, pegawaiID, maxID int64) (int, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE pemberitahuan SET dibaca_at = now() WHERE pegawai_id = $1 AND id <= $2 AND dibaca_at IS NULL`,
		pegawaiID, maxID)
	return int(tag.RowsAffected()), wrap("tandai dibaca", err)
}

// Notify keeps notices outside any other change (an import's end, reported by its
// job), with their mail.
func (s *Store) Notify(ctx context.Context, actor Actor, list ...notif.Pesan) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		n, err = s.notify(ctx, tx, actor, list...)
		return err
	})
	return n, wrap("notify", err)
}

// SurelSettings are where and how a pegawai gets mail about their notices.
type SurelSettings struct {
	Surel      string // verified; "" for none
	Preferensi notif.Preferensi
	Menunggu   string // an address entered and not yet confirmed; "" for none
}

// SurelSettingsOf reads a pegawai's mail settings.
func (s *Store) SurelSettingsOf(ctx context.Context, pegawaiID int64) (SurelSettings, error) {
	var x SurelSettings
	err := s.pool.QueryRow(ctx, `
		SELECT coalesce(p.surel, ''), p.preferensi_surel,
		       coalesce((SELECT t.surel FROM token_surel t WHERE t.pegawai_id = p.id AND t.jenis = 'verifikasi' AND t.dipakai_at IS NULL
		                 AND t.kedaluwarsa_at > now() ORDER BY t.created_at DESC LIMIT 1), '')
		FROM pegawai p WHERE p.id = $1`, pegawaiID).Scan(&x.Surel, &x.Preferensi, &x.Menunggu)
	return x, wrap("surel settings", translate(err, "Pegawai"))
}

// SetPreferensi records how the pegawai wants mail about their notices, audited.
func (s *Store) SetPreferensi(ctx context.Context, actor Actor, pegawaiID int64, p notif.Preferensi) error {
	return wrap("set preferensi", s.inTx(ctx, func(tx pgx.Tx) error {
		var old string
		if err := tx.QueryRow(ctx, `SELECT preferensi_surel FROM pegawai WHERE id = $1 FOR UPDATE`, pegawaiID).Scan(&old); err != nil {
			return translate(err, "Pegawai")
		}
		if old == string(p) {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE pegawai SET preferensi_surel = $2, updated_at = now() WHERE id = $1`, pegawaiID, string(p)); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "pegawai.preferensi_surel", Entity: "pegawai", EntityID: itoa(pegawaiID),
			Before: map[string]string{"preferensi_surel": old}, After: map[string]string{"preferensi_surel": string(p)}, IP: actor.IP})
	}))
}

// ErrTooManyLinks refuses a mailed link past its hourly limit.
var ErrTooManyLinks = apperr.New(apperr.Conflict, "Sudah terlalu banyak tautan dikirim dalam satu jam terakhir. Coba lagi nanti.")

// MailLink keeps a single-use link (only the token's hash), mails it in the same
// transaction and returns ErrTooManyLinks past perHour links of that kind to the
// pegawai in the last hour. jenis is verifikasi (surel is the address to confirm,
// and the mail goes there) or reset (to the pegawai's verified address).
func (s *Store) MailLink(ctx context.Context, actor Actor, jenis string, pegawaiID int64, surel, token string, ttl time.Duration, perHour int, m notif.Surel) error {
	return wrap("mail link", s.inTx(ctx, func(tx pgx.Tx) error {
		// One pegawai's links are counted one request at a time.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM pegawai WHERE id = $1 FOR UPDATE`, pegawaiID); err != nil {
			return err
		}
		var recent int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM token_surel WHERE pegawai_id = $1 AND jenis = $2 AND created_at > now() - interval '1 hour'`,
			pegawaiID, jenis).Scan(&recent); err != nil {
			return err
		}
		if recent >= perHour {
			return ErrTooManyLinks
		}
		// A new link replaces the earlier ones of its kind.
		if _, err := tx.Exec(ctx, `UPDATE token_surel SET kedaluwarsa_at = greatest(created_at + interval '1 microsecond', least(kedaluwarsa_at, now()))
			WHERE pegawai_id = $1 AND jenis = $2 AND dipakai_at IS NULL AND kedaluwarsa_at > now()`, pegawaiID, jenis); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO token_surel (token_hash, jenis, pegawai_id, surel, kedaluwarsa_at) VALUES ($1, $2, $3, $4, now() + $5::interval)`,
			tokenHash(token), jenis, pegawaiID, surel, ttl); err != nil {
			return err
		}
		if err := s.queueMail(ctx, tx, pegawaiID, jenis, surel, m, true); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "surel." + jenis + "_dikirim", Entity: "pegawai", EntityID: itoa(pegawaiID),
			After: map[string]string{"surel": surel}, IP: actor.IP})
	}))
}

// ErrLinkInvalid is a link that was used, expired, replaced or never made.
var ErrLinkInvalid = apperr.New(apperr.NotFound, "Tautan ini tidak berlaku lagi: sudah dipakai, sudah lewat waktunya, atau sudah diganti tautan yang lebih baru. Minta tautan baru.")

// LinkOwner returns the pegawai a valid link of jenis belongs to (without using it).
func (s *Store) LinkOwner(ctx context.Context, jenis, token string) (int64, string, error) {
	var id int64
	var surel string
	err := s.pool.QueryRow(ctx, `SELECT pegawai_id, surel FROM token_surel WHERE token_hash = $1 AND jenis = $2 AND dipakai_at IS NULL AND kedaluwarsa_at > now()`,
		tokenHash(token), jenis).Scan(&id, &surel)
	if err == pgx.ErrNoRows {
		return 0, "", ErrLinkInvalid
	}
	return id, surel, wrap("link owner", err)
}

// useLink marks a valid link used in tx and returns its pegawai and address.
func useLink(ctx context.Context, tx pgx.Tx, jenis, token string) (int64, string, error) {
	var id int64
	var surel string
	err := tx.QueryRow(ctx, `UPDATE token_surel SET dipakai_at = now() WHERE token_hash = $1 AND jenis = $2 AND dipakai_at IS NULL AND kedaluwarsa_at > now()
		RETURNING pegawai_id, surel`, tokenHash(token), jenis).Scan(&id, &surel)
	if err == pgx.ErrNoRows {
		return 0, "", ErrLinkInvalid
	}
	return id, surel, err
}

// ConfirmSurel uses a confirmation link: the address becomes the pegawai's, audited.
func (s *Store) ConfirmSurel(ctx context.Context, ip, token string) (string, error) {
	var surel string
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		id, addr, err := useLink(ctx, tx, "verifikasi", token)
		if err != nil {
			return err
		}
		surel = addr
		var old *string
		if err := tx.QueryRow(ctx, `SELECT surel FROM pegawai WHERE id = $1 FOR UPDATE`, id).Scan(&old); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE pegawai SET surel = $2, version = version + 1, updated_at = now() WHERE id = $1`, id, addr); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorLabel: "tautan konfirmasi surel", Action: "pegawai.surel", Entity: "pegawai", EntityID: itoa(id),
			Before: map[string]any{"surel": old}, After: map[string]any{"surel": addr}, IP: ip})
	})
	if e := apperr.As(err); e != nil {
		return "", e
	}
	return surel, wrap("confirm surel", err)
}

// ResetPassword uses a reset link: the account gets the new password hash, every
// session of it ends and failed-login locks of its NIP are lifted; audited.
func (s *Store) ResetPassword(ctx context.Context, ip, token, hash string) (string, error) {
	var nip string
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		id, _, err := useLink(ctx, tx, "reset", token)
		if err != nil {
			return err
		}
		var akunID int64
		if err := tx.QueryRow(ctx, `SELECT a.id, p.nip FROM akun a JOIN pegawai p ON p.id = a.pegawai_id WHERE a.pegawai_id = $1 AND a.aktif AND p.aktif`, id).
			Scan(&akunID, &nip); err != nil {
			if err == pgx.ErrNoRows {
				return ErrLinkInvalid
			}
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE akun SET password_hash = $2, harus_ganti_password = false, version = version + 1, updated_at = now() WHERE id = $1`,
			akunID, hash); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE akun_id = $1`, akunID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM login_throttle WHERE nip = $1`, nip); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorLabel: "tautan atur ulang kata sandi", Action: "akun.reset_sandi_surel", Entity: "akun", EntityID: itoa(akunID), IP: ip})
	})
	if e := apperr.As(err); e != nil {
		return "", e
	}
	return nip, wrap("reset password", err)
}

// ResetTarget finds who may get a reset link for a NIP: an active account of an
// active pegawai with a verified address. ok is false otherwise (the caller answers
// the same either way).
func (s *Store) ResetTarget(ctx context.Context, nip string) (pegawaiID int64, nama, surel string, ok bool, err error) {
	err = s.pool.QueryRow(ctx, `
		SELECT p.id, nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang), p.surel FROM pegawai p JOIN akun a ON a.pegawai_id = p.id
		WHERE p.nip = $1 AND p.aktif AND a.aktif AND p.surel IS NOT NULL`, nip).Scan(&pegawaiID, &nama, &surel)
	if err == pgx.ErrNoRows {
		return 0, "", "", false, nil
	}
	return pegawaiID, nama, surel, err == nil, wrap("reset target", err)
}

// PegawaiNIP returns a pegawai's NIP.
func (s *Store) PegawaiNIP(ctx context.Context, id int64) (string, error) {
	var nip string
	err := s.pool.QueryRow(ctx, `SELECT nip FROM pegawai WHERE id = $1`, id).Scan(&nip)
	return nip, wrap("pegawai nip", translate(err, "Pegawai"))
}
