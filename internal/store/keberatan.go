package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/notif"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
)

// KeberatanOf returns the keberatan against a rating with its comments, or NotFound.
func (p *PeriodStore) KeberatanOf(ctx context.Context, penilaianID int64) (penilaian.Keberatan, error) {
	var k penilaian.Keberatan
	var checkin int16
	err := p.s.pool.QueryRow(ctx, `
		SELECT k.id, k.penilaian_id, k.pegawai_id, coalesce(k.pemutus_id, 0), pn.checkin, k.alasan, k.status, k.keputusan, k.atas_nama, k.diajukan_at, k.diputuskan_at, k.version
		FROM keberatan k JOIN penilaian pn ON pn.id = k.penilaian_id
		WHERE k.periode_id = $1 AND k.penilaian_id = $2`, p.id, penilaianID).Scan(
		&k.ID, &k.PenilaianID, &k.PegawaiID, &k.PemutusID, &checkin, &k.Alasan, &k.Status, &k.Keputusan, &k.AtasNama, &k.DiajukanAt, &k.DiputuskanAt, &k.Version)
	if err != nil {
		return k, wrap("keberatan", translate(err, "Keberatan"))
	}
	k.Checkin = int(checkin)
	rows, err := p.s.pool.Query(ctx, `SELECT oleh_nama, peran, teks, at FROM keberatan_komentar WHERE keberatan_id = $1 ORDER BY at, id`, k.ID)
	if err != nil {
		return k, wrap("keberatan komentar", err)
	}
	k.Komentar, err = pgx.CollectRows(rows, pgx.RowToStructByPos[penilaian.KomentarKeberatan])
	return k, wrap("keberatan komentar", err)
}

// AjukanKeberatan files a keberatan against the pegawai's published rating at a
// check-in, to the atasan penilai (pemutusID; 0 when the penilai has none in the
// period, and the Admin BKD records the decision). It is refused before publication,
// after the period's window (the message names the day it closed) and twice for one
// rating.
func (p *PeriodStore) AjukanKeberatan(ctx context.Context, actor Actor, pegawaiID, pemutusID int64, checkin int, alasan string, now time.Time, loc *time.Location) (int64, error) {
	var id int64
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		var fase string
		var hari int
		if err := tx.QueryRow(ctx, `SELECT fase, keberatan_hari FROM periode WHERE id = $1`, p.id).Scan(&fase, &hari); err != nil {
			return err
		}
		if err := periode.Check(periode.Fase(fase), periode.Keberatan, checkin); err != nil {
			return err
		}
		x, err := p.penilaianOf(ctx, tx, pegawaiID, checkin, true)
		if err != nil {
			return err
		}
		alasan, err = penilaian.CheckFiling(x.DitetapkanAt, hari, now, loc, alasan)
		if err != nil {
			return err
		}
		err = tx.QueryRow(ctx, `
			INSERT INTO keberatan (periode_id, penilaian_id, pegawai_id, pemutus_id, alasan) VALUES ($1, $2, $3, nullif($4, 0::bigint), $5)
			ON CONFLICT (penilaian_id) DO NOTHING RETURNING id`, p.id, x.ID, pegawaiID, pemutusID, alasan).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			return apperr.New(apperr.Conflict, "Keberatan atas penilaian ini sudah diajukan.")
		}
		if err != nil {
			return err
		}
		if err := p.tellKeberatan(ctx, tx, actor, id, func(x keberatanParties) []notif.Pesan {
			return []notif.Pesan{notif.KeberatanDiajukanKe(x.pemutus, id, x.skp, x.checkin, x.nama, alasan),
				notif.KeberatanDiajukanKe(x.penilai, id, x.skp, x.checkin, x.nama, alasan)}
		}); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "keberatan.ajukan", Entity: "keberatan", EntityID: itoa(id),
			After: map[string]any{"penilaian_id": x.ID, "checkin": checkin, "alasan": alasan, "pemutus_id": pemutusID}, IP: actor.IP})
	})
	return id, wrap("ajukan keberatan", err)
}

