package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"kinerja/internal/apperr"
	"kinerja/internal/queue"
)

// Tugas jenis.
const (
	TugasEvaluasiZIP = "evaluasi_zip"
	TugasAkunMassal  = "akun_massal"
)

// TugasKeep is how long a finished tugas's result stays (then the Bersihkan job
// deletes it), and the longest a running one may take before it is deleted too.
const (
	TugasKeep    = 30 * time.Minute
	TugasMaxRun  = 24 * time.Hour
	tugasMaxName = 255
)

// Tugas is a background job's progress and result, as its owner sees it.
type Tugas struct {
	ID          int64
	Jenis       string
	AkunID      int64
	Status      string // berjalan, selesai, gagal
	Selesai     int
	Total       int
	Pesan       string
	NamaBerkas  string
	AdaBerkas   bool // the result is there (not yet taken, for a once-only one)
	DiunduhAt   *time.Time
	CreatedAt   time.Time
	FinishedAt  *time.Time
	Kedaluwarsa time.Time
	Params      json.RawMessage
}

// TugasBaru asks for a tugas: its jenis, its owner, the number of steps, the file
// it will produce and the parameters its worker reads.
type TugasBaru struct {
	Jenis      string
	AkunID     int64
	Total      int
	NamaBerkas string
	Params     any
}

// StartTugas records the tugas and inserts its job in one transaction, so a job
// never runs for a tugas that was not recorded, nor a tugas waits for no job.
func (s *Store) StartTugas(ctx context.Context, t TugasBaru) (int64, error) {
	params, err := json.Marshal(t.Params)
	if err != nil {
		return 0, err
	}
	if len(t.NamaBerkas) > tugasMaxName {
		t.NamaBerkas = t.NamaBerkas[:tugasMaxName]
	}
	var id int64
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `
			INSERT INTO tugas (jenis, akun_id, total, nama_berkas, params, kedaluwarsa_at)
			VALUES ($1, $2, $3, $4, $5, now() + $6::interval) RETURNING id`,
			t.Jenis, t.AkunID, t.Total, t.NamaBerkas, params, TugasMaxRun).Scan(&id); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, queue.Tugas{TugasID: id, Jenis: t.Jenis})
	})
	return id, wrap("start tugas", err)
}

// enqueue inserts jobs in tx: they run only if tx commits.
func (s *Store) enqueue(ctx context.Context, tx pgx.Tx, args ...river.JobArgs) error {
	params := make([]river.InsertManyParams, len(args))
	for i, a := range args {
		params[i] = river.InsertManyParams{Args: a}
	}
	_, err := s.jobs.InsertManyTx(ctx, tx, params)
	return err
}

const tugasColumns = `id, jenis, akun_id, status, selesai, total, pesan, nama_berkas, berkas IS NOT NULL,
	diunduh_at, created_at, finished_at, kedaluwarsa_at, params`

func scanTugas(row pgx.Row) (Tugas, error) {
	var t Tugas
	err := row.Scan(&t.ID, &t.Jenis, &t.AkunID, &t.Status, &t.Selesai, &t.Total, &t.Pesan, &t.NamaBerkas, &t.AdaBerkas,
		&t.DiunduhAt, &t.CreatedAt, &t.FinishedAt, &t.Kedaluwarsa, &t.Params)
	return t, err
}

// GetTugas returns the tugas for its owner (akunID); anyone else's, an expired one
// and a missing one are all NotFound. akunID 0 reads it for its worker.
func (s *Store) GetTugas(ctx context.Context, id, akunID int64) (Tugas, error) {
	t, err := scanTugas(s.pool.QueryRow(ctx, `SELECT `+tugasColumns+` FROM tugas
		WHERE id = $1 AND ($2 = 0 OR akun_id = $2) AND kedaluwarsa_at > now()`, id, akunID))
	return t, translate(err, "Tugas")
}

// TugasProgress records that done steps are finished.
func (s *Store) TugasProgress(ctx context.Context, id int64, done int) error {
	_, err := s.pool.Exec(ctx, `UPDATE tugas SET selesai = least($2, total) WHERE id = $1 AND status = 'berjalan'`, id, done)
	return wrap("tugas progress", err)
}

// FinishTugas records a running tugas's result (status selesai or gagal, with the
// file or the message); its result is kept for TugasKeep. A tugas that is no
// longer running is left as it is.
func (s *Store) FinishTugas(ctx context.Context, id int64, status, pesan string, berkas []byte) error {
	return wrap("finish tugas", finishTugas(ctx, s.pool, id, status, pesan, berkas, -1))
}

// finishTugas finishes a running tugas; a count >= 0 replaces its total (what was
// actually made).
func finishTugas(ctx context.Context, db DBTX, id int64, status, pesan string, berkas []byte, count int) error {
	_, err := db.Exec(ctx, `
		UPDATE tugas SET status = $2, pesan = $3, berkas = $4, finished_at = now(), kedaluwarsa_at = now() + $5::interval,
		       total = CASE WHEN $6 >= 0 THEN $6 ELSE total END,
		       selesai = CASE WHEN $2 = 'selesai' AND $6 >= 0 THEN $6 WHEN $2 = 'selesai' THEN total ELSE selesai END
		WHERE id = $1 AND status = 'berjalan'`, id, status, pesan, berkas, TugasKeep, count)
	return err
}

// TakeTugasBerkas returns a finished tugas's file to its owner and, when once is
// set, deletes it in the same statement: a second request finds nothing.
func (s *Store) TakeTugasBerkas(ctx context.Context, id, akunID int64, once bool) ([]byte, error) {
	var b []byte
	var err error
	if once {
		err = s.pool.QueryRow(ctx, `
			UPDATE tugas t SET berkas = NULL, diunduh_at = now() FROM (SELECT id, berkas FROM tugas WHERE id = $1 FOR UPDATE) old
			WHERE t.id = old.id AND t.akun_id = $2 AND t.status = 'selesai' AND t.berkas IS NOT NULL AND t.kedaluwarsa_at > now()
			RETURNING old.berkas`, id, akunID).Scan(&b)
	} else {
		err = s.pool.QueryRow(ctx, `SELECT berkas FROM tugas
			WHERE id = $1 AND akun_id = $2 AND status = 'selesai' AND berkas IS NOT NULL AND kedaluwarsa_at > now()`, id, akunID).Scan(&b)
	}
	if err == pgx.ErrNoRows {
		return nil, apperr.New(apperr.NotFound, "Berkas tidak tersedia.")
	}
	return b, wrap("take tugas berkas", err)
}

// DeleteTugas deletes the owner's tugas and its result.
func (s *Store) DeleteTugas(ctx context.Context, id, akunID int64) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM tugas WHERE id = $1 AND akun_id = $2`, id, akunID)
	if err == nil && tag.RowsAffected() == 0 {
		return apperr.New(apperr.NotFound, "Tugas tidak ditemukan.")
	}
	return wrap("delete tugas", err)
}

// ExpireTugas deletes the tugas whose time is up and returns how many.
func (s *Store) ExpireTugas(ctx context.Context) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM tugas WHERE kedaluwarsa_at <= now()`)
	return tag.RowsAffected(), wrap("expire tugas", err)
}
