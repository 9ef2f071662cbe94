package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/notif"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
)

// RealisasiOf returns the recorded realisasi of an SKP at a check-in, by indicator.
func (p *PeriodStore) RealisasiOf(ctx context.Context, skpID int64, checkin int) (map[int64]skp.Realisasi, error) {
	out := map[int64]skp.Realisasi{}
	err := p.scanRealisasi(ctx, `WHERE periode_id = $1 AND skp_id = $2 AND checkin = $3`, func(r skp.Realisasi) { out[r.IKIID] = r }, p.id, skpID, checkin)
	return out, err
}

// RealisasiTahun returns the realisasi of every check-in of an SKP, by indicator and
// then check-in.
func (p *PeriodStore) RealisasiTahun(ctx context.Context, skpID int64) (map[int64]map[int]skp.Realisasi, error) {
	out := map[int64]map[int]skp.Realisasi{}
	err := p.scanRealisasi(ctx, `WHERE periode_id = $1 AND skp_id = $2`, func(r skp.Realisasi) {
		if out[r.IKIID] == nil {
			out[r.IKIID] = map[int]skp.Realisasi{}
		}
		out[r.IKIID][r.Checkin] = r
	}, p.id, skpID)
	return out, err
}

func (p *PeriodStore) scanRealisasi(ctx context.Context, where string, each func(skp.Realisasi), args ...any) error {
	rows, err := p.s.pool.Query(ctx, `SELECT iki_id, checkin, nilai::float8, teks, version FROM realisasi `+where, args...)
	if err != nil {
		return wrap("realisasi", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r skp.Realisasi
		if err := rows.Scan(&r.IKIID, &r.Checkin, &r.Nilai, &r.Teks, &r.Version); err != nil {
			return wrap("realisasi", err)
		}
		each(r)
	}
	return wrap("realisasi", rows.Err())
}

// skpState reads an SKP's status, its period's phase, whether it is the latest version
// of its penugasan, and that penugasan.
func (p *PeriodStore) skpState(ctx context.Context, db DBTX, skpID int64) (status, fase string, latest bool, g periode.Penugasan, err error) {
	err = db.QueryRow(ctx, `
		SELECT s.status, pr.fase,
		       s.versi = (SELECT max(versi) FROM skp x WHERE x.periode_id = s.periode_id AND x.pegawai_id = s.pegawai_id AND x.penugasan_ke = s.penugasan_ke),
		       s.penugasan_ke, coalesce(h.checkin_dari, ps.checkin_dari), coalesce(h.checkin_sampai, 0), h.ke IS NOT NULL,
		       coalesce(h.mulai, ps.mulai, pr.mulai), coalesce(h.selesai, pr.selesai)
		FROM skp s JOIN periode pr ON pr.id = s.periode_id
		JOIN periode_peserta ps ON ps.periode_id = s.periode_id AND ps.pegawai_id = s.pegawai_id
		LEFT JOIN periode_penugasan h ON h.periode_id = s.periode_id AND h.pegawai_id = s.pegawai_id AND h.ke = s.penugasan_ke
		WHERE s.id = $1 AND s.periode_id = $2`, skpID, p.id).Scan(&status, &fase, &latest, &g.Ke, &g.CheckinDari, &g.CheckinSampai, &g.Berakhir, &g.Mulai, &g.Selesai)
	return status, fase, latest, g, translate(err, "SKP")
}

// inForce checks that activity a may be recorded on the SKP at checkin: the period's
// phase opens it (periode.Check), the SKP is the plan in force of its penugasan
// (skp.CheckInForce), and that penugasan is reported on at checkin
// (skp.CheckPenugasan).
func (p *PeriodStore) inForce(ctx context.Context, db DBTX, skpID int64, a periode.Activity, checkin int) error {
	status, fase, latest, g, err := p.skpState(ctx, db, skpID)
	if err != nil {
		return err
	}
	if err := periode.Check(periode.Fase(fase), a, checkin); err != nil {
		return err
	}
	if err := skp.CheckInForce(skp.Status(status), latest, a); err != nil {
		return err
	}
	return skp.CheckPenugasan(g, a, checkin)
}

// SaveRealisasi records realisasi for several indicators of an SKP at a check-in in one
// transaction, set-based. Each entry carries the version it was read with; a mismatch
// (someone saved meanwhile) returns ErrStale and saves nothing. Saves on one SKP are
// serialised by a lock on its row, so the version check holds for new rows too.
func (p *PeriodStore) SaveRealisasi(ctx context.Context, actor Actor, skpID int64, checkin int, entries []skp.Realisasi) error {
	return wrap("save realisasi", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if err := p.inForce(ctx, tx, skpID, periode.RecordRealisasi, checkin); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT 1 FROM skp WHERE id = $1 FOR NO KEY UPDATE`, skpID); err != nil {
			return err
		}
		n := len(entries)
		iki, nilai, teks, version := make([]int64, n), make([]*float64, n), make([]string, n), make([]int32, n)
		for i, e := range entries {
			iki[i], nilai[i], teks[i], version[i] = e.IKIID, e.Nilai, e.Teks, int32(e.Version)
		}
		var unknown, stale int
		var before []map[string]any
		if err := tx.QueryRow(ctx, `
			SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM skp_iki k JOIN skp_rhk r ON r.id = k.rhk_id WHERE k.id = i.iki AND r.skp_id = $1)),
			       count(*) FILTER (WHERE coalesce(c.version, 0) <> i.version),
			       coalesce(jsonb_agg(jsonb_build_object('iki_id', c.iki_id, 'nilai', c.nilai, 'teks', c.teks)) FILTER (WHERE c.id IS NOT NULL), '[]')
			FROM unnest($3::bigint[], $4::int[]) AS i(iki, version)
			LEFT JOIN realisasi c ON c.iki_id = i.iki AND c.checkin = $2 AND c.skp_id = $1`, skpID, checkin, iki, version).Scan(&unknown, &stale, &before); err != nil {
			return err
		}
		if unknown > 0 {
			return apperr.New(apperr.NotFound, "Indikator tidak ditemukan pada SKP ini.")
		}
		if stale > 0 {
			return ErrStale
		}
		var by any
		if actor.AkunID != 0 {
			by = actor.AkunID
		}
		rows, err := tx.Query(ctx, `
			INSERT INTO realisasi AS d (periode_id, skp_id, iki_id, checkin, nilai, teks, updated_by)
			SELECT $1, $2, iki, $3, nilai, teks, $8
			FROM unnest($4::bigint[], $5::float8[], $6::text[], $7::int[]) AS t(iki, nilai, teks, version)
			WHERE version > 0 OR nilai IS NOT NULL OR teks <> ''
			ON CONFLICT (iki_id, checkin) DO UPDATE
			SET nilai = EXCLUDED.nilai, teks = EXCLUDED.teks, version = d.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by
			WHERE (d.nilai, d.teks) IS DISTINCT FROM (EXCLUDED.nilai, EXCLUDED.teks)
			RETURNING iki_id, nilai::float8, teks`, p.id, skpID, checkin, iki, nilai, teks, version, by)
		if err != nil {
			return err
		}
		changed, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (map[string]any, error) {
			var id int64
			var v *float64
			var t string
			err := row.Scan(&id, &v, &t)
			return map[string]any{"iki_id": id, "nilai": v, "teks": t}, err
		})
		if err != nil || len(changed) == 0 {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "realisasi.simpan", Entity: "skp", EntityID: itoa(skpID),
			Before: map[string]any{"checkin": checkin, "indikator": before}, After: map[string]any{"checkin": checkin, "indikator": changed}, IP: actor.IP})
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

// AddBukti attaches a link or a checked file to an indicator of the SKP in force.
func (p *PeriodStore) AddBukti(ctx context.Context, actor Actor, skpID int64, b Bukti) (int64, error) {
	var id int64
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		if err := p.inForce(ctx, tx, skpID, periode.RecordRealisasi, b.Checkin); err != nil {
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

// RemoveBukti removes a bukti dukung of the SKP in force while the rating of its
// check-in is not published (skp.CheckHapusBukti); the audit keeps what it was.
func (p *PeriodStore) RemoveBukti(ctx context.Context, actor Actor, skpID, buktiID int64, label func(checkin int) string) error {
	return wrap("remove bukti", p.s.inTx(ctx, func(tx pgx.Tx) error {
		var b Bukti
		var ditetapkan bool
		err := tx.QueryRow(ctx, `
			SELECT b.iki_id, b.checkin, b.jenis, b.judul, b.url, b.nama_berkas, b.sha256,
			       EXISTS (SELECT 1 FROM penilaian n JOIN skp s ON s.id = b.skp_id
			               WHERE n.periode_id = b.periode_id AND n.pegawai_id = s.pegawai_id AND n.checkin = b.checkin AND n.ditetapkan_at IS NOT NULL)
			FROM bukti_dukung b WHERE b.periode_id = $1 AND b.skp_id = $2 AND b.id = $3 FOR UPDATE OF b`, p.id, skpID, buktiID).
			Scan(&b.IKIID, &b.Checkin, &b.Jenis, &b.Judul, &b.URL, &b.NamaBerkas, &b.SHA256, &ditetapkan)
		if err != nil {
			return translate(err, "Bukti dukung")
		}
		if err := p.inForce(ctx, tx, skpID, periode.RecordRealisasi, b.Checkin); err != nil {
			return err
		}
		if err := skp.CheckHapusBukti(ditetapkan, label(b.Checkin)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM bukti_dukung WHERE id = $1`, buktiID); err != nil {
			return errClosed(err)
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "bukti.hapus", Entity: "skp", EntityID: itoa(skpID),
			Before: map[string]any{"bukti_id": buktiID, "iki_id": b.IKIID, "checkin": b.Checkin, "jenis": b.Jenis, "judul": b.Judul, "url": b.URL,
				"nama_berkas": b.NamaBerkas, "sha256": b.SHA256}, IP: actor.IP})
	}))
}

