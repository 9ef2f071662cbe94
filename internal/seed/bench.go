package seed

// Benchmark data: plans, links, approvals and ratings written straight in SQL on
// synthetic data, so make bench can time pages without walking every workflow. The
// workflows themselves are exercised by the tests, never by these.

import (
	"context"
	"fmt"
)

func wrapf(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("seed: %s: %w", op, err)
}

// BenchSKP gives each listed participant a draft plan of rhk RHK with iki indicators
// each, in one statement, for load tests on synthetic data. Participants who have a
// plan are skipped. It returns the new SKP ids by pegawai id.
func BenchSKP(ctx context.Context, db DB, periodeID int64, pegawaiIDs []int64, rhk, iki int) (map[int64]int64, error) {
	rows, err := db.Query(ctx, `
		WITH s AS (
		    INSERT INTO skp (periode_id, pegawai_id, penilai_id)
		    SELECT $1, ps.pegawai_id, ps.penilai_id FROM periode_peserta ps WHERE ps.periode_id = $1 AND ps.pegawai_id = ANY($2) AND ps.aktif
		    ON CONFLICT (periode_id, pegawai_id, versi) DO NOTHING
		    RETURNING id, pegawai_id
		), r AS (
		    INSERT INTO skp_rhk (skp_id, periode_id, jenis, urutan, uraian)
		    SELECT s.id, $1, CASE WHEN g <= ($3 * 4 / 5) THEN 'utama' ELSE 'tambahan' END, g,
		           'Tercapainya rencana hasil kerja nomor ' || g || ' sesuai standar layanan'
		    FROM s, generate_series(1, $3) g
		    RETURNING id
		), i AS (
		    INSERT INTO skp_iki (rhk_id, periode_id, urutan, indikator, aspek, target, satuan)
		    SELECT r.id, $1, g, 'Jumlah keluaran indikator nomor ' || g, (ARRAY['kuantitas', 'kualitas', 'waktu'])[1 + (g - 1) % 3], 10 * g, 'dokumen'
		    FROM r, generate_series(1, $4) g
		    RETURNING 1
		)
		SELECT s.pegawai_id, s.id FROM s WHERE (SELECT count(*) FROM i) >= 0`, periodeID, pegawaiIDs, rhk, iki)
	if err != nil {
		return nil, wrapf("bench skp", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var pg, id int64
		if err := rows.Scan(&pg, &id); err != nil {
			return nil, wrapf("bench skp", err)
		}
		out[pg] = id
	}
	return out, wrapf("bench skp", rows.Err())
}

// BenchLinkOPD links every RHK of an OPD's plans to the RHK of the same number in the
// penilai's plan, so the performance tree has a full cascade. Synthetic data only.
func BenchLinkOPD(ctx context.Context, db DB, periodeID, opdID int64) error {
	_, err := db.Exec(ctx, `
		UPDATE skp_rhk r SET atasan_kunci = pr.kunci
		FROM skp s
		JOIN periode_peserta ps ON ps.periode_id = s.periode_id AND ps.pegawai_id = s.pegawai_id
		JOIN skp sp ON sp.periode_id = s.periode_id AND sp.pegawai_id = ps.penilai_id
		JOIN skp_rhk pr ON pr.skp_id = sp.id
		WHERE r.skp_id = s.id AND pr.urutan = r.urutan AND s.periode_id = $1 AND ps.opd_id = $2`, periodeID, opdID)
	return wrapf("bench link opd", err)
}

// OPDNearest returns the OPD whose participant count in the period is closest to n.
func OPDNearest(ctx context.Context, db DB, periodeID int64, n int) (int64, int, error) {
	var id int64
	var count int
	err := db.QueryRow(ctx, `
		SELECT opd_id, count(*) FROM periode_peserta WHERE periode_id = $1 AND aktif
		GROUP BY opd_id ORDER BY abs(count(*) - $2) LIMIT 1`, periodeID, n).Scan(&id, &count)
	if err != nil {
		return 0, 0, fmt.Errorf("seed: opd nearest: %w", err)
	}
	return id, count, nil
}

// OPDParticipants lists the pegawai ids of an OPD's participants.
func OPDParticipants(ctx context.Context, db DB, periodeID, opdID int64) ([]int64, error) {
	rows, err := db.Query(ctx, `SELECT pegawai_id FROM periode_peserta WHERE periode_id = $1 AND opd_id = $2 AND aktif`, periodeID, opdID)
	if err != nil {
		return nil, wrapf("opd participants", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, wrapf("opd participants", err)
		}
		out = append(out, id)
	}
	return out, wrapf("opd participants", rows.Err())
}

// BenchApprove marks the given plans approved in one statement, for load tests on
// synthetic data (the approval workflow is exercised by the tests, not here).
func BenchApprove(ctx context.Context, db DB, periodeID int64, skpIDs []int64) error {
	_, err := db.Exec(ctx, `UPDATE skp SET status = 'disetujui', diajukan_at = now(), disetujui_at = now()
		WHERE periode_id = $1 AND id = ANY($2) AND status = 'draft'`, periodeID, skpIDs)
	return wrapf("bench approve", err)
}

// BenchRate gives every participant of an OPD with a plan a rating at a check-in,
// spread over the levels, so the kurva panel counts a realistic mix. Synthetic data
// only; existing ratings are kept.
func BenchRate(ctx context.Context, db DB, periodeID, opdID int64, checkin int) error {
	_, err := db.Exec(ctx, `
		INSERT INTO penilaian (periode_id, pegawai_id, skp_id, checkin, hasil_kerja, saran_hasil_kerja, perilaku)
		SELECT s.periode_id, s.pegawai_id, s.id, $3, h.v, h.v, (ARRAY['diatas', 'sesuai', 'sesuai', 'dibawah'])[1 + (s.pegawai_id / 5) % 4]
		FROM skp s
		JOIN periode_peserta ps ON ps.periode_id = s.periode_id AND ps.pegawai_id = s.pegawai_id
		CROSS JOIN LATERAL (SELECT (ARRAY['diatas', 'sesuai', 'sesuai', 'sesuai', 'dibawah'])[1 + s.pegawai_id % 5] AS v) h
		WHERE s.periode_id = $1 AND ps.opd_id = $2
		  AND s.versi = (SELECT max(versi) FROM skp x WHERE x.periode_id = s.periode_id AND x.pegawai_id = s.pegawai_id)
		ON CONFLICT (periode_id, pegawai_id, checkin) DO NOTHING`, periodeID, opdID, checkin)
	return wrapf("bench rate", err)
}
