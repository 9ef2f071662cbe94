package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/periode"
)

// MutasiInput is a mutasi as the Admin BKD records it: the TMT, the new penilai's
// NIP ("" for none) and the reason. The new jabatan and unit kerja are the pegawai's
// as they stand in the pegawai data now.
type MutasiInput struct {
	periode.MutasiInput
	PenilaiNIP string
}

// Mutasi records a change of a participant's jabatan, unit kerja or penilai with a
// TMT inside the period (periode.CheckMutasi). In one transaction it ends the current
// penugasan on the day before the TMT (kept in periode_penugasan with its placement
// and penilai), starts the next from the TMT with the pegawai's placement now and the
// new penilai, and opens a new draft plan for it (the next versi), to be cascaded from
// the new penilai's plan. The earlier plan keeps its realisasi, bukti, umpan balik and
// ratings. It returns the new plan's id. Refusals: validation errors on tmt, alasan
// and nip_penilai; ErrStale for a participant changed meanwhile; a conflict in a
// phase that does not take participant changes.
func (p *PeriodStore) Mutasi(ctx context.Context, actor Actor, pegawaiID int64, version int, in MutasiInput) (int64, error) {
	var newSKP int64
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		per, err := p.lockOpen(ctx, tx)
		if err != nil {
			return err
		}
		var v int
		var aktif bool
		var cur periode.Penugasan
		var mulai *time.Time
		var penilaiLama *int64
		var jabatanLama, unitLama int64
		err = tx.QueryRow(ctx, `SELECT version, aktif, penugasan_ke, mulai, checkin_dari, penilai_id, jabatan_id, unit_kerja_id
			FROM periode_peserta WHERE periode_id = $1 AND pegawai_id = $2 FOR UPDATE`, p.id, pegawaiID).
			Scan(&v, &aktif, &cur.Ke, &mulai, &cur.CheckinDari, &penilaiLama, &jabatanLama, &unitLama)
		if err != nil {
			return translate(err, "Peserta periode")
		}
		if v != version {
			return ErrStale
		}
		if !aktif {
			return apperr.New(apperr.Conflict, "Pegawai ini sudah dikeluarkan dari periode; mutasi tidak dapat dicatat.")
		}
		cur.Mulai, cur.Selesai = per.Settings.Mulai, per.Settings.Selesai
		if mulai != nil {
			cur.Mulai = *mulai
		}
		rows, err := tx.Query(ctx, `SELECT pn.checkin::int FROM penilaian pn JOIN skp s ON s.id = pn.skp_id
			WHERE pn.periode_id = $1 AND pn.pegawai_id = $2 AND s.penugasan_ke = $3`, p.id, pegawaiID, cur.Ke)
		if err != nil {
			return err
		}
		rated, err := pgx.CollectRows(rows, pgx.RowTo[int])
		if err != nil {
			return err
		}
		m, errs := periode.CheckMutasi(in.MutasiInput, per.Settings, cur, rated)
		penilai, perr := p.resolvePenilai(ctx, tx, pegawaiID, in.PenilaiNIP)
		if perr != nil {
			e := apperr.As(perr)
			if e == nil || e.Fields == nil {
				return perr
			}
			if errs == nil {
				errs = map[string]string{}
			}
			for k, x := range e.Fields {
				errs[k] = x
			}
		}
		if errs != nil {
			return apperr.Validation(errs)
		}
		var jabatanBaru, unitBaru int64
		if err := tx.QueryRow(ctx, `SELECT jabatan_id, unit_kerja_id FROM pegawai WHERE id = $1`, pegawaiID).Scan(&jabatanBaru, &unitBaru); err != nil {
			return err
		}
		samePenilai := (penilai == nil && penilaiLama == nil) || (penilai != nil && penilaiLama != nil && *penilai == *penilaiLama)
		if err := periode.CheckBerubah(jabatanBaru != jabatanLama, unitBaru != unitLama, !samePenilai); err != nil {
			return err
		}
		ended, next := m.Ended(cur), m.Next(cur, per.Settings)
		if _, err := tx.Exec(ctx, `
			INSERT INTO periode_penugasan (periode_id, pegawai_id, ke, mulai, selesai, checkin_dari, checkin_sampai, penilai_id,
			    opd_id, unit_kerja_id, jabatan_id, jabatan, jenis_jabatan, unit_kerja, golongan, alasan, dicatat_by)
			SELECT periode_id, pegawai_id, penugasan_ke, $3, $4, checkin_dari, $5, penilai_id,
			       opd_id, unit_kerja_id, jabatan_id, jabatan, jenis_jabatan, unit_kerja, golongan, $6, $7
			FROM periode_peserta WHERE periode_id = $1 AND pegawai_id = $2`,
			p.id, pegawaiID, ended.Mulai, ended.Selesai, ended.CheckinSampai, m.Alasan, actorID(actor)); err != nil {
			return errClosed(err)
		}
		if _, err := tx.Exec(ctx, `
			UPDATE periode_peserta s SET opd_id = u.opd_id, unit_kerja_id = p.unit_kerja_id, jabatan_id = p.jabatan_id, jabatan = j.nama,
			       jenis_jabatan = j.jenis, unit_kerja = u.nama, golongan = g.golongan, penilai_id = $3,
			       penugasan_ke = $4, mulai = $5, checkin_dari = $6, keterangan = $7, version = s.version + 1, updated_at = now()
			FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_kerja_id JOIN jabatan j ON j.id = p.jabatan_id JOIN pangkat_golongan g ON g.id = p.pangkat_id
			WHERE s.periode_id = $1 AND s.pegawai_id = $2 AND p.id = s.pegawai_id`,
			p.id, pegawaiID, penilai, next.Ke, next.Mulai, next.CheckinDari, "Mutasi TMT "+periode.Tanggal(m.TMT)+": "+m.Alasan); err != nil {
			return errClosed(err)
		}
		if err := tx.QueryRow(ctx, `
			INSERT INTO skp (periode_id, pegawai_id, versi, penilai_id, penugasan_ke)
			SELECT $1, $2, coalesce(max(versi), 0) + 1, $3, $4 FROM skp WHERE periode_id = $1 AND pegawai_id = $2
			RETURNING id`, p.id, pegawaiID, penilai, next.Ke).Scan(&newSKP); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "peserta.mutasi", Entity: "periode_peserta",
			EntityID: fmt.Sprintf("%d/%d", p.id, pegawaiID),
			Before:   map[string]any{"penugasan_ke": cur.Ke, "penilai_id": penilaiLama, "jabatan_id": jabatanLama, "unit_kerja_id": unitLama},
			After: map[string]any{"penugasan_ke": next.Ke, "tmt": m.TMT.Format("2006-01-02"), "penilai_id": penilai, "jabatan_id": jabatanBaru,
				"unit_kerja_id": unitBaru, "checkin_dari": next.CheckinDari, "alasan": m.Alasan, "skp_baru": newSKP}, IP: actor.IP})
	})
	return newSKP, wrap("mutasi", err)
}

