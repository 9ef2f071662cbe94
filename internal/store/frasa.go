package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/skp"
)

// ListFrasa returns the library's phrases, active first, by kind and value; with
// aktifSaja only the active ones, which penilai pick from.
func (s *Store) ListFrasa(ctx context.Context, aktifSaja bool) ([]skp.Frasa, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, jenis, coalesce(nilai, 0), teks, aktif FROM frasa
		WHERE aktif OR NOT $1 ORDER BY NOT aktif, jenis, nilai, lower(teks), id`, aktifSaja)
	if err != nil {
		return nil, wrap("list frasa", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[skp.Frasa])
	return out, wrap("list frasa", err)
}

// AddFrasa adds a checked phrase (skp.CheckFrasa) to the library.
func (s *Store) AddFrasa(ctx context.Context, actor Actor, f skp.Frasa) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO frasa (jenis, nilai, teks) VALUES ($1, nullif($2, 0), $3) RETURNING id`, f.Jenis, f.Nilai, f.Teks).Scan(&id); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "frasa.tambah", Entity: "frasa", EntityID: itoa(id),
			After: map[string]any{"jenis": f.Jenis, "nilai": f.Nilai, "teks": f.Teks}, IP: actor.IP})
	})
	return id, wrap("add frasa", err)
}

// SetFrasaAktif deactivates (or reactivates) a phrase; apperr.NotFound for an unknown one.
func (s *Store) SetFrasaAktif(ctx context.Context, actor Actor, id int64, aktif bool) error {
	return wrap("set frasa aktif", s.inTx(ctx, func(tx pgx.Tx) error {
		var teks string
		var was bool
		if err := tx.QueryRow(ctx, `SELECT teks, aktif FROM frasa WHERE id = $1 FOR UPDATE`, id).Scan(&teks, &was); err != nil {
			return translate(err, "Frasa")
		}
		if was == aktif {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE frasa SET aktif = $2, version = version + 1 WHERE id = $1`, id, aktif); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "frasa.aktif", Entity: "frasa", EntityID: itoa(id),
			Before: map[string]any{"aktif": was, "teks": teks}, After: map[string]any{"aktif": aktif}, IP: actor.IP})
	}))
}