// ListBukti returns the evidence of an SKP at a check-in, without file contents.
func (p *PeriodStore) ListBukti(ctx context.Context, skpID int64, checkin int) ([]Bukti, error) {
	return p.listBukti(ctx, `AND checkin = $3`, skpID, checkin)
}

// ListBuktiTahun lists the SKP's evidence of every check-in, oldest first.
func (p *PeriodStore) ListBuktiTahun(ctx context.Context, skpID int64) ([]Bukti, error) {
	return p.listBukti(ctx, ``, skpID)
}

func (p *PeriodStore) listBukti(ctx context.Context, where string, skpID int64, args ...any) ([]Bukti, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT id, iki_id, checkin, jenis, judul, url, nama_berkas, content_type, ukuran, sha256, created_at
		FROM bukti_dukung WHERE periode_id = $1 AND skp_id = $2 `+where+` ORDER BY checkin, created_at, id`, append([]any{p.id, skpID}, args...)...)
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

// UmpanBalik is one message of a feedback thread.
type UmpanBalik struct {
	ID       int64
	Checkin  int
	RHKKunci int64 // 0: not about an RHK
	Nilai    int   // 1..7: about a BerAKHLAK value; 0: not
	Oleh     string
	Peran    string // penilai, pegawai
	Teks     string
	At       time.Time
}

// AddUmpanBalik adds the penilai's feedback or the pegawai's reply on an RHK (by key)
// or a BerAKHLAK value at a check-in of the SKP in force.
func (p *PeriodStore) AddUmpanBalik(ctx context.Context, actor Actor, skpID int64, u UmpanBalik) error {
	return p.AddUmpanBalikSemua(ctx, actor, skpID, []UmpanBalik{u})
}

// AddUmpanBalikSemua adds several messages of umpan balik (one form for every RHK and
// value of a check-in) in one transaction: all or none.
func (p *PeriodStore) AddUmpanBalikSemua(ctx context.Context, actor Actor, skpID int64, list []UmpanBalik) error {
	return wrap("add umpan balik", p.s.inTx(ctx, func(tx pgx.Tx) error {
		var first int64
		for i, u := range list {
			id, err := p.addUmpanBalik(ctx, tx, actor, skpID, u)
			if err != nil {
				return err
			}
			if i == 0 {
				first = id
			}
		}
		if len(list) == 0 {
			return nil
		}
		// The other side of the thread is told, once for the whole form.
		var owner, penilai int64
		if err := tx.QueryRow(ctx, `SELECT pegawai_id, coalesce(penilai_id, 0) FROM skp WHERE id = $1`, skpID).Scan(&owner, &penilai); err != nil {
			return err
		}
		_, oleh, err := actorName(ctx, tx, actor)
		if err != nil {
			return err
		}
		u := list[0]
		to, reply := owner, u.Peran == "pegawai"
		if reply {
			to = penilai
		}
		_, err = p.s.notify(ctx, tx, actor, notif.UmpanBalikKe(to, skpID, first, u.Checkin, len(list), oleh, reply, u.Teks))
		return err
	}))
}

func (p *PeriodStore) addUmpanBalik(ctx context.Context, tx pgx.Tx, actor Actor, skpID int64, u UmpanBalik) (int64, error) {
	if err := p.inForce(ctx, tx, skpID, periode.GiveUmpanBalik, u.Checkin); err != nil {
		return 0, err
	}
	if u.RHKKunci != 0 {
		var ok bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM skp_rhk WHERE skp_id = $1 AND kunci = $2)`, skpID, u.RHKKunci).Scan(&ok); err != nil {
			return 0, err
		}
		if !ok {
			return 0, apperr.New(apperr.NotFound, "RHK tidak ditemukan pada SKP ini.")
		}
	}
	by, oleh, err := actorName(ctx, tx, actor)
	if err != nil {
		return 0, err
	}
	var id int64
	if err := tx.QueryRow(ctx, `INSERT INTO umpan_balik (periode_id, skp_id, checkin, rhk_kunci, nilai, akun_id, oleh, peran, teks)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		p.id, skpID, u.Checkin, nullID(u.RHKKunci), nullID(int64(u.Nilai)), by, oleh, u.Peran, u.Teks).Scan(&id); err != nil {
		return 0, err
	}
	return id, audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "umpan_balik.tambah", Entity: "skp", EntityID: itoa(skpID),
		After: map[string]any{"id": id, "checkin": u.Checkin, "rhk_kunci": u.RHKKunci, "nilai": u.Nilai, "peran": u.Peran, "teks": u.Teks}, IP: actor.IP})
}

// ListUmpanBalik returns an SKP's feedback, oldest first; checkin 0 means all.
func (p *PeriodStore) ListUmpanBalik(ctx context.Context, skpID int64, checkin int) ([]UmpanBalik, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT id, checkin, coalesce(rhk_kunci, 0), coalesce(nilai, 0), oleh, peran, teks, at FROM umpan_balik
		WHERE periode_id = $1 AND skp_id = $2 AND ($3 = 0 OR checkin = $3) ORDER BY at, id`, p.id, skpID, checkin)
	if err != nil {
		return nil, wrap("list umpan balik", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[UmpanBalik])
	return out, wrap("list umpan balik", err)
}

