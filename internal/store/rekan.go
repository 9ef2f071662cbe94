package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/notif"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
)

// namaLengkapSQL is the SQL for pegawai g's name with gelar.
const namaLengkapSQL = `nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang)`

// Peninjau is one reviewer nominated for a pegawai's peer feedback, with status but
// never with the answers.
type Peninjau struct {
	ID         int64
	PegawaiID  int64 // the one reviewed
	ReviewerID int64
	Nama       string
	NIP        string
	Jabatan    string
	Hubungan   string // rekan, bawahan
	Status     string // diusulkan, diminta, ditolak, selesai
	Alasan     string
}

const peninjauSelect = `SELECT r.id, r.pegawai_id, r.reviewer_id, ` + namaLengkapSQL + `, g.nip, coalesce(ps.jabatan, ''), r.hubungan, r.status, r.alasan
	FROM rekan_peninjau r JOIN pegawai g ON g.id = r.reviewer_id
	LEFT JOIN periode_peserta ps ON ps.periode_id = r.periode_id AND ps.pegawai_id = r.reviewer_id`

// PeninjauOf lists the reviewers nominated for a pegawai, by name.
func (p *PeriodStore) PeninjauOf(ctx context.Context, pegawaiID int64) ([]Peninjau, error) {
	rows, err := p.s.pool.Query(ctx, peninjauSelect+` WHERE r.periode_id = $1 AND r.pegawai_id = $2 ORDER BY g.nama, g.nip`, p.id, pegawaiID)
	if err != nil {
		return nil, wrap("peninjau", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Peninjau])
	return out, wrap("peninjau", err)
}

// Permintaan returns one nomination by id.
// PermintaanPeriod returns which period a peer-feedback request belongs to;
// apperr.NotFound when unknown.
func (s *Store) PermintaanPeriod(ctx context.Context, id int64) (int64, error) {
	var pid int64
	err := s.pool.QueryRow(ctx, `SELECT periode_id FROM rekan_peninjau WHERE id = $1`, id).Scan(&pid)
	return pid, wrap("permintaan period", translate(err, "Permintaan umpan balik"))
}

func (p *PeriodStore) Permintaan(ctx context.Context, id int64) (Peninjau, error) {
	rows, err := p.s.pool.Query(ctx, peninjauSelect+` WHERE r.periode_id = $1 AND r.id = $2`, p.id, id)
	if err != nil {
		return Peninjau{}, wrap("permintaan", err)
	}
	out, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[Peninjau])
	return out, translate(err, "Permintaan umpan balik")
}

// Calon is who may be nominated to review a pegawai.
type Calon struct {
	List   []Peninjau // not yet nominated
	Dasar  int        // rekan and direct subordinates, nominated or not
	Ambang int        // the period's anonymity threshold
	Luas   bool       // the wider pool is included (penilaian.PoolLuas)
}

