package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/notif"
	"kinerja/internal/queue"
)

// Owed counts, for the whole period in one statement, what every participant and
// every penilai still owes before the deadline t (notif.Deadlines): their own plan
// (perencanaan), realisasi (checkin), annual self-assessment and the peer reviews
// asked of them (penilaian); as penilai the plans of subordinates not submitted or
// waiting for their decision, the subordinates not yet rated, and (checkin) those
// not yet given umpan balik.
func (p *PeriodStore) Owed(ctx context.Context, t notif.Tenggat) ([]notif.Owed, error) {
	var q string
	args := []any{p.id, t.Checkin}
	switch t.Jenis {
	case "perencanaan":
		q = `
		WITH ps AS (SELECT pegawai_id, penilai_id FROM periode_peserta WHERE periode_id = $1 AND aktif),
		last AS (SELECT DISTINCT ON (pegawai_id) pegawai_id, id, status FROM skp WHERE periode_id = $1 ORDER BY pegawai_id, versi DESC),
		own AS (SELECT ps.pegawai_id, coalesce(l.status IN ('draft', 'dikembalikan'), true) AS owes, coalesce(l.id, 0) AS skp
		        FROM ps LEFT JOIN last l USING (pegawai_id)),
		sub AS (SELECT ps.penilai_id AS pegawai_id,
		               count(*) FILTER (WHERE l.status IS NULL OR l.status IN ('draft', 'dikembalikan')) AS belum,
		               count(*) FILTER (WHERE l.status = 'diajukan') AS menunggu, 0 AS dinilai, 0 AS ub
		        FROM ps LEFT JOIN last l USING (pegawai_id) WHERE ps.penilai_id IS NOT NULL GROUP BY ps.penilai_id),
		mine AS (SELECT 0::bigint AS pegawai_id, false AS diri, 0 AS rekan WHERE false)`
		args = args[:1]
	case "checkin":
		q = `
		WITH ps AS (SELECT pegawai_id, penilai_id, ke FROM penilai_unit($1, $2)),
		last AS (SELECT DISTINCT ON (pegawai_id, penugasan_ke) pegawai_id, penugasan_ke, id, status FROM skp WHERE periode_id = $1
		         ORDER BY pegawai_id, penugasan_ke, versi DESC),
		own AS (SELECT ps.pegawai_id, l.status = 'disetujui' AND NOT EXISTS (
		               SELECT 1 FROM realisasi r WHERE r.periode_id = $1 AND r.skp_id = l.id AND r.checkin = $2) AS owes, l.id AS skp
		        FROM ps JOIN last l ON l.pegawai_id = ps.pegawai_id AND l.penugasan_ke = ps.ke),
		sub AS (SELECT ps.penilai_id AS pegawai_id, 0 AS belum, 0 AS menunggu,
		               count(*) FILTER (WHERE pn.predikat IS NULL) AS dinilai,
		               count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM umpan_balik u WHERE u.periode_id = $1 AND u.skp_id = l.id
		                                                  AND u.checkin = $2 AND u.peran = 'penilai')) AS ub
		        FROM ps JOIN last l ON l.pegawai_id = ps.pegawai_id AND l.penugasan_ke = ps.ke AND l.status = 'disetujui'
		        LEFT JOIN penilaian pn ON pn.periode_id = $1 AND pn.pegawai_id = ps.pegawai_id AND pn.checkin = $2
		        WHERE ps.penilai_id IS NOT NULL GROUP BY ps.penilai_id),
		mine AS (SELECT 0::bigint AS pegawai_id, false AS diri, 0 AS rekan WHERE false)`
	default: // penilaian: the annual rating, the self-assessment, the peer reviews asked for
		q = `
		WITH ps AS (SELECT pegawai_id, penilai_id, ke FROM penilai_unit($1, $2)),
		last AS (SELECT DISTINCT ON (pegawai_id, penugasan_ke) pegawai_id, penugasan_ke, id, status FROM skp WHERE periode_id = $1
		         ORDER BY pegawai_id, penugasan_ke, versi DESC),
		own AS (SELECT ps.pegawai_id, false AS owes, l.id AS skp
		        FROM ps JOIN last l ON l.pegawai_id = ps.pegawai_id AND l.penugasan_ke = ps.ke AND l.status = 'disetujui'),
		sub AS (SELECT ps.penilai_id AS pegawai_id, 0 AS belum, 0 AS menunggu, count(*) AS dinilai, 0 AS ub
		        FROM ps JOIN last l ON l.pegawai_id = ps.pegawai_id AND l.penugasan_ke = ps.ke AND l.status = 'disetujui'
		        LEFT JOIN penilaian pn ON pn.periode_id = $1 AND pn.pegawai_id = ps.pegawai_id AND pn.checkin = $2
		        WHERE ps.penilai_id IS NOT NULL AND pn.predikat IS NULL GROUP BY ps.penilai_id),
		mine AS (
		    SELECT coalesce(d.pegawai_id, r.pegawai_id) AS pegawai_id, coalesce(d.diri, false) AS diri, coalesce(r.rekan, 0) AS rekan
		    FROM (SELECT own.pegawai_id, true AS diri FROM own
		          WHERE NOT EXISTS (SELECT 1 FROM penilaian_diri x WHERE x.periode_id = $1 AND x.skp_id = own.skp AND x.checkin = $2)) d
		    FULL JOIN (SELECT reviewer_id AS pegawai_id, count(*) AS rekan FROM rekan_peninjau
		               WHERE periode_id = $1 AND status = 'diminta' GROUP BY reviewer_id) r ON r.pegawai_id = d.pegawai_id)`
	}
	rows, err := p.s.pool.Query(ctx, q+`
		SELECT g.id, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang), coalesce(own.owes, false), coalesce(own.skp, 0),
		       coalesce(sub.belum, 0)::int, coalesce(sub.menunggu, 0)::int, coalesce(sub.dinilai, 0)::int, coalesce(sub.ub, 0)::int,
		       coalesce(mine.diri, false), coalesce(mine.rekan, 0)::int
		FROM (SELECT pegawai_id FROM own WHERE owes UNION SELECT pegawai_id FROM sub WHERE belum + menunggu + dinilai + ub > 0
		      UNION SELECT pegawai_id FROM mine WHERE diri OR rekan > 0) ids
		JOIN pegawai g ON g.id = ids.pegawai_id
		LEFT JOIN (SELECT DISTINCT ON (pegawai_id) * FROM own ORDER BY pegawai_id, owes DESC) own ON own.pegawai_id = g.id
		LEFT JOIN sub ON sub.pegawai_id = g.id
		LEFT JOIN mine ON mine.pegawai_id = g.id
		WHERE g.aktif
		ORDER BY g.id`, args...)
	if err != nil {
		return nil, wrap("owed", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (notif.Owed, error) {
		var o notif.Owed
		err := row.Scan(&o.PegawaiID, &o.Nama, &o.Own, &o.SKPID, &o.BelumAjukan, &o.Menunggu, &o.BelumDinilai, &o.TanpaUmpanBalik, &o.Diri, &o.Rekan)
		return o, err
	})
	return out, wrap("owed", err)
}

// PenilaiAtasan maps each penilai of the period to their own penilai (0 for none).
func (p *PeriodStore) PenilaiAtasan(ctx context.Context) (map[int64]int64, error) {
	rows, err := p.s.pool.Query(ctx, `SELECT pegawai_id, coalesce(penilai_id, 0) FROM periode_peserta WHERE periode_id = $1 AND aktif
		AND pegawai_id IN (SELECT penilai_id FROM periode_peserta WHERE periode_id = $1 AND aktif AND penilai_id IS NOT NULL)`, p.id)
	if err != nil {
		return nil, wrap("penilai atasan", err)
	}
	out := map[int64]int64{}
	var id, atasan int64
	_, err = pgx.ForEachRow(rows, []any{&id, &atasan}, func() error { out[id] = atasan; return nil })
	return out, wrap("penilai atasan", err)
}

// Remind keeps the reminders (and their mail) in one transaction and returns how
// many were new: a rerun keeps none again.
func (s *Store) Remind(ctx context.Context, list []notif.Pesan) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// A pemda-wide run is large; it may take longer than a page.
		if _, err := tx.Exec(ctx, `SET LOCAL statement_timeout = '5min'`); err != nil {
			return err
		}
		var err error
		n, err = s.notify(ctx, tx, Actor{}, list...)
		return err
	})
	return n, wrap("remind", err)
}

