package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
)

// Realisasi is what was achieved on one indicator at one check-in.
type Realisasi struct {
	IKIID   int64
	Nilai   *float64
	Teks    string
	Version int // 0: nothing recorded yet
}

// RealisasiOf returns the recorded realisasi of an SKP at a check-in, by indicator.
func (p *PeriodStore) RealisasiOf(ctx context.Context, skpID int64, checkin int) (map[int64]Realisasi, error) {
	rows, err := p.s.pool.Query(ctx, `SELECT iki_id, nilai::float8, teks, version FROM realisasi WHERE periode_id = $1 AND skp_id = $2 AND checkin = $3`,
		p.id, skpID, checkin)
	if err != nil {
		return nil, wrap("realisasi", err)
	}
	defer rows.Close()
	out := map[int64]Realisasi{}
	for rows.Next() {
		var r Realisasi
		if err := rows.Scan(&r.IKIID, &r.Nilai, &r.Teks, &r.Version); err != nil {
			return nil, wrap("realisasi", err)
		}
		out[r.IKIID] = r
	}
	return out, wrap("realisasi", rows.Err())
}

// reportable checks that realisasi may be recorded on the SKP: the latest version,
// approved, in the pelaksanaan or penilaian phase.
func (p *PeriodStore) reportable(ctx context.Context, db DBTX, skpID int64) error {
	var status, fase string
	var latest bool
	err := db.QueryRow(ctx, `
		SELECT s.status, pr.fase, s.versi = (SELECT max(versi) FROM skp x WHERE x.periode_id = s.periode_id AND x.pegawai_id = s.pegawai_id)
		FROM skp s JOIN periode pr ON pr.id = s.periode_id WHERE s.id = $1 AND s.periode_id = $2`, skpID, p.id).Scan(&status, &fase, &latest)
	if err != nil {
		return translate(err, "SKP")
	}
	switch {
	case periode.Fase(fase) == periode.Selesai:
		return apperr.New(apperr.Conflict, "Periode ini sudah selesai (ditutup); realisasi tidak dapat diubah.")
	case periode.Fase(fase) != periode.Pelaksanaan && periode.Fase(fase) != periode.Penilaian:
		return apperr.New(apperr.Conflict, "Realisasi dicatat pada fase Pelaksanaan dan Penilaian.")
	case skp.Status(status) != skp.Disetujui || !latest:
		return apperr.New(apperr.Conflict, "Realisasi dicatat pada SKP terakhir yang sudah disetujui.")
	}
	return nil
}

