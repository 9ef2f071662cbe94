package store

import "context"

// SKPTasks is what a person owes on plans in this period: their own plan's status
// ("" when not started) and how many subordinates' plans wait for their decision.
func (p *PeriodStore) SKPTasks(ctx context.Context, pegawaiID int64) (own string, ownID int64, participant bool, waiting int, err error) {
	err = p.s.pool.QueryRow(ctx, `
		SELECT coalesce((SELECT s.status FROM skp s WHERE s.periode_id = $1 AND s.pegawai_id = $2 ORDER BY s.versi DESC LIMIT 1), ''),
		       coalesce((SELECT s.id FROM skp s WHERE s.periode_id = $1 AND s.pegawai_id = $2 ORDER BY s.versi DESC LIMIT 1), 0),
		       EXISTS (SELECT 1 FROM periode_peserta WHERE periode_id = $1 AND pegawai_id = $2 AND aktif),
		       (SELECT count(*) FROM periode_peserta ps
		        JOIN LATERAL (SELECT status FROM skp WHERE periode_id = ps.periode_id AND pegawai_id = ps.pegawai_id ORDER BY versi DESC LIMIT 1) s ON true
		        WHERE ps.periode_id = $1 AND ps.penilai_id = $2 AND ps.aktif AND s.status = 'diajukan')`, p.id, pegawaiID).
		Scan(&own, &ownID, &participant, &waiting)
	return own, ownID, participant, waiting, wrap("skp tasks", err)
}