// CalonPeninjau lists who may review a pegawai, not yet nominated: the participants
// with the same penilai (rekan) and the pegawai's direct subordinates (bawahan); and,
// when those are fewer than the anonymity threshold (penilaian.PoolLuas), the
// participants of the same jenis jabatan in the OPD (setingkat) and the pegawai's
// atasan.
func (p *PeriodStore) CalonPeninjau(ctx context.Context, pegawaiID int64) (Calon, error) {
	var c Calon
	if err := p.s.pool.QueryRow(ctx, `
		SELECT (SELECT count(*) FROM periode_peserta me JOIN periode_peserta x ON x.periode_id = me.periode_id AND x.aktif AND x.pegawai_id <> me.pegawai_id
		        AND (x.penilai_id = me.pegawai_id OR (me.penilai_id IS NOT NULL AND x.penilai_id = me.penilai_id))
		        WHERE me.periode_id = $1 AND me.pegawai_id = $2),
		       (SELECT ambang_anonim FROM periode WHERE id = $1)`, p.id, pegawaiID).Scan(&c.Dasar, &c.Ambang); err != nil {
		return c, wrap("calon peninjau", err)
	}
	c.Luas = penilaian.PoolLuas(c.Dasar, c.Ambang)
	rows, err := p.s.pool.Query(ctx, `
		WITH me AS (SELECT * FROM periode_peserta WHERE periode_id = $1 AND pegawai_id = $2),
		pool AS (
		    SELECT c.pegawai_id AS id, CASE WHEN c.penilai_id = $2 THEN 'bawahan' ELSE 'rekan' END AS hubungan, c.jabatan, 1 AS urut
		    FROM me JOIN periode_peserta c ON c.periode_id = me.periode_id AND c.aktif AND c.pegawai_id <> me.pegawai_id
		         AND (c.penilai_id = me.pegawai_id OR (me.penilai_id IS NOT NULL AND c.penilai_id = me.penilai_id))
		    UNION ALL
		    SELECT c.pegawai_id, 'setingkat', c.jabatan, 2
		    FROM me JOIN periode_peserta c ON c.periode_id = me.periode_id AND c.aktif AND c.pegawai_id <> me.pegawai_id
		         AND c.opd_id = me.opd_id AND c.jenis_jabatan = me.jenis_jabatan
		         AND c.penilai_id IS DISTINCT FROM me.pegawai_id AND c.penilai_id IS DISTINCT FROM me.penilai_id AND c.pegawai_id IS DISTINCT FROM me.penilai_id
		    WHERE $3
		    UNION ALL
		    SELECT a.pegawai_id, 'atasan', a.jabatan, 3
		    FROM me JOIN periode_peserta a ON a.periode_id = me.periode_id AND a.pegawai_id = me.penilai_id AND a.aktif
		    WHERE $3
		)
		SELECT 0::bigint, $2::bigint, g.id, `+namaLengkapSQL+`, g.nip, x.jabatan, x.hubungan, '', ''
		FROM pool x JOIN pegawai g ON g.id = x.id
		WHERE NOT EXISTS (SELECT 1 FROM rekan_peninjau r WHERE r.periode_id = $1 AND r.pegawai_id = $2 AND r.reviewer_id = x.id)
		ORDER BY x.urut, x.hubungan, g.nama, g.nip LIMIT 500`, p.id, pegawaiID, c.Luas)
	if err != nil {
		return c, wrap("calon peninjau", err)
	}
	c.List, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Peninjau])
	return c, wrap("calon peninjau", err)
}

// peerOpen checks the period takes peer feedback: pelaksanaan or penilaian.
func (p *PeriodStore) peerOpen(ctx context.Context, db DBTX) error {
	var fase string
	if err := db.QueryRow(ctx, `SELECT fase FROM periode WHERE id = $1`, p.id).Scan(&fase); err != nil {
		return translate(err, "Periode")
	}
	return periode.Check(periode.Fase(fase), periode.PeerReview, periode.Year)
}

func (p *PeriodStore) Nominasikan(ctx context.Context, actor Actor, pegawaiID, reviewerID int64, byPenilai bool) error {
	return wrap("nominasikan", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if err := p.peerOpen(ctx, tx); err != nil {
			return err
		}
		cands, err := p.CalonPeninjau(ctx, pegawaiID)
		if err != nil {
			return err
		}
		var c *Peninjau
		for i := range cands.List {
			if cands.List[i].ReviewerID == reviewerID {
				c = &cands.List[i]
			}
		}
		if c == nil {
			return apperr.Validation(map[string]string{"reviewer": "Pilih peninjau dari daftar calon yang belum dinominasikan."})
		}
		status := "diusulkan"
		if byPenilai {
			status = "diminta"
		}
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO rekan_peninjau (periode_id, pegawai_id, reviewer_id, hubungan, status) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			p.id, pegawaiID, reviewerID, c.Hubungan, status).Scan(&id); err != nil {
			return err
		}
		if status == "diminta" {
			if err := p.askReviewer(ctx, tx, actor, id, pegawaiID, reviewerID); err != nil {
				return err
			}
		} else if err := p.tellProposal(ctx, tx, actor, id, pegawaiID); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "rekan.nominasi", Entity: "pegawai", EntityID: itoa(pegawaiID),
			After: map[string]any{"id": id, "reviewer_id": reviewerID, "hubungan": c.Hubungan, "status": status}, IP: actor.IP})
	}))
}