// KomentariKeberatan adds an explanation to an open keberatan; peran is one of
// penilaian's Peran*, as penilaian.Pihak.Peran says.
func (p *PeriodStore) KomentariKeberatan(ctx context.Context, actor Actor, keberatanID int64, nama, peran, teks string) error {
	teks, err := penilaian.CheckKomentar(teks)
	if err != nil {
		return err
	}
	return wrap("komentar keberatan", p.s.inTx(ctx, func(tx pgx.Tx) error {
		var k penilaian.Keberatan
		var fase string
		if err := tx.QueryRow(ctx, `SELECT k.status, pr.fase FROM keberatan k JOIN periode pr ON pr.id = k.periode_id WHERE k.id = $1 AND k.periode_id = $2 FOR SHARE OF k`,
			keberatanID, p.id).Scan(&k.Status, &fase); err != nil {
			return translate(err, "Keberatan")
		}
		if err := periode.Check(periode.Fase(fase), periode.Keberatan, periode.Year); err != nil {
			return err
		}
		if err := k.CheckCommentable(); err != nil {
			return err
		}
		var komentarID int64
		if err := tx.QueryRow(ctx, `INSERT INTO keberatan_komentar (periode_id, keberatan_id, oleh, oleh_nama, peran, teks) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			p.id, keberatanID, actorID(actor), nama, peran, teks).Scan(&komentarID); err != nil {
			return err
		}
		if err := p.tellKeberatan(ctx, tx, actor, keberatanID, func(x keberatanParties) []notif.Pesan {
			var out []notif.Pesan
			for _, to := range []int64{x.pegawai, x.penilai, x.pemutus} {
				out = append(out, notif.KeberatanDikomentariKe(to, keberatanID, komentarID, x.skp, x.checkin, nama, teks))
			}
			return out
		}); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "keberatan.komentar", Entity: "keberatan", EntityID: itoa(keberatanID),
			After: map[string]any{"peran": peran, "teks": teks}, IP: actor.IP})
	}))
}

// PutuskanKeberatan decides an open keberatan, once. Changing the ratings recomputes
// the predikat (the column follows the matrix), writes the history with the decision
// as the reason and is the only change a published rating accepts. A version other
// than the one read returns ErrStale. A keberatan without a pemutus needs AtasNama.
func (p *PeriodStore) PutuskanKeberatan(ctx context.Context, actor Actor, keberatanID int64, d penilaian.Putusan) error {
	return wrap("putuskan keberatan", p.s.inTx(ctx, func(tx pgx.Tx) error {
		var k penilaian.Keberatan
		var fase string
		if err := tx.QueryRow(ctx, `SELECT k.status, k.version, k.penilaian_id, coalesce(k.pemutus_id, 0), pr.fase
			FROM keberatan k JOIN periode pr ON pr.id = k.periode_id WHERE k.id = $1 AND k.periode_id = $2 FOR UPDATE OF k`, keberatanID, p.id).
			Scan(&k.Status, &k.Version, &k.PenilaianID, &k.PemutusID, &fase); err != nil {
			return translate(err, "Keberatan")
		}
		status, penilaianID := string(k.Status), k.PenilaianID
		var hk, pk, saran, predikat string
		if err := tx.QueryRow(ctx, `SELECT hasil_kerja, perilaku, coalesce(saran_hasil_kerja, ''), predikat FROM penilaian WHERE id = $1 FOR UPDATE`, penilaianID).
			Scan(&hk, &pk, &saran, &predikat); err != nil {
			return err
		}
		k.HasilKerja, k.Perilaku = penilaian.Rating(hk), penilaian.Rating(pk)
		d, err := penilaian.CheckPutusan(k, d)
		if err != nil {
			return err
		}
		if err := periode.Check(periode.Fase(fase), periode.Keberatan, periode.Year); err != nil {
			return err
		}
		if k.Version != d.Version {
			return ErrStale
		}
		after := map[string]any{"status": "ditolak", "keputusan": d.Keputusan, "atas_nama": d.AtasNama}
		newStatus := "ditolak"
		if d.Ubah {
			newStatus = "diubah"
			if _, err := tx.Exec(ctx, `SET LOCAL kinerja.keputusan_keberatan = 'on'`); err != nil {
				return err
			}
			alasan := ""
			if string(d.HasilKerja) != saran {
				alasan = penilaian.AlasanKeputusan(d.Keputusan)
			}
			var baru string
			if err := tx.QueryRow(ctx, `
				UPDATE penilaian SET hasil_kerja = $2, perilaku = $3, alasan_hasil_kerja = CASE WHEN $4 = '' THEN alasan_hasil_kerja ELSE $4 END,
				       version = version + 1, updated_at = now(), updated_by = $5
				WHERE id = $1 RETURNING predikat`, penilaianID, string(d.HasilKerja), string(d.Perilaku), alasan, actorID(actor)).Scan(&baru); err != nil {
				return err
			}
			var hs, hl, hb, ha []string
			for _, c := range [][3]string{{"hasil_kerja", hk, string(d.HasilKerja)}, {"perilaku", pk, string(d.Perilaku)}, {"predikat", predikat, baru}} {
				if c[1] != c[2] {
					hs, hl, hb, ha = append(hs, c[0]), append(hl, c[1]), append(hb, c[2]), append(ha, penilaian.AlasanKeputusan(d.Keputusan))
				}
			}
			if err := addRiwayatPenilaian(ctx, tx, p.id, penilaianID, actor, hs, hl, hb, ha); err != nil {
				return err
			}
			after = map[string]any{"status": "diubah", "keputusan": d.Keputusan, "atas_nama": d.AtasNama, "hasil_kerja": d.HasilKerja, "perilaku": d.Perilaku, "predikat": baru}
		}
		if _, err := tx.Exec(ctx, `UPDATE keberatan SET status = $2, keputusan = $3, atas_nama = $5, diputuskan_at = now(), diputuskan_by = $4, version = version + 1 WHERE id = $1`,
			keberatanID, newStatus, d.Keputusan, actorID(actor), d.AtasNama); err != nil {
			return err
		}
		hasil := "keberatan ditolak, hasil penilaian tetap"
		if d.Ubah {
			hasil = "hasil penilaian diubah"
		}
		if err := p.tellKeberatan(ctx, tx, actor, keberatanID, func(x keberatanParties) []notif.Pesan {
			return []notif.Pesan{notif.KeberatanDiputuskanKe(x.pegawai, keberatanID, x.skp, x.checkin, hasil),
				notif.KeberatanDiputuskanKe(x.penilai, keberatanID, x.skp, x.checkin, hasil)}
		}); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "keberatan.putuskan", Entity: "keberatan", EntityID: itoa(keberatanID),
			Before: map[string]any{"status": status, "hasil_kerja": hk, "perilaku": pk, "predikat": predikat}, After: after, IP: actor.IP})
	}))
}

// keberatanParties are the people of a keberatan: who filed it (with their name), the
// penilai who published the rating and the pemutus (0 when none), and where it is.
type keberatanParties struct {
	pegawai, penilai, pemutus, skp int64
	checkin                        int
	nama                           string
}

// tellKeberatan keeps the notices build makes for the parties of a keberatan.
func (p *PeriodStore) tellKeberatan(ctx context.Context, tx pgx.Tx, actor Actor, id int64, build func(keberatanParties) []notif.Pesan) error {
	var x keberatanParties
	if err := tx.QueryRow(ctx, `
		SELECT k.pegawai_id, coalesce(sk.penilai_id, 0), coalesce(k.pemutus_id, 0), pn.skp_id, pn.checkin::int, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang)
		FROM keberatan k JOIN penilaian pn ON pn.id = k.penilaian_id JOIN skp sk ON sk.id = pn.skp_id JOIN pegawai g ON g.id = k.pegawai_id
		WHERE k.id = $1`, id).Scan(&x.pegawai, &x.penilai, &x.pemutus, &x.skp, &x.checkin, &x.nama); err != nil {
		return err
	}
	_, err := p.s.notify(ctx, tx, actor, build(x)...)
	return err
}

// KeberatanRow is a keberatan on a list.
type KeberatanRow struct {
	ID, SKPID   int64
	Checkin     int
	NIP, Nama   string
	Status      string
	DiajukanAt  time.Time
	Predikat    string
	PenilaianID int64
	AtasPenilai bool // against a rating that pegawaiID published
}

// DaftarKeberatan lists keberatan of this period to decide (pemutusID; with tanpaPemutus
// also those without one, for the Admin BKD), filed by a pegawai (pegawaiID) or
// against a rating that pegawai published as penilai, open ones first.
func (p *PeriodStore) DaftarKeberatan(ctx context.Context, pemutusID, pegawaiID int64, tanpaPemutus bool) ([]KeberatanRow, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT k.id, pn.skp_id, pn.checkin::int, g.nip, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang), k.status, k.diajukan_at, coalesce(pn.predikat, ''), pn.id,
		       sk.penilai_id = $3
		FROM keberatan k JOIN penilaian pn ON pn.id = k.penilaian_id JOIN pegawai g ON g.id = k.pegawai_id
		JOIN skp sk ON sk.id = pn.skp_id
		WHERE k.periode_id = $1 AND (k.pemutus_id = $2 OR k.pegawai_id = $3 OR sk.penilai_id = $3 OR ($4 AND k.pemutus_id IS NULL))
		ORDER BY k.status <> 'diajukan', k.diajukan_at DESC, k.id DESC`, p.id, pemutusID, pegawaiID, tanpaPemutus)
	if err != nil {
		return nil, wrap("daftar keberatan", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[KeberatanRow])
	return list, wrap("daftar keberatan", err)
}

// KeberatanTerbuka counts the open keberatan the atasan penilai has to decide, and
// with tanpaPemutus those without a pemutus, whose decision the Admin BKD records.
func (p *PeriodStore) KeberatanTerbuka(ctx context.Context, pemutusID int64, tanpaPemutus bool) (int, error) {
	var n int
	err := p.s.pool.QueryRow(ctx, `SELECT count(*) FROM keberatan WHERE periode_id = $1 AND (pemutus_id = $2 OR ($3 AND pemutus_id IS NULL)) AND status = 'diajukan'`,
		p.id, pemutusID, tanpaPemutus).Scan(&n)
	return n, wrap("keberatan terbuka", err)
}

// KabarKeberatan is what happened on a keberatan since one of its parties last
// opened it.
type KabarKeberatan struct {
	ID         int64
	PeriodeID  int64
	SKPID      int64
	Checkin    int
	Nama       string // the pegawai who filed it, with gelar
	Status     string
	Peran      string // the reader's part: pegawai, penilai or pemutus
	Baru       bool   // filed since
	Diputuskan bool   // decided since
	Komentar   int    // comments by others since
}

// KabarKeberatan lists, over all periods, the keberatan in which the pegawai is a
// party (filed it, published the rating, decides it) with something new for their
// akun since they last opened it (TandaiKeberatanDibaca), newest first.
func (s *Store) KabarKeberatan(ctx context.Context, pegawaiID, akunID int64) ([]KabarKeberatan, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT * FROM (
		    SELECT k.id, k.periode_id, pn.skp_id, pn.checkin::int, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang), k.status,
		           CASE WHEN k.pegawai_id = $1 THEN 'pegawai' WHEN sk.penilai_id = $1 THEN 'penilai' ELSE 'pemutus' END AS peran,
		           k.pegawai_id <> $1 AND k.diajukan_at > coalesce(d.dibaca_at, '-infinity') AS baru,
		           coalesce(k.diputuskan_at > coalesce(d.dibaca_at, '-infinity'), false) AS diputuskan,
		           (SELECT count(*)::int FROM keberatan_komentar c
		            WHERE c.keberatan_id = k.id AND c.oleh IS DISTINCT FROM $2 AND c.at > coalesce(d.dibaca_at, '-infinity')) AS komentar
		    FROM keberatan k
		    JOIN penilaian pn ON pn.id = k.penilaian_id
		    JOIN skp sk ON sk.id = pn.skp_id
		    JOIN pegawai g ON g.id = k.pegawai_id
		    LEFT JOIN keberatan_dibaca d ON d.keberatan_id = k.id AND d.akun_id = $2
		    WHERE k.pegawai_id = $1 OR k.pemutus_id = $1 OR sk.penilai_id = $1
		) x
		WHERE baru OR diputuskan OR komentar > 0
		ORDER BY id DESC LIMIT 50`, pegawaiID, akunID)
	if err != nil {
		return nil, wrap("kabar keberatan", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[KabarKeberatan])
	return out, wrap("kabar keberatan", err)
}

// TandaiKeberatanDibaca records that the akun has seen the keberatan as it is now.
func (s *Store) TandaiKeberatanDibaca(ctx context.Context, keberatanID, akunID int64) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO keberatan_dibaca (keberatan_id, akun_id) VALUES ($1, $2)
		ON CONFLICT (keberatan_id, akun_id) DO UPDATE SET dibaca_at = now()`, keberatanID, akunID)
	return wrap("keberatan dibaca", err)
}