// SaveRealisasi records realisasi for several indicators of an SKP at a check-in in one
// transaction. Each entry carries the version it was read with; a mismatch (someone
// saved meanwhile) returns ErrStale and saves nothing.
func (p *PeriodStore) SaveRealisasi(ctx context.Context, actor Actor, skpID int64, checkin int, entries []Realisasi) error {
	return wrap("save realisasi", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if err := p.reportable(ctx, tx, skpID); err != nil {
			return err
		}
		var by any
		if actor.AkunID != 0 {
			by = actor.AkunID
		}
		changed := 0
		for _, e := range entries {
			var ok bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM skp_iki i JOIN skp_rhk r ON r.id = i.rhk_id WHERE i.id = $1 AND r.skp_id = $2)`,
				e.IKIID, skpID).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				return apperr.New(apperr.NotFound, "Indikator tidak ditemukan pada SKP ini.")
			}
			var tag interface{ RowsAffected() int64 }
			var err error
			if e.Version == 0 {
				if e.Nilai == nil && e.Teks == "" {
					continue
				}
				tag, err = tx.Exec(ctx, `INSERT INTO realisasi (periode_id, skp_id, iki_id, checkin, nilai, teks, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
					ON CONFLICT (iki_id, checkin) DO NOTHING`, p.id, skpID, e.IKIID, checkin, e.Nilai, e.Teks, by)
			} else {
				tag, err = tx.Exec(ctx, `UPDATE realisasi SET nilai = $4, teks = $5, version = version + 1, updated_at = now(), updated_by = $6
					WHERE iki_id = $1 AND checkin = $2 AND version = $3 AND (nilai IS DISTINCT FROM $4 OR teks <> $5)`,
					e.IKIID, checkin, e.Version, e.Nilai, e.Teks, by)
				if err == nil && tag.RowsAffected() == 0 {
					var cur int
					if err := tx.QueryRow(ctx, `SELECT version FROM realisasi WHERE iki_id = $1 AND checkin = $2`, e.IKIID, checkin).Scan(&cur); err != nil {
						return translate(err, "Realisasi")
					}
					if cur != e.Version {
						return ErrStale
					}
					continue // unchanged
				}
			}
			if err != nil {
				return err
			}
			if tag.RowsAffected() == 0 {
				return ErrStale
			}
			changed++
		}
		if changed == 0 {
			return nil
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "realisasi.simpan", Entity: "skp", EntityID: itoa(skpID),
			After: map[string]any{"checkin": checkin, "indikator": changed}, IP: actor.IP})
	}))
}

// Bukti is one piece of evidence.
type Bukti struct {
	ID          int64
	IKIID       int64
	Checkin     int
	Jenis       string // tautan, berkas
	Judul       string
	URL         string
	NamaBerkas  string
	ContentType string
	Ukuran      int
	SHA256      string
	CreatedAt   time.Time
	Data        []byte // only from BuktiFile
}

// AddBukti attaches a link or a checked file to an indicator of a reportable SKP.
func (p *PeriodStore) AddBukti(ctx context.Context, actor Actor, skpID int64, b Bukti) (int64, error) {
	var id int64
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		if err := p.reportable(ctx, tx, skpID); err != nil {
			return err
		}
		var ok bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM skp_iki i JOIN skp_rhk r ON r.id = i.rhk_id WHERE i.id = $1 AND r.skp_id = $2)`,
			b.IKIID, skpID).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return apperr.Validation(map[string]string{"iki": "Pilih indikator SKP ini."})
		}
		var by any
		if actor.AkunID != 0 {
			by = actor.AkunID
		}
		var data any
		if b.Jenis == "berkas" {
			data = b.Data
		}
		if err := tx.QueryRow(ctx, `
			INSERT INTO bukti_dukung (periode_id, skp_id, iki_id, checkin, jenis, judul, url, nama_berkas, content_type, ukuran, sha256, data, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			p.id, skpID, b.IKIID, b.Checkin, b.Jenis, b.Judul, b.URL, b.NamaBerkas, b.ContentType, len(b.Data), b.SHA256, data, by).Scan(&id); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "bukti.tambah", Entity: "skp", EntityID: itoa(skpID),
			After: map[string]any{"bukti_id": id, "iki_id": b.IKIID, "checkin": b.Checkin, "jenis": b.Jenis, "judul": b.Judul, "url": b.URL,
				"nama_berkas": b.NamaBerkas, "sha256": b.SHA256}, IP: actor.IP})
	})
	return id, wrap("add bukti", err)
}

// ListBukti returns the evidence of an SKP at a check-in, without file contents.
func (p *PeriodStore) ListBukti(ctx context.Context, skpID int64, checkin int) ([]Bukti, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT id, iki_id, checkin, jenis, judul, url, nama_berkas, content_type, ukuran, sha256, created_at
		FROM bukti_dukung WHERE periode_id = $1 AND skp_id = $2 AND checkin = $3 ORDER BY created_at, id`, p.id, skpID, checkin)
	if err != nil {
		return nil, wrap("list bukti", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Bukti, error) {
		var b Bukti
		err := r.Scan(&b.ID, &b.IKIID, &b.Checkin, &b.Jenis, &b.Judul, &b.URL, &b.NamaBerkas, &b.ContentType, &b.Ukuran, &b.SHA256, &b.CreatedAt)
		return b, err
	})
	return out, wrap("list bukti", err)
}

// BuktiSKP returns which period and SKP a piece of evidence belongs to.
func (s *Store) BuktiSKP(ctx context.Context, id int64) (periodeID, skpID int64, err error) {
	err = s.pool.QueryRow(ctx, `SELECT periode_id, skp_id FROM bukti_dukung WHERE id = $1`, id).Scan(&periodeID, &skpID)
	return periodeID, skpID, wrap("bukti skp", translate(err, "Bukti dukung"))
}

// BuktiFile returns a file's contents; apperr.NotFound for a link or an unknown id.
func (p *PeriodStore) BuktiFile(ctx context.Context, id int64) (Bukti, error) {
	var b Bukti
	err := p.s.pool.QueryRow(ctx, `SELECT id, nama_berkas, content_type, sha256, data FROM bukti_dukung WHERE id = $1 AND periode_id = $2 AND jenis = 'berkas'`,
		id, p.id).Scan(&b.ID, &b.NamaBerkas, &b.ContentType, &b.SHA256, &b.Data)
	if errors.Is(err, pgx.ErrNoRows) {
		return b, apperr.New(apperr.NotFound, "Berkas tidak ditemukan.")
	}
	return b, wrap("bukti file", err)
}