// changeStatus moves a nomination from one of the from statuses to to (or deletes
// it when to is ""), checking who owns it; a nomination in another state is a conflict.
func (p *PeriodStore) changeStatus(ctx context.Context, actor Actor, id int64, owner string, ownerID int64, from []string, to, alasan, action string) error {
	return wrap(action, p.s.inTx(ctx, func(tx pgx.Tx) error {
		if err := p.peerOpen(ctx, tx); err != nil {
			return err
		}
		var status string
		var pegawaiID, reviewerID int64
		err := tx.QueryRow(ctx, `SELECT status, pegawai_id, reviewer_id FROM rekan_peninjau WHERE periode_id = $1 AND id = $2 FOR UPDATE`, p.id, id).
			Scan(&status, &pegawaiID, &reviewerID)
		if err != nil {
			return translate(err, "Permintaan umpan balik")
		}
		if (owner == "pegawai" && pegawaiID != ownerID) || (owner == "reviewer" && reviewerID != ownerID) {
			return apperr.New(apperr.NotFound, "Permintaan umpan balik tidak ditemukan.")
		}
		ok := false
		for _, f := range from {
			ok = ok || f == status
		}
		if !ok {
			return apperr.New(apperr.Conflict, "Status permintaan sudah berubah (%s); muat ulang halaman.", status)
		}
		if to == "" {
			_, err = tx.Exec(ctx, `DELETE FROM rekan_peninjau WHERE id = $1`, id)
		} else {
			_, err = tx.Exec(ctx, `UPDATE rekan_peninjau SET status = $2, alasan = $3 WHERE id = $1`, id, to, alasan)
		}
		if err != nil {
			return err
		}
		if to == "diminta" {
			if err := p.askReviewer(ctx, tx, actor, id, pegawaiID, reviewerID); err != nil {
				return err
			}
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: action, Entity: "pegawai", EntityID: itoa(pegawaiID),
			Before: map[string]any{"id": id, "reviewer_id": reviewerID, "status": status}, After: map[string]any{"status": to, "alasan": alasan}, IP: actor.IP})
	}))
}

// askReviewer tells the reviewer that their answer is asked for.
func (p *PeriodStore) askReviewer(ctx context.Context, tx pgx.Tx, actor Actor, id, pegawaiID, reviewerID int64) error {
	var nama string
	if err := tx.QueryRow(ctx, `SELECT nama_lengkap(gelar_depan, nama, gelar_belakang) FROM pegawai WHERE id = $1`, pegawaiID).Scan(&nama); err != nil {
		return err
	}
	_, err := p.s.notify(ctx, tx, actor, notif.PermintaanRekanKe(reviewerID, id, nama))
	return err
}

// tellProposal tells the pegawai's penilai in the period of a proposed reviewer.
func (p *PeriodStore) tellProposal(ctx context.Context, tx pgx.Tx, actor Actor, id, pegawaiID int64) error {
	var penilai, skpID int64
	var nama string
	if err := tx.QueryRow(ctx, `
		SELECT coalesce(ps.penilai_id, 0), coalesce((SELECT s.id FROM skp s WHERE s.periode_id = ps.periode_id AND s.pegawai_id = ps.pegawai_id ORDER BY s.versi DESC LIMIT 1), 0),
		       nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang)
		FROM periode_peserta ps JOIN pegawai g ON g.id = ps.pegawai_id WHERE ps.periode_id = $1 AND ps.pegawai_id = $2`, p.id, pegawaiID).Scan(&penilai, &skpID, &nama); err != nil {
		return err
	}
	if skpID == 0 {
		return nil
	}
	_, err := p.s.notify(ctx, tx, actor, notif.UsulanRekanKe(penilai, id, skpID, nama))
	return err
}

