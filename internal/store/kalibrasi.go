package store

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
)

// usulkan proposes the penilai's complete ratings to the OPD's kalibrasi (a period in
// kalibrasi OPD mode): they are locked to the penilai and wait for the OPD's
// publication.
func (p *PeriodStore) usulkan(ctx context.Context, tx pgx.Tx, actor Actor, penilaiID int64, checkin int, pending []int64, ids []string) error {
	if _, err := tx.Exec(ctx, `UPDATE penilaian SET diusulkan_at = now(), diusulkan_by = $2 WHERE id = ANY($1)`, pending, actorID(actor)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO penilaian_riwayat (periode_id, penilaian_id, oleh, oleh_label, sasaran, lama, baru)
		SELECT $1, id, $3, $4, 'status', 'draft', 'diusulkan' FROM unnest($2::bigint[]) AS id`,
		p.id, pending, actorID(actor), actor.Label); err != nil {
		return err
	}
	return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "penilaian.usulkan", Entity: "pegawai", EntityID: itoa(penilaiID),
		After: map[string]any{"checkin": checkin, "penilaian": ids}, IP: actor.IP})
}

// KalibrasiRow is one participant of the OPD in its kalibrasi at a check-in.
type KalibrasiRow struct {
	PenilaianID, PenilaianVersion int
	PegawaiID                     int64
	NIP, Nama, Jabatan            string
	UnitID                        int64
	Unit                          string
	PenilaiID                     int64
	Penilai                       string
	SKPID                         int64 // the plan rated then; 0 without
	SKPDisetujui                  bool
	HasilKerja, Perilaku          string
	Predikat                      string
	Diusulkan, Ditetapkan         bool
	Diubah                        bool // changed in kalibrasi
}

// KalibrasiOPD lists every participant the OPD rates at the check-in (penilai_unit),
// by unit and name, with the rating and where it stands.
func (p *PeriodStore) KalibrasiOPD(ctx context.Context, opdID int64, checkin int) ([]KalibrasiRow, error) {
	return p.kalibrasiRows(ctx, p.s.pool, opdID, checkin)
}

func (p *PeriodStore) kalibrasiRows(ctx context.Context, db DBTX, opdID int64, checkin int) ([]KalibrasiRow, error) {
	rows, err := db.Query(ctx, `
		SELECT coalesce(pn.id, 0)::int, coalesce(pn.version, 0), g.id, g.nip, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang),
		       coalesce(x.jabatan, ''), coalesce(x.unit_kerja_id, 0), coalesce(x.unit_kerja, ''),
		       coalesce(u.penilai_id, 0), coalesce(nama_lengkap(pg.gelar_depan, pg.nama, pg.gelar_belakang), ''),
		       coalesce(s.id, 0), coalesce(s.status = 'disetujui', false),
		       coalesce(pn.hasil_kerja, ''), coalesce(pn.perilaku, ''), coalesce(pn.predikat, ''),
		       pn.diusulkan_at IS NOT NULL, pn.ditetapkan_at IS NOT NULL,
		       EXISTS (SELECT 1 FROM penilaian_riwayat h WHERE h.penilaian_id = pn.id AND h.kalibrasi)
		FROM penilai_unit($1, $3) u
		JOIN pegawai g ON g.id = u.pegawai_id
		LEFT JOIN pegawai pg ON pg.id = u.penilai_id
		LEFT JOIN LATERAL (
		    SELECT ps.jabatan, ps.unit_kerja_id, ps.unit_kerja FROM periode_peserta ps WHERE ps.periode_id = $1 AND ps.pegawai_id = u.pegawai_id AND ps.penugasan_ke = u.ke
		    UNION ALL
		    SELECT x.jabatan, x.unit_kerja_id, x.unit_kerja FROM periode_penugasan x WHERE x.periode_id = $1 AND x.pegawai_id = u.pegawai_id AND x.ke = u.ke
		    LIMIT 1
		) x ON true
		LEFT JOIN LATERAL (SELECT id, status FROM skp WHERE periode_id = $1 AND pegawai_id = u.pegawai_id AND penugasan_ke = u.ke ORDER BY versi DESC LIMIT 1) s ON true
		LEFT JOIN penilaian pn ON pn.periode_id = $1 AND pn.pegawai_id = u.pegawai_id AND pn.checkin = $3
		WHERE u.opd_id = $2
		ORDER BY x.unit_kerja, g.nama, g.id`, p.id, opdID, checkin)
	if err != nil {
		return nil, wrap("kalibrasi opd", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[KalibrasiRow])
	return list, wrap("kalibrasi opd", err)
}

// kalibrasiMode returns the period's phase and kalibrasi mode, and refuses a period
// not in kalibrasi OPD mode.
func (p *PeriodStore) kalibrasiMode(ctx context.Context, db DBTX) (periode.Fase, error) {
	var fase, mode string
	if err := db.QueryRow(ctx, `SELECT fase, kalibrasi FROM periode WHERE id = $1`, p.id).Scan(&fase, &mode); err != nil {
		return "", err
	}
	if periode.Kalibrasi(mode) != periode.KalibrasiOPD {
		return "", apperr.New(apperr.Conflict, "Periode ini menetapkan sebaran per penilai, tanpa kalibrasi OPD.")
	}
	return periode.Fase(fase), nil
}

// UbahKalibrasi changes a proposed rating of the OPD in its kalibrasi: the Hasil
// Kerja, the Perilaku Kerja or both, with a reason (penilaian.CheckUbah), recorded in
// the rating's history (marked as kalibrasi, which the penilai reads, and the pegawai
// after publication) and in the audit log. A rating not proposed, of another OPD or
// published is refused; a version other than the one read returns ErrStale.
func (p *PeriodStore) UbahKalibrasi(ctx context.Context, actor Actor, opdID, penilaianID int64, version int, u penilaian.Ubah) error {
	return wrap("ubah kalibrasi", p.s.inTx(ctx, func(tx pgx.Tx) error {
		fase, err := p.kalibrasiMode(ctx, tx)
		if err != nil {
			return err
		}
		var pegawaiID int64
		var checkin int16
		var ver int
		var hk, pk, saran string
		var diusulkan, ditetapkan, inOPD bool
		err = tx.QueryRow(ctx, `
			SELECT pn.pegawai_id, pn.checkin, pn.version, coalesce(pn.hasil_kerja, ''), coalesce(pn.perilaku, ''), coalesce(pn.saran_hasil_kerja, ''),
			       pn.diusulkan_at IS NOT NULL, pn.ditetapkan_at IS NOT NULL,
			       EXISTS (SELECT 1 FROM penilai_unit($1, pn.checkin) x WHERE x.pegawai_id = pn.pegawai_id AND x.opd_id = $3)
			FROM penilaian pn WHERE pn.periode_id = $1 AND pn.id = $2 FOR UPDATE`, p.id, penilaianID, opdID).
			Scan(&pegawaiID, &checkin, &ver, &hk, &pk, &saran, &diusulkan, &ditetapkan, &inOPD)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && !inOPD) {
			return apperr.New(apperr.NotFound, "Penilaian itu tidak ada dalam kalibrasi perangkat daerah ini.")
		}
		if err != nil {
			return err
		}
		if err := periode.Check(fase, periode.Publish, int(checkin)); err != nil {
			return err
		}
		switch {
		case ditetapkan:
			return errDitetapkan
		case !diusulkan:
			return apperr.New(apperr.Conflict, "Penilaian ini belum diusulkan penilainya; kalibrasi hanya mengubah usulan.")
		case ver != version:
			return ErrStale
		}
		u, err = penilaian.CheckUbah(penilaian.Rating(hk), penilaian.Rating(pk), u)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT set_config('kinerja.kalibrasi', 'on', true)`); err != nil {
			return err
		}
		alasanHK := ""
		if saran != "" && string(u.HasilKerja) != saran {
			alasanHK = "Kalibrasi OPD: " + u.Alasan
		}
		if _, err := tx.Exec(ctx, `
			UPDATE penilaian SET hasil_kerja = $2, perilaku = $3,
			       alasan_hasil_kerja = CASE WHEN $4 = '' THEN alasan_hasil_kerja ELSE left($4, 2000) END,
			       version = version + 1, updated_at = now(), updated_by = $5
			WHERE id = $1`, penilaianID, string(u.HasilKerja), string(u.Perilaku), alasanHK, actorID(actor)); err != nil {
			return err
		}
		var hs, hl, hb []string
		for _, c := range []struct{ s, lama, baru string }{{"hasil_kerja", hk, string(u.HasilKerja)}, {"perilaku", pk, string(u.Perilaku)}} {
			if c.lama != c.baru {
				hs, hl, hb = append(hs, c.s), append(hl, c.lama), append(hb, c.baru)
			}
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO penilaian_riwayat (periode_id, penilaian_id, oleh, oleh_label, sasaran, lama, baru, alasan, kalibrasi)
			SELECT $1, $2, $3, $4, s, l, b, $8, true FROM unnest($5::text[], $6::text[], $7::text[]) AS t(s, l, b)`,
			p.id, penilaianID, actorID(actor), actor.Label, hs, hl, hb, u.Alasan); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "kalibrasi.ubah", Entity: "penilaian", EntityID: itoa(penilaianID),
			Before: map[string]any{"hasil_kerja": hk, "perilaku": pk},
			After:  map[string]any{"hasil_kerja": u.HasilKerja, "perilaku": u.Perilaku, "alasan": u.Alasan, "opd_id": opdID, "pegawai_id": pegawaiID}, IP: actor.IP})
	}))
}

// TetapkanOPD publishes the OPD's proposals at a check-in at once: every participant
// with an approved SKP must have a proposed rating (penilaian.CheckLengkapOPD); a
// distribution of the OPD that breaches a bound needs a justification
// (penilaian.CheckJustifikasi). The distribution, the breaches and the justification
// are recorded in a penetapan of the OPD; the ratings are locked and published, and
// the keberatan window starts. It returns the number published.
func (p *PeriodStore) TetapkanOPD(ctx context.Context, actor Actor, opdID int64, checkin int, justifikasi string) (int, error) {
	var n int
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		fase, err := p.kalibrasiMode(ctx, tx)
		if err != nil {
			return err
		}
		if err := periode.Check(fase, periode.Publish, checkin); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT 1 FROM penilaian pn JOIN penilai_unit($1, $3) u ON u.pegawai_id = pn.pegawai_id
			WHERE pn.periode_id = $1 AND u.opd_id = $2 AND pn.checkin = $3 FOR UPDATE OF pn`, p.id, opdID, checkin); err != nil {
			return err
		}
		rows, err := p.kalibrasiRows(ctx, tx, opdID, checkin)
		if err != nil {
			return err
		}
		var missing, ids []string
		var pending []int64
		for _, r := range rows {
			switch {
			case r.SKPDisetujui && !r.Diusulkan && !r.Ditetapkan:
				missing = append(missing, r.Nama)
			case r.Diusulkan && !r.Ditetapkan:
				pending = append(pending, int64(r.PenilaianID))
				ids = append(ids, itoa(int64(r.PenilaianID)))
			}
		}
		if err := penilaian.CheckLengkapOPD(missing, len(pending)); err != nil {
			return err
		}
		d, err := p.kurva(ctx, tx, "u.opd_id = $2", "$2", opdID, checkin)
		if err != nil {
			return err
		}
		breaches, justifikasi, err := penilaian.CheckJustifikasi(d, justifikasi)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT set_config('kinerja.kalibrasi', 'on', true)`); err != nil {
			return err
		}
		// The OPD's kepala answers for its publication; without one, whoever publishes.
		var kepala *int64
		if err := tx.QueryRow(ctx, `
			SELECT coalesce(
			    (SELECT g.id FROM pegawai g JOIN jabatan j ON j.id = g.jabatan_id JOIN unit_kerja u ON u.id = j.unit_kerja_id
			     WHERE u.opd_id = $1 AND u.parent_id IS NULL AND j.kepala_unit AND g.aktif ORDER BY g.id LIMIT 1),
			    (SELECT pegawai_id FROM akun WHERE id = $2))`, opdID, actor.AkunID).Scan(&kepala); err != nil {
			return err
		}
		if kepala == nil {
			return apperr.New(apperr.Conflict, "Perangkat daerah ini tidak memiliki kepala; Admin BKD menetapkan kalibrasinya.")
		}
		penetapanID, counts, err := p.publish(ctx, tx, actor, penetapan{penilaiID: *kepala, opdID: opdID, checkin: checkin, d: d, breaches: breaches, justifikasi: justifikasi},
			pending, "diusulkan")
		if err != nil {
			return err
		}
		n = len(pending)
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "kalibrasi.tetapkan", Entity: "penetapan", EntityID: itoa(penetapanID),
			After: map[string]any{"opd_id": opdID, "checkin": checkin, "jumlah": n, "distribusi": counts, "predikat_organisasi": d.OrgPredikat,
				"pelanggaran": breaches, "justifikasi": justifikasi}, IP: actor.IP})
	})
	return n, wrap("tetapkan opd", err)
}

// KalibrasiMenunggu lists, by OPD, how many proposals wait for the OPD's kalibrasi at
// a check-in.
func (p *PeriodStore) KalibrasiMenunggu(ctx context.Context, checkin int) (map[int64]int, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT u.opd_id, count(*)::int FROM penilai_unit($1, $2) u
		JOIN penilaian pn ON pn.periode_id = $1 AND pn.pegawai_id = u.pegawai_id AND pn.checkin = $2
		WHERE pn.diusulkan_at IS NOT NULL AND pn.ditetapkan_at IS NULL
		GROUP BY 1`, p.id, checkin)
	if err != nil {
		return nil, wrap("kalibrasi menunggu", err)
	}
	out := map[int64]int{}
	var id int64
	var n int
	_, err = pgx.ForEachRow(rows, []any{&id, &n}, func() error { out[id] = n; return nil })
	return out, wrap("kalibrasi menunggu", err)
}