// TimelineItem is one event in an SKP's year: realisasi saved, evidence added, feedback.
type TimelineItem struct {
	At      time.Time
	Checkin int
	Jenis   string // realisasi, bukti, umpan_balik
	Oleh    string // name with gelar
	Teks    string
	// A realisasi's indicator, figure and unit; the web formats them as every other
	// page does.
	Indikator string
	Nilai     *float64
	Satuan    string
}

// Timeline lists what happened on an SKP through the year, newest first.
func (p *PeriodStore) Timeline(ctx context.Context, skpID int64) ([]TimelineItem, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT r.updated_at, r.checkin, 'realisasi', coalesce(nama_lengkap(pg.gelar_depan, pg.nama, pg.gelar_belakang), ''),
		       r.teks, i.indikator, r.nilai::float8, i.satuan
		FROM realisasi r JOIN skp_iki i ON i.id = r.iki_id
		LEFT JOIN akun a ON a.id = r.updated_by LEFT JOIN pegawai pg ON pg.id = a.pegawai_id
		WHERE r.periode_id = $1 AND r.skp_id = $2
		UNION ALL
		SELECT b.created_at, b.checkin, 'bukti', coalesce(nama_lengkap(pg.gelar_depan, pg.nama, pg.gelar_belakang), ''),
		       b.judul || CASE WHEN b.jenis = 'berkas' THEN ' (' || b.nama_berkas || ')' ELSE ' (' || b.url || ')' END, '', NULL, ''
		FROM bukti_dukung b LEFT JOIN akun a ON a.id = b.created_by LEFT JOIN pegawai pg ON pg.id = a.pegawai_id
		WHERE b.periode_id = $1 AND b.skp_id = $2
		UNION ALL
		SELECT u.at, u.checkin, 'umpan_balik', u.oleh, u.teks, '', NULL, '' FROM umpan_balik u WHERE u.periode_id = $1 AND u.skp_id = $2
		ORDER BY 1 DESC LIMIT 500`, p.id, skpID)
	if err != nil {
		return nil, wrap("timeline", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[TimelineItem])
	return out, wrap("timeline", err)
}