// SetujuiUsulan approves a reviewer the pegawai proposed (penilai only; the caller checks).
func (p *PeriodStore) SetujuiUsulan(ctx context.Context, actor Actor, pegawaiID, id int64) error {
	return p.changeStatus(ctx, actor, id, "pegawai", pegawaiID, []string{"diusulkan"}, "diminta", "", "rekan.setujui")
}

// HapusPeninjau removes a nomination that has not been answered.
func (p *PeriodStore) HapusPeninjau(ctx context.Context, actor Actor, pegawaiID, id int64) error {
	return p.changeStatus(ctx, actor, id, "pegawai", pegawaiID, []string{"diusulkan", "diminta", "ditolak"}, "", "", "rekan.hapus")
}

// TolakPermintaan records that the reviewer declines, with an optional reason.
func (p *PeriodStore) TolakPermintaan(ctx context.Context, actor Actor, reviewerID, id int64, alasan string) error {
	return p.changeStatus(ctx, actor, id, "reviewer", reviewerID, []string{"diminta"}, "ditolak", alasan, "rekan.tolak")
}

// JawabPermintaan seals the reviewer's ratings of the seven values (1..7 → diatas,
// sesuai, dibawah) and optional comment, apart from their name, and marks the request
// answered. Nothing of it is shown until the period's release (releaseRekan). The
// audit entry records that they answered, not what.
func (p *PeriodStore) JawabPermintaan(ctx context.Context, actor Actor, reviewerID, id int64, ratings map[int]string, komentar string) error {
	return wrap("jawab rekan", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if err := p.peerOpen(ctx, tx); err != nil {
			return err
		}
		var status string
		var pegawaiID int64
		err := tx.QueryRow(ctx, `SELECT status, pegawai_id FROM rekan_peninjau WHERE periode_id = $1 AND id = $2 AND reviewer_id = $3 FOR UPDATE`,
			p.id, id, reviewerID).Scan(&status, &pegawaiID)
		if err != nil {
			return translate(err, "Permintaan umpan balik")
		}
		if status != "diminta" {
			return apperr.New(apperr.Conflict, "Permintaan ini sudah dijawab, ditolak atau belum disetujui penilai.")
		}
		rating := make([]string, 0, 7)
		for n := 1; n <= 7; n++ {
			rating = append(rating, ratings[n])
		}
		if _, err := tx.Exec(ctx, `INSERT INTO rekan_segel (periode_id, pegawai_id, rating, komentar) VALUES ($1, $2, $3, $4)`,
			p.id, pegawaiID, rating, komentar); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE rekan_peninjau SET status = 'selesai' WHERE id = $1`, id); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "rekan.jawab", Entity: "pegawai", EntityID: itoa(pegawaiID),
			Before: map[string]any{"id": id, "status": status}, After: map[string]any{"status": "selesai"}, IP: actor.IP})
	}))
}

// releaseRekan releases the period's sealed peer answers, within the move to
// penilaian: every sealed answer of every pegawai goes into rekan_tanggapan and
// rekan_komentar in one statement, in random order, the seals are deleted, and each
// participant's number of answers is recorded in rekan_rilis. The released rows
// share this transaction's id with each other only, not with any reviewer's status
// row or audit entry. It returns the number of participants recorded.
func releaseRekan(ctx context.Context, tx pgx.Tx, periodeID int64) (int64, error) {
	if _, err := tx.Exec(ctx, `
		WITH segel AS (
		    DELETE FROM rekan_segel WHERE periode_id = $1 RETURNING pegawai_id, rating, komentar
		), nilai AS (
		    INSERT INTO rekan_tanggapan (periode_id, pegawai_id, nilai, rating)
		    SELECT $1, s.pegawai_id, t.n, t.r FROM segel s, unnest(s.rating) WITH ORDINALITY AS t(r, n)
		    ORDER BY random()
		)
		INSERT INTO rekan_komentar (periode_id, pegawai_id, teks)
		SELECT $1, pegawai_id, komentar FROM segel WHERE btrim(komentar) <> '' ORDER BY random()`, periodeID); err != nil {
		return 0, fmt.Errorf("release rekan: %w", err)
	}
	tag, err := tx.Exec(ctx, `
		INSERT INTO rekan_rilis (periode_id, pegawai_id, dijawab)
		SELECT ps.periode_id, ps.pegawai_id, count(r.id) FILTER (WHERE r.status = 'selesai')
		FROM periode_peserta ps LEFT JOIN rekan_peninjau r ON r.periode_id = ps.periode_id AND r.pegawai_id = ps.pegawai_id
		WHERE ps.periode_id = $1
		GROUP BY ps.periode_id, ps.pegawai_id
		ON CONFLICT (periode_id, pegawai_id) DO NOTHING`, periodeID)
	if err != nil {
		return 0, fmt.Errorf("release rekan: %w", err)
	}
	return tag.RowsAffected(), nil
}

// TugasRekan lists the requests waiting for the reviewer's answer.
func (p *PeriodStore) TugasRekan(ctx context.Context, reviewerID int64) ([]Peninjau, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT r.id, r.pegawai_id, r.reviewer_id, `+namaLengkapSQL+`, g.nip, coalesce(ps.jabatan, ''), r.hubungan, r.status, r.alasan
		FROM rekan_peninjau r JOIN pegawai g ON g.id = r.pegawai_id
		LEFT JOIN periode_peserta ps ON ps.periode_id = r.periode_id AND ps.pegawai_id = r.pegawai_id
		WHERE r.periode_id = $1 AND r.reviewer_id = $2 AND r.status = 'diminta' ORDER BY g.nama`, p.id, reviewerID)
	if err != nil {
		return nil, wrap("tugas rekan", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Peninjau])
	return out, wrap("tugas rekan", err)
}