// Penugasan is one stretch of a participant's period as its pages list it: the dates,
// the placement, the penilai and the newest version of its plan (0: none).
type Penugasan struct {
	periode.Penugasan
	Jabatan, Unit string
	PenilaiID     int64
	Penilai       string // with gelar; "" for none
	SKPID         int64
	SKPStatus     string
	Alasan        string // why it ended; "" for the current one
}

// PenugasanOf lists the participant's stretches in this period, in order, the
// current one last. A participant without mutasi has one.
func (p *PeriodStore) PenugasanOf(ctx context.Context, pegawaiID int64) ([]Penugasan, error) {
	rows, err := p.s.pool.Query(ctx, `
		WITH t AS (
		    SELECT h.ke, h.mulai, h.selesai, h.checkin_dari, h.checkin_sampai, true AS berakhir, h.jabatan, h.unit_kerja, h.penilai_id, h.alasan
		    FROM periode_penugasan h WHERE h.periode_id = $1 AND h.pegawai_id = $2
		    UNION ALL
		    SELECT ps.penugasan_ke, coalesce(ps.mulai, pr.mulai), pr.selesai, ps.checkin_dari, 0, false, ps.jabatan, ps.unit_kerja, ps.penilai_id, ''
		    FROM periode_peserta ps JOIN periode pr ON pr.id = ps.periode_id WHERE ps.periode_id = $1 AND ps.pegawai_id = $2
		)
		SELECT t.ke::int, t.mulai, t.selesai, t.checkin_dari::int, t.checkin_sampai::int, t.berakhir, t.jabatan, t.unit_kerja,
		       coalesce(t.penilai_id, 0), coalesce(nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang), ''), coalesce(s.id, 0), coalesce(s.status, ''), t.alasan
		FROM t
		LEFT JOIN pegawai g ON g.id = t.penilai_id
		LEFT JOIN LATERAL (SELECT id, status FROM skp WHERE periode_id = $1 AND pegawai_id = $2 AND penugasan_ke = t.ke ORDER BY versi DESC LIMIT 1) s ON true
		ORDER BY t.ke`, p.id, pegawaiID)
	if err != nil {
		return nil, wrap("penugasan", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Penugasan, error) {
		var x Penugasan
		err := r.Scan(&x.Ke, &x.Mulai, &x.Selesai, &x.CheckinDari, &x.CheckinSampai, &x.Berakhir, &x.Jabatan, &x.Unit,
			&x.PenilaiID, &x.Penilai, &x.SKPID, &x.SKPStatus, &x.Alasan)
		return x, err
	})
	return list, wrap("penugasan", err)
}
