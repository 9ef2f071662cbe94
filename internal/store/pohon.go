package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/skp"
)

// Pohon returns the OPD's participants with the RHK of their latest plan, in two
// set-based queries; the caller builds the tree from PenilaiID and AtasanKunci.
func (p *PeriodStore) Pohon(ctx context.Context, opdID int64) ([]skp.PohonNode, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT ps.pegawai_id, coalesce(ps.penilai_id, 0),
		       nama_lengkap(pg.gelar_depan, pg.nama, pg.gelar_belakang), ps.jabatan,
		       coalesce(s.id, 0), coalesce(s.status, '')
		FROM periode_peserta ps
		JOIN pegawai pg ON pg.id = ps.pegawai_id
		LEFT JOIN LATERAL (SELECT id, status FROM skp WHERE periode_id = ps.periode_id AND pegawai_id = ps.pegawai_id ORDER BY versi DESC LIMIT 1) s ON true
		WHERE ps.periode_id = $1 AND ps.opd_id = $2 AND ps.aktif
		ORDER BY lower(pg.nama)`, p.id, opdID)
	if err != nil {
		return nil, wrap("pohon", err)
	}
	nodes, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (skp.PohonNode, error) {
		var n skp.PohonNode
		var status string
		err := r.Scan(&n.PegawaiID, &n.PenilaiID, &n.Nama, &n.Jabatan, &n.SKPID, &status)
		n.Status = skp.Status(status)
		return n, err
	})
	if err != nil {
		return nil, wrap("pohon", err)
	}
	index := make(map[int64]int, len(nodes))
	for i, n := range nodes {
		index[n.SKPID] = i
	}
	rows, err = p.s.pool.Query(ctx, `
		SELECT r.skp_id, r.kunci, coalesce(r.atasan_kunci, 0), r.jenis, r.uraian
		FROM skp_rhk r
		WHERE r.periode_id = $1 AND r.skp_id IN (
		    SELECT DISTINCT ON (s.pegawai_id) s.id FROM skp s JOIN periode_peserta ps ON ps.periode_id = s.periode_id AND ps.pegawai_id = s.pegawai_id
		    WHERE s.periode_id = $1 AND ps.opd_id = $2 ORDER BY s.pegawai_id, s.versi DESC)
		ORDER BY r.jenis = 'tambahan', r.urutan, r.id`, p.id, opdID)
	if err != nil {
		return nil, wrap("pohon rhk", err)
	}
	defer rows.Close()
	for rows.Next() {
		var skpID int64
		var x skp.PohonRHK
		if err := rows.Scan(&skpID, &x.Kunci, &x.AtasanKunci, &x.Jenis, &x.Uraian); err != nil {
			return nil, wrap("pohon rhk", err)
		}
		if i, ok := index[skpID]; ok && skpID != 0 {
			nodes[i].RHK = append(nodes[i].RHK, x)
		}
	}
	return nodes, wrap("pohon rhk", rows.Err())
}

// PesertaUrut is a participant of an OPD with their penilai, in cascade order.
type PesertaUrut struct {
	PegawaiID, PenilaiID int64 // PenilaiID 0: none
}

// UrutanKaskade lists the active participants of an OPD so that each penilai comes
// before the subordinates who cascade from their RHK: the heads first, then level by
// level.
func (p *PeriodStore) UrutanKaskade(ctx context.Context, opdID int64) ([]PesertaUrut, error) {
	rows, err := p.s.pool.Query(ctx, `
		WITH RECURSIVE t AS (
		    SELECT s.pegawai_id, s.penilai_id, 0 AS depth FROM periode_peserta s
		    WHERE s.periode_id = $1 AND s.opd_id = $2 AND s.aktif
		      AND NOT EXISTS (SELECT 1 FROM periode_peserta a WHERE a.periode_id = s.periode_id AND a.pegawai_id = s.penilai_id AND a.opd_id = s.opd_id AND a.aktif)
		    UNION ALL
		    SELECT s.pegawai_id, s.penilai_id, t.depth + 1 FROM periode_peserta s JOIN t ON s.penilai_id = t.pegawai_id
		    WHERE s.periode_id = $1 AND s.opd_id = $2 AND s.aktif
		)
		SELECT pegawai_id, coalesce(penilai_id, 0) FROM t ORDER BY depth, pegawai_id`, p.id, opdID)
	if err != nil {
		return nil, wrap("urutan kaskade", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[PesertaUrut])
	return out, wrap("urutan kaskade", err)
}
