package store

import "context"

// SKPTugas is what a person owes on plans in this period.
type SKPTugas struct {
	Own         string // their latest plan's status, "" when not started
	OwnID       int64
	Participant bool
	AdaRHK      bool // their latest plan has an RHK that subordinates can support
	Waiting     int  // subordinates' plans waiting for their decision
	BelumMulai  int  // subordinates with no plan yet
	BelumAjukan int  // subordinates whose plan is not submitted or approved (none, draft, returned)
}

// SKPTasks counts what a person owes on plans in this period, in one query.
func (p *PeriodStore) SKPTasks(ctx context.Context, pegawaiID int64) (SKPTugas, error) {
	var t SKPTugas
	err := p.s.pool.QueryRow(ctx, `
		WITH own AS (
		    SELECT s.id, s.status FROM skp s WHERE s.periode_id = $1 AND s.pegawai_id = $2 ORDER BY s.versi DESC LIMIT 1
		), sub AS (
		    SELECT s.status FROM periode_peserta ps
		    LEFT JOIN LATERAL (SELECT status FROM skp WHERE periode_id = ps.periode_id AND pegawai_id = ps.pegawai_id ORDER BY versi DESC LIMIT 1) s ON true
		    WHERE ps.periode_id = $1 AND ps.penilai_id = $2 AND ps.aktif
		)
		SELECT coalesce((SELECT status FROM own), ''), coalesce((SELECT id FROM own), 0),
		       EXISTS (SELECT 1 FROM periode_peserta WHERE periode_id = $1 AND pegawai_id = $2 AND aktif),
		       EXISTS (SELECT 1 FROM skp_rhk r JOIN own ON own.id = r.skp_id),
		       (SELECT count(*) FROM sub WHERE status = 'diajukan'),
		       (SELECT count(*) FROM sub WHERE status IS NULL),
		       (SELECT count(*) FROM sub WHERE status IS NULL OR status IN ('draft', 'dikembalikan'))`, p.id, pegawaiID).
		Scan(&t.Own, &t.OwnID, &t.Participant, &t.AdaRHK, &t.Waiting, &t.BelumMulai, &t.BelumAjukan)
	return t, wrap("skp tasks", err)
}
