package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
)

// PenilaianDiriOf returns the SKP's self-assessment at a check-in, by sasaran.
func (p *PeriodStore) PenilaianDiriOf(ctx context.Context, skpID int64, checkin int) (map[penilaian.Sasaran]penilaian.Diri, error) {
	return p.penilaianDiri(ctx, p.s.pool, skpID, checkin)
}

// penilaianDiri is PenilaianDiriOf on the given connection or transaction.
func (p *PeriodStore) penilaianDiri(ctx context.Context, db DBTX, skpID int64, checkin int) (map[penilaian.Sasaran]penilaian.Diri, error) {
	rows, err := db.Query(ctx, `SELECT sasaran, rating, komentar, version FROM penilaian_diri
		WHERE periode_id = $1 AND skp_id = $2 AND checkin = $3`, p.id, skpID, checkin)
	if err != nil {
		return nil, wrap("penilaian diri", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (penilaian.Diri, error) {
		var d penilaian.Diri
		err := row.Scan(sasaranCol{&d.Sasaran}, ratingCol{&d.Rating}, &d.Komentar, &d.Version)
		return d, err
	})
	if err != nil {
		return nil, wrap("penilaian diri", err)
	}
	out := make(map[penilaian.Sasaran]penilaian.Diri, len(list))
	for _, x := range list {
		out[x.Sasaran] = x
	}
	return out, nil
}

// SavePenilaianDiri checks the form (penilaian.CheckDiri: a validation error on
// penilaian's field names) and stores the ratings of an SKP at a check-in in one
// transaction, set-based. Entries without a rating are skipped. Each entry carries the
// version it was read with; any mismatch returns ErrStale and saves nothing. Check-in
// 0 (end of period) is open in the penilaian phase only (periode.SelfAssess).
func (p *PeriodStore) SavePenilaianDiri(ctx context.Context, actor Actor, skpID int64, checkin int, entries []penilaian.Diri) error {
	entries, errs := penilaian.CheckDiri(entries)
	if errs != nil {
		return apperr.Validation(errs)
	}
	if err := penilaian.CheckDiriChosen(entries); err != nil {
		return err
	}
	return wrap("save penilaian diri", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if err := p.inForce(ctx, tx, skpID, periode.SelfAssess, checkin); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT 1 FROM skp WHERE id = $1 FOR NO KEY UPDATE`, skpID); err != nil {
			return err
		}
		n := len(entries)
		sasaran, rating, komentar, version := make([]string, n), make([]string, n), make([]string, n), make([]int32, n)
		var rhk []int64
		for i, e := range entries {
			sasaran[i], rating[i], komentar[i], version[i] = e.Sasaran.String(), string(e.Rating), e.Komentar, int32(e.Version)
			if e.Sasaran.RHK != 0 {
				rhk = append(rhk, e.Sasaran.RHK)
			}
		}
		var unknown, stale int
		if err := tx.QueryRow(ctx, `
			WITH input AS (SELECT * FROM unnest($3::text[], $4::int[]) AS t(sasaran, version)),
			cur AS (SELECT sasaran, version FROM penilaian_diri WHERE skp_id = $1 AND checkin = $2 FOR UPDATE)
			SELECT
				(SELECT count(*) FROM unnest($5::bigint[]) AS k WHERE NOT EXISTS (SELECT 1 FROM skp_rhk r WHERE r.skp_id = $1 AND r.kunci = k)),
				count(*) FILTER (WHERE coalesce(c.version, 0) <> i.version)
			FROM input i LEFT JOIN cur c USING (sasaran)`, skpID, checkin, sasaran, version, rhk).Scan(&unknown, &stale); err != nil {
			return err
		}
		if unknown > 0 {
			return apperr.New(apperr.NotFound, "RHK tidak ditemukan pada SKP ini.")
		}
		if stale > 0 {
			return ErrStale
		}
		before, err := p.penilaianDiri(ctx, tx, skpID, checkin)
		if err != nil {
			return err
		}
		var by any
		if actor.AkunID != 0 {
			by = actor.AkunID
		}
		rows, err := tx.Query(ctx, `
			INSERT INTO penilaian_diri AS d (periode_id, skp_id, checkin, sasaran, rating, komentar, updated_by)
			SELECT $1, $2, $3, sasaran, rating, komentar, $7
			FROM unnest($4::text[], $5::text[], $6::text[]) AS t(sasaran, rating, komentar) WHERE rating <> ''
			ON CONFLICT (skp_id, checkin, sasaran) DO UPDATE
			SET rating = EXCLUDED.rating, komentar = EXCLUDED.komentar, version = d.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by
			WHERE (d.rating, d.komentar) IS DISTINCT FROM (EXCLUDED.rating, EXCLUDED.komentar)
			RETURNING sasaran, rating, komentar`, p.id, skpID, checkin, sasaran, rating, komentar, by)
		if err != nil {
			return err
		}
		changed, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (map[string]string, error) {
			var s, r, k string
			err := row.Scan(&s, &r, &k)
			return map[string]string{"sasaran": s, "rating": r, "komentar": k}, err
		})
		if err != nil || len(changed) == 0 {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "penilaian_diri.simpan", Entity: "skp", EntityID: itoa(skpID),
			Before: map[string]any{"checkin": checkin, "penilaian": before}, After: map[string]any{"checkin": checkin, "penilaian": changed}, IP: actor.IP})
	}))
}