// RingkasanRekan is the anonymous aggregate of a pegawai's peer feedback. Before the
// release, or with fewer released answers than the threshold, Dijawab, Counts and
// Komentar are empty: the store never reads them.
type RingkasanRekan struct {
	Dirilis  bool // the period released its answers
	Dijawab  int  // answers released; 0 unless Cukup
	Ambang   int
	Cukup    bool
	Counts   map[int][3]int // value 1..7 → counts of diatas, sesuai, dibawah
	Komentar []string       // in an order unrelated to who wrote them or when
}

// RingkasanRekanOf returns the aggregate for a pegawai.
func (p *PeriodStore) RingkasanRekanOf(ctx context.Context, pegawaiID int64) (RingkasanRekan, error) {
	out := RingkasanRekan{Counts: map[int][3]int{}}
	var dijawab *int
	if err := p.s.pool.QueryRow(ctx, `SELECT pr.ambang_anonim,
		(SELECT r.dijawab FROM rekan_rilis r WHERE r.periode_id = pr.id AND r.pegawai_id = $2)
		FROM periode pr WHERE pr.id = $1`, p.id, pegawaiID).Scan(&out.Ambang, &dijawab); err != nil {
		return out, wrap("ringkasan rekan", err)
	}
	released := 0
	if out.Dirilis = dijawab != nil; out.Dirilis {
		released = *dijawab
	}
	if out.Cukup = penilaian.AggregateShown(out.Dirilis, released, out.Ambang); !out.Cukup {
		return out, nil
	}
	out.Dijawab = released
	rows, err := p.s.pool.Query(ctx, `SELECT nilai, count(*) FILTER (WHERE rating = 'diatas'), count(*) FILTER (WHERE rating = 'sesuai'),
		count(*) FILTER (WHERE rating = 'dibawah') FROM rekan_tanggapan WHERE periode_id = $1 AND pegawai_id = $2 GROUP BY nilai`, p.id, pegawaiID)
	if err != nil {
		return out, wrap("ringkasan rekan", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		var c [3]int
		if err := rows.Scan(&n, &c[0], &c[1], &c[2]); err != nil {
			return out, wrap("ringkasan rekan", err)
		}
		out.Counts[n] = c
	}
	if err := rows.Err(); err != nil {
		return out, wrap("ringkasan rekan", err)
	}
	crows, err := p.s.pool.Query(ctx, `SELECT teks FROM rekan_komentar WHERE periode_id = $1 AND pegawai_id = $2 ORDER BY md5(teks)`, p.id, pegawaiID)
	if err != nil {
		return out, wrap("ringkasan rekan", err)
	}
	out.Komentar, err = pgx.CollectRows(crows, pgx.RowTo[string])
	return out, wrap("ringkasan rekan", err)
}

// UsulanMenunggu lists, for a penilai, the subordinates' plans (latest SKP id and the
// pegawai's name) with reviewer proposals waiting for approval.
func (p *PeriodStore) UsulanMenunggu(ctx context.Context, penilaiID int64) ([]Peninjau, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT s.id, ps.pegawai_id, 0::bigint, `+namaLengkapSQL+`, g.nip, ps.jabatan, '', 'diusulkan', count(*)::text
		FROM periode_peserta ps
		JOIN rekan_peninjau r ON r.periode_id = ps.periode_id AND r.pegawai_id = ps.pegawai_id AND r.status = 'diusulkan'
		JOIN pegawai g ON g.id = ps.pegawai_id
		JOIN LATERAL (SELECT id FROM skp WHERE periode_id = ps.periode_id AND pegawai_id = ps.pegawai_id ORDER BY versi DESC LIMIT 1) s ON true
		WHERE ps.periode_id = $1 AND ps.penilai_id = $2 AND ps.aktif
		GROUP BY s.id, ps.pegawai_id, g.id, ps.jabatan ORDER BY g.nama`, p.id, penilaiID)
	if err != nil {
		return nil, wrap("usulan menunggu", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Peninjau])
	return out, wrap("usulan menunggu", err)
}

// RealisasiTerisi says whether any realisasi is recorded on the SKP at the check-in.
func (p *PeriodStore) RealisasiTerisi(ctx context.Context, skpID int64, checkin int) (bool, error) {
	var ok bool
	err := p.s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM realisasi WHERE periode_id = $1 AND skp_id = $2 AND checkin = $3)`, p.id, skpID, checkin).Scan(&ok)
	return ok, wrap("realisasi terisi", err)
}

// TanpaUmpanBalik counts the penilai's subordinates whose approved, latest plan has no
// feedback from the penilai at the check-in.
func (p *PeriodStore) TanpaUmpanBalik(ctx context.Context, penilaiID int64, checkin int) (int, error) {
	var n int
	err := p.s.pool.QueryRow(ctx, `
		SELECT count(*) FROM periode_peserta ps
		JOIN LATERAL (SELECT id, status FROM skp WHERE periode_id = ps.periode_id AND pegawai_id = ps.pegawai_id ORDER BY versi DESC LIMIT 1) s ON true
		WHERE ps.periode_id = $1 AND ps.penilai_id = $2 AND ps.aktif AND s.status = 'disetujui'
		  AND NOT EXISTS (SELECT 1 FROM umpan_balik u WHERE u.periode_id = $1 AND u.skp_id = s.id AND u.checkin = $3 AND u.peran = 'penilai')`,
		p.id, penilaiID, checkin).Scan(&n)
	return n, wrap("tanpa umpan balik", err)
}