// DigestDue lists the people who want a daily digest, have an address and have
// unread notices since their last digest (or the last day), with up to 10 of those
// notices each (newest first) and their number; since is the day's start (their
// digest of today is made once).
type DigestDue struct {
	PegawaiID int64
	Nama      string
	Surel     string
	N         int
	Pesan     []notif.Pesan
}

// DueDigests returns the digests to make: one per person whose last digest is older
// than since.
func (s *Store) DueDigests(ctx context.Context, since time.Time) ([]DigestDue, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT p.id, nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang), p.surel, x.n, x.judul, x.tautan
		FROM pegawai p
		JOIN LATERAL (
		    SELECT count(*)::int AS n, (array_agg(n.judul ORDER BY n.id DESC))[1:10] AS judul, (array_agg(n.tautan ORDER BY n.id DESC))[1:10] AS tautan
		    FROM pemberitahuan n
		    WHERE n.pegawai_id = p.id AND n.dibaca_at IS NULL AND n.created_at > coalesce(p.ringkasan_at, now() - interval '1 day')
		) x ON x.n > 0
		WHERE p.preferensi_surel = 'ringkasan' AND p.surel IS NOT NULL AND p.aktif AND (p.ringkasan_at IS NULL OR p.ringkasan_at < $1)
		ORDER BY p.id`, since)
	if err != nil {
		return nil, wrap("due digests", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (DigestDue, error) {
		var d DigestDue
		var judul, tautan []string
		err := row.Scan(&d.PegawaiID, &d.Nama, &d.Surel, &d.N, &judul, &tautan)
		for i := range judul {
			d.Pesan = append(d.Pesan, notif.Pesan{Judul: judul[i], Tautan: tautan[i]})
		}
		return d, err
	})
	return out, wrap("due digests", err)
}

// QueueDigests writes the digests into the outbox and stamps each person's
// ringkasan_at, in one transaction (a rerun finds nothing due), and queues the sender.
func (s *Store) QueueDigests(ctx context.Context, list []DigestDue, mails []notif.Surel) error {
	if len(list) == 0 {
		return nil
	}
	n := len(list)
	ids, kepada, subjek, teks := make([]int64, n), make([]string, n), make([]string, n), make([]string, n)
	for i, d := range list {
		ids[i], kepada[i], subjek[i], teks[i] = d.PegawaiID, d.Surel, mails[i].Subjek, mails[i].Teks
	}
	return wrap("queue digests", s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `
			WITH t AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS t(id, kepada, subjek, teks)),
			m AS (INSERT INTO surel (pegawai_id, jenis, kepada, subjek, teks) SELECT id, 'ringkasan', kepada, subjek, teks FROM t)
			UPDATE pegawai p SET ringkasan_at = now() FROM t WHERE p.id = t.id`, ids, kepada, subjek, teks); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, queue.KirimSurel{})
	}))
}

// Escalate records the escalations of deadline t (each penilai owing work, with the
// atasan told) and keeps their notices, in one transaction; a penilai already
// escalated for t is neither recorded nor told again. It returns the notices made.
func (p *PeriodStore) Escalate(ctx context.Context, t notif.Tenggat, owed []notif.Owed, atasan map[int64]int64, list []notif.Pesan) (int, error) {
	var penilai, kepada []int64
	var menunggu, dinilai []int
	for _, o := range owed {
		if a := atasan[o.PegawaiID]; a != 0 && o.Overdue() {
			penilai, kepada, menunggu, dinilai = append(penilai, o.PegawaiID), append(kepada, a), append(menunggu, o.Menunggu), append(dinilai, o.BelumDinilai)
		}
	}
	if len(penilai) == 0 {
		return 0, nil
	}
	var n int
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `
			INSERT INTO eskalasi (periode_id, tenggat, label, tanggal, penilai_id, atasan_id, opd_id, menunggu, belum_dinilai)
			SELECT $1, $2, $3, $4, t.penilai, t.atasan, ps.opd_id, t.menunggu, t.dinilai
			FROM unnest($5::bigint[], $6::bigint[], $7::int[], $8::int[]) AS t(penilai, atasan, menunggu, dinilai)
			JOIN periode_peserta ps ON ps.periode_id = $1 AND ps.pegawai_id = t.penilai
			ON CONFLICT (periode_id, tenggat, penilai_id) DO NOTHING`,
			p.id, t.Key(), t.Label, t.Tanggal, penilai, kepada, menunggu, dinilai); err != nil {
			return err
		}
		var err error
		n, err = p.s.notify(ctx, tx, Actor{}, list...)
		return err
	})
	return n, wrap("escalate", err)
}

// Tunggakan is one escalation as the Laporan lists it.
type Tunggakan struct {
	Label                  string
	Tanggal                time.Time
	PenilaiNIP, Penilai    string
	AtasanNIP, Atasan, OPD string
	Menunggu, BelumDinilai int
	CreatedAt              time.Time
	PenilaiID              int64
}

// DaftarTunggakan lists the period's escalations in the scope of the query (the
// pemda, an OPD, or those reported to q.Scope.AtasanID), newest deadline first.
func (p *PeriodStore) DaftarTunggakan(ctx context.Context, q LaporanQuery) ([]Tunggakan, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT e.label, e.tanggal, g.nip, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang),
		       a.nip, nama_lengkap(a.gelar_depan, a.nama, a.gelar_belakang), o.nama, e.menunggu, e.belum_dinilai, e.created_at, e.penilai_id
		FROM eskalasi e
		JOIN pegawai g ON g.id = e.penilai_id JOIN pegawai a ON a.id = e.atasan_id JOIN perangkat_daerah o ON o.id = e.opd_id
		WHERE e.periode_id = $1 AND ($2 = 0 OR e.opd_id = $2) AND ($3 = 0 OR e.atasan_id = $3 OR e.penilai_id = $3)
		ORDER BY e.tanggal DESC, o.nama, g.nama, e.id`, p.id, q.Filter.OPDID, q.Scope.AtasanID)
	if err != nil {
		return nil, wrap("tunggakan", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Tunggakan])
	return out, wrap("tunggakan", err)
}
