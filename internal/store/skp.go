package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/notif"
	"kinerja/internal/org"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
)

// ErrNoSKP is returned when a participant has not started a plan.
var ErrNoSKP = apperr.New(apperr.NotFound, "SKP belum dibuat.")

// SKPHead returns the latest version's id for a participant, or ErrNoSKP.
func (p *PeriodStore) SKPHead(ctx context.Context, pegawaiID int64) (int64, error) {
	var id int64
	err := p.s.pool.QueryRow(ctx, `SELECT id FROM skp WHERE periode_id = $1 AND pegawai_id = $2 ORDER BY versi DESC LIMIT 1`, p.id, pegawaiID).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, ErrNoSKP
	}
	return id, wrap("skp head", err)
}

// SKPPeriod returns which period an SKP belongs to; apperr.NotFound when unknown.
// An SKP never moves to another period, so the answer is remembered.
func (s *Store) SKPPeriod(ctx context.Context, skpID int64) (int64, error) {
	if v, ok := s.skpPeriods.Load(skpID); ok {
		return v.(int64), nil
	}
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT periode_id FROM skp WHERE id = $1`, skpID).Scan(&id)
	if err == nil {
		s.skpPeriods.Store(skpID, id)
	}
	return id, wrap("skp period", translate(err, "SKP"))
}

// GetSKP loads one SKP version of this period with its RHK, IKI, expectations, the
// identities of the pegawai and the penilai, the history and the version list. The
// SKP page is the busiest page of the year, so its four statements travel in one
// round trip, and each stays small: a statement that joins many relations overflows
// PostgreSQL's per-backend fast-path locks and slows every backend down under load
// (the identity joins made the header three times as costly). It returns
// apperr.NotFound when the SKP is not in this period.
func (p *PeriodStore) GetSKP(ctx context.Context, skpID int64) (*skp.SKP, error) {
	k := &skp.SKP{Ekspektasi: map[int]string{}}
	var status, fase string
	var eksNo []int32
	var eksText []string
	var verID []int64
	var verNo []int32
	var verStatus []string
	var noteVersi []int32
	var noteOleh, noteAksi, noteCatatan []string
	var noteAt []time.Time
	var jabatanThen, unitThen string
	b := &pgx.Batch{}
	b.Queue(getSKPQuery, skpID, p.id)
	b.Queue(getSKPIdentityQuery, skpID, p.id)
	b.Queue(getSKPRHKQuery, skpID, p.id)
	b.Queue(getSKPIKIQuery, skpID, p.id)
	b.Queue(pendukungQuery, p.id, skpID, 0)
	br := p.s.pool.SendBatch(ctx, b)
	defer br.Close()
	err := br.QueryRow().Scan(&k.ID, &k.PeriodeID, &k.PegawaiID, &k.Tahun, &fase, &k.Versi,
		&status, &k.Version, &k.PenilaiID, &k.AtasanPenilaiID, &k.JPT, &k.KepalaOPD, &k.OPDID,
		&k.Lampiran[0], &k.Lampiran[1], &k.Lampiran[2], &k.DiajukanAt, &k.DisetujuiAt,
		&k.Penugasan.Ke, &k.Penugasan.Mulai, &k.Penugasan.Selesai, &k.Penugasan.CheckinDari, &k.Penugasan.CheckinSampai, &k.Penugasan.Berakhir,
		&jabatanThen, &unitThen, &k.PenilaiAkhirID,
		&eksNo, &eksText, &verID, &verNo, &verStatus,
		&noteVersi, &noteOleh, &noteAksi, &noteCatatan, &noteAt)
	if err != nil {
		return nil, wrap("get skp", translate(err, "SKP"))
	}
	k.Status, k.Fase = skp.Status(status), periode.Fase(fase)
	for i, n := range eksNo {
		k.Ekspektasi[int(n)] = eksText[i]
	}
	k.Versions = make([]skp.Version, len(verID))
	for i := range verID {
		k.Versions[i] = skp.Version{ID: verID[i], Versi: int(verNo[i]), Status: skp.Status(verStatus[i])}
	}
	k.Latest = len(verNo) > 0 && int(verNo[0]) == k.Versi // versions of its penugasan come newest first
	for i := range noteVersi {
		k.Notes = append(k.Notes, skp.Note{Versi: int(noteVersi[i]), Oleh: noteOleh[i], Aksi: noteAksi[i], Catatan: noteCatatan[i], At: noteAt[i]})
	}
	if err := scanIdentities(br, k); err != nil {
		return nil, err
	}
	if k.Penugasan.Berakhir {
		// A plan of an ended penugasan shows the placement the pegawai held then.
		k.Pegawai.Jabatan, k.Pegawai.Unit = jabatanThen, unitThen
	}
	if err := scanRHK(br, k); err != nil {
		return nil, err
	}
	rows, err := br.Query()
	if err := scanPendukung(rows, err, k.RHK); err != nil {
		return nil, err
	}
	return k, nil
}

// scanIdentities reads the pegawai (ord 1) and, when there are, the penilai (ord 2)
// and the atasan penilai (ord 3).
func scanIdentities(br pgx.BatchResults, k *skp.SKP) error {
	rows, err := br.Query()
	if err != nil {
		return wrap("get skp identity", err)
	}
	defer rows.Close()
	var ord int
	var x identityRow
	dest := append([]any{&ord}, x.dest()...)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return wrap("get skp identity", err)
		}
		switch ord {
		case 1:
			k.Pegawai = x.pegawai()
		case 2:
			pen := x.pegawai()
			k.Penilai = &pen
		default:
			ap := x.pegawai()
			k.AtasanPenilai = &ap
		}
	}
	return wrap("get skp identity", rows.Err())
}

// scanRHK reads the RHK, then their IKI, which come ordered by RHK.
func scanRHK(br pgx.BatchResults, k *skp.SKP) error {
	rows, err := br.Query()
	if err != nil {
		return wrap("get skp rhk", err)
	}
	var r skp.RHK
	dest := []any{&r.ID, &r.Kunci, &r.Jenis, &r.Urutan, &r.Uraian, &r.AtasanKunci, &r.AtasanUraian, &r.AtasanDraf, &r.Penugasan, &r.Perspektif}
	k.RHK = make([]skp.RHK, 0, 16)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return wrap("get skp rhk", err)
		}
		k.RHK = append(k.RHK, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return wrap("get skp rhk", err)
	}
	at := make(map[int64]int, len(k.RHK))
	for i, r := range k.RHK {
		at[r.ID] = i
	}
	if rows, err = br.Query(); err != nil {
		return wrap("get skp iki", err)
	}
	defer rows.Close()
	// The IKI of one RHK come together, so each RHK takes its run of one shared slice.
	var rhkID int64
	var ik skp.IKI
	dest = []any{&rhkID, &ik.ID, &ik.Indikator, &ik.Aspek, &ik.Target, &ik.Satuan, &ik.TargetTeks}
	all := make([]skp.IKI, 0, 4*len(k.RHK))
	owner := make([]int64, 0, 4*len(k.RHK))
	for rows.Next() {
		ik.Target = nil
		if err := rows.Scan(dest...); err != nil {
			return wrap("get skp iki", err)
		}
		all, owner = append(all, ik), append(owner, rhkID)
	}
	if err := rows.Err(); err != nil {
		return wrap("get skp iki", err)
	}
	for start := 0; start < len(all); {
		end := start + 1
		for end < len(all) && owner[end] == owner[start] {
			end++
		}
		if i, ok := at[owner[start]]; ok {
			k.RHK[i].IKI = all[start:end:end]
		}
		start = end
	}
	return nil
}

// getSKPRHKQuery reads an SKP's RHK in display order.
const getSKPRHKQuery = `
		SELECT r.id, r.kunci, r.jenis, r.urutan, r.uraian, coalesce(r.atasan_kunci, 0), coalesce(a.uraian, ''), coalesce(a.draf, false),
		       r.penugasan, coalesce(r.perspektif, '')
		FROM skp_rhk r
		LEFT JOIN LATERAL (
		    -- The supported RHK as approved (the latest approved version holding it),
		    -- else as drafted, marked so.
		    SELECT ar.uraian, sa.status <> 'disetujui' AS draf FROM skp_rhk ar JOIN skp sa ON sa.id = ar.skp_id
		    WHERE ar.periode_id = r.periode_id AND ar.kunci = r.atasan_kunci
		    ORDER BY sa.status = 'disetujui' DESC, sa.versi DESC LIMIT 1
		) a ON r.atasan_kunci IS NOT NULL
		WHERE r.skp_id = $1 AND r.periode_id = $2
		ORDER BY r.jenis = 'tambahan', r.urutan, r.id`

// pendukungQuery reads the RHK in the current version of other participants' plans
// that support the RHK of SKP $2 (only RHK $3 unless it is 0).
const pendukungQuery = `
		SELECT r.atasan_kunci, s.id, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang), s.status, r.uraian
		FROM skp_rhk r
		JOIN skp s ON s.id = r.skp_id
		JOIN pegawai g ON g.id = s.pegawai_id
		WHERE r.periode_id = $1
		  AND r.atasan_kunci IN (SELECT o.kunci FROM skp_rhk o WHERE o.skp_id = $2 AND o.periode_id = $1 AND ($3 = 0 OR o.id = $3))
		  AND s.pegawai_id <> (SELECT pegawai_id FROM skp WHERE id = $2)
		  AND s.versi = (SELECT max(x.versi) FROM skp x WHERE x.periode_id = s.periode_id AND x.pegawai_id = s.pegawai_id)
		ORDER BY lower(g.nama), s.id, r.urutan`

// scanPendukung fills each RHK's Pendukung from pendukungQuery's rows.
func scanPendukung(rows pgx.Rows, err error, rhk []skp.RHK) error {
	if err != nil {
		return wrap("pendukung rhk", err)
	}
	defer rows.Close()
	at := make(map[int64]int, len(rhk))
	for i, r := range rhk {
		at[r.Kunci] = i
	}
	for rows.Next() {
		var kunci int64
		var x skp.Pendukung
		var status string
		if err := rows.Scan(&kunci, &x.SKPID, &x.Nama, &status, &x.Uraian); err != nil {
			return wrap("pendukung rhk", err)
		}
		x.Status = skp.Status(status)
		if i, ok := at[kunci]; ok {
			rhk[i].Pendukung = append(rhk[i].Pendukung, x)
		}
	}
	return wrap("pendukung rhk", rows.Err())
}

// getSKPIKIQuery reads an SKP's IKI, by RHK in display order.
const getSKPIKIQuery = `
		SELECT i.rhk_id, i.id, coalesce(i.indikator, ''), coalesce(i.aspek, ''), i.target::float8, coalesce(i.satuan, ''), coalesce(i.target_teks, '')
		FROM skp_iki i JOIN skp_rhk r ON r.id = i.rhk_id AND r.periode_id = i.periode_id
		WHERE r.skp_id = $1 AND r.periode_id = $2
		ORDER BY i.rhk_id, i.urutan, i.id`

// getSKPQuery reads the plan with its period, expectations, versions (newest first)
// and the notes of all versions.
const getSKPQuery = `
		SELECT s.id, s.periode_id, s.pegawai_id, pr.tahun, pr.fase, s.versi,
		       s.status, s.version, coalesce(pen.id, 0), coalesce(pp.penilai_id, 0), coalesce(g.jenis_jabatan, ps.jenis_jabatan) = 'jpt_pratama',
		       (j.kepala_unit AND u.parent_id IS NULL), coalesce(g.opd_id, ps.opd_id),
		       s.lampiran_sumber_daya, s.lampiran_skema, s.lampiran_konsekuensi, s.diajukan_at, s.disetujui_at,
		       s.penugasan_ke, coalesce(g.mulai, ps.mulai, pr.mulai), coalesce(g.selesai, pr.selesai), coalesce(g.checkin_dari, ps.checkin_dari),
		       coalesce(g.checkin_sampai, 0), g.ke IS NOT NULL, coalesce(g.jabatan, ''), coalesce(g.unit_kerja, ''),
		       CASE WHEN g.ke IS NOT NULL THEN coalesce(ps.penilai_id, 0) ELSE 0 END,
		       e.nilai, e.teks, v.id, v.versi, v.status, n.versi, n.oleh, n.aksi, n.catatan, n.at
		FROM skp s
		JOIN periode pr ON pr.id = s.periode_id
		JOIN periode_peserta ps ON ps.periode_id = s.periode_id AND ps.pegawai_id = s.pegawai_id
		LEFT JOIN periode_penugasan g ON g.periode_id = s.periode_id AND g.pegawai_id = s.pegawai_id AND g.ke = s.penugasan_ke
		CROSS JOIN LATERAL (SELECT CASE WHEN g.ke IS NULL THEN ps.penilai_id ELSE g.penilai_id END AS id) pen
		LEFT JOIN periode_peserta pp ON pp.periode_id = s.periode_id AND pp.pegawai_id = pen.id
		JOIN jabatan j ON j.id = coalesce(g.jabatan_id, ps.jabatan_id)
		JOIN unit_kerja u ON u.id = coalesce(g.unit_kerja_id, ps.unit_kerja_id)
		CROSS JOIN LATERAL (
		    SELECT coalesce(array_agg(e.nilai::int4 ORDER BY e.nilai), '{}') AS nilai, coalesce(array_agg(e.ekspektasi ORDER BY e.nilai), '{}') AS teks
		    FROM skp_ekspektasi e WHERE e.skp_id = s.id AND e.periode_id = s.periode_id
		) e
		CROSS JOIN LATERAL (
		    SELECT array_agg(v.id ORDER BY v.versi DESC) AS id, array_agg(v.versi ORDER BY v.versi DESC) AS versi,
		           array_agg(v.status ORDER BY v.versi DESC) AS status
		    FROM skp v WHERE v.periode_id = s.periode_id AND v.pegawai_id = s.pegawai_id AND v.penugasan_ke = s.penugasan_ke
		) v
		CROSS JOIN LATERAL (
		    SELECT coalesce(array_agg(v.versi ORDER BY c.at, c.id), '{}') AS versi, coalesce(array_agg(c.oleh ORDER BY c.at, c.id), '{}') AS oleh,
		           coalesce(array_agg(c.aksi ORDER BY c.at, c.id), '{}') AS aksi, coalesce(array_agg(c.catatan ORDER BY c.at, c.id), '{}') AS catatan,
		           coalesce(array_agg(c.at ORDER BY c.at, c.id), '{}') AS at
		    FROM skp_catatan c JOIN skp v ON v.id = c.skp_id WHERE v.periode_id = s.periode_id AND v.pegawai_id = s.pegawai_id AND v.penugasan_ke = s.penugasan_ke
		) n
		WHERE s.id = $1 AND s.periode_id = $2`

// getSKPIdentityQuery reads the identity blocks as they stand now: the pegawai
// (ord 1), the penilai of the plan's penugasan (ord 2) and that penilai's own
// penilai, the atasan penilai (ord 3), each absent when there is none in the period.
const getSKPIdentityQuery = `
		SELECT x.ord, p.id, p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.jenis_asn, g.golongan, g.pangkat, j.nama, j.jenis, u.nama, d.nama
		FROM skp s
		JOIN periode_peserta ps ON ps.periode_id = s.periode_id AND ps.pegawai_id = s.pegawai_id
		CROSS JOIN LATERAL (SELECT coalesce((SELECT h.penilai_id FROM periode_penugasan h WHERE h.periode_id = s.periode_id AND h.pegawai_id = s.pegawai_id
		    AND h.ke = s.penugasan_ke), CASE WHEN s.penugasan_ke = ps.penugasan_ke THEN ps.penilai_id END) AS id) pen
		LEFT JOIN periode_peserta pp ON pp.periode_id = s.periode_id AND pp.pegawai_id = pen.id
		CROSS JOIN LATERAL (VALUES (1, s.pegawai_id), (2, pen.id), (3, pp.penilai_id)) x(ord, id)
		JOIN pegawai p ON p.id = x.id
		LEFT JOIN pangkat_golongan g ON g.id = p.pangkat_id
		LEFT JOIN jabatan j ON j.id = p.jabatan_id
		LEFT JOIN unit_kerja u ON u.id = p.unit_kerja_id
		LEFT JOIN perangkat_daerah d ON d.id = u.opd_id
		WHERE s.id = $1 AND s.periode_id = $2
		ORDER BY x.ord`

// identityRow receives the columns of getSKPIdentityQuery after ord.
type identityRow struct {
	ID                                                                                                  *int64
	NIP, Nama, GelarDepan, GelarBelakang, JenisASN, Golongan, Pangkat, Jabatan, JenisJabatan, Unit, OPD *string
}

func (x *identityRow) dest() []any {
	return []any{&x.ID, &x.NIP, &x.Nama, &x.GelarDepan, &x.GelarBelakang, &x.JenisASN, &x.Golongan, &x.Pangkat, &x.Jabatan, &x.JenisJabatan, &x.Unit, &x.OPD}
}

func (x *identityRow) pegawai() org.Pegawai {
	var id int64
	if x.ID != nil {
		id = *x.ID
	}
	return org.Pegawai{ID: id, NIP: orEmpty(x.NIP), Nama: orEmpty(x.Nama), GelarDepan: orEmpty(x.GelarDepan), GelarBelakang: orEmpty(x.GelarBelakang),
		JenisASN: org.JenisASN(orEmpty(x.JenisASN)), Golongan: orEmpty(x.Golongan), Pangkat: orEmpty(x.Pangkat), Jabatan: orEmpty(x.Jabatan),
		JenisJabatan: orEmpty(x.JenisJabatan), Unit: orEmpty(x.Unit), OPD: orEmpty(x.OPD), Aktif: true}
}

// SKPNotes returns the history of all versions of a participant's plan, oldest first.
func (p *PeriodStore) SKPNotes(ctx context.Context, pegawaiID int64) ([]skp.Note, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT s.versi, c.oleh, c.aksi, c.catatan, c.at FROM skp_catatan c JOIN skp s ON s.id = c.skp_id
		WHERE s.periode_id = $1 AND s.pegawai_id = $2 ORDER BY c.at, c.id`, p.id, pegawaiID)
	if err != nil {
		return nil, wrap("skp notes", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[skp.Note])
	return out, wrap("skp notes", err)
}

// PenilaiRHK returns the RHK of the penilai's latest plan, which a subordinate's RHK may support.
// AtasanDraf is set on those of a plan not yet approved.
func (p *PeriodStore) PenilaiRHK(ctx context.Context, penilaiID int64) ([]skp.RHK, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT r.id, r.kunci, r.jenis, r.urutan, r.uraian, s.status <> 'disetujui' FROM skp_rhk r
		JOIN skp s ON s.id = r.skp_id
		WHERE r.periode_id = $1 AND r.skp_id = (SELECT id FROM skp WHERE periode_id = $1 AND pegawai_id = $2 ORDER BY versi DESC LIMIT 1)
		ORDER BY r.jenis = 'tambahan', r.urutan, r.id`, p.id, penilaiID)
	if err != nil {
		return nil, wrap("penilai rhk", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (skp.RHK, error) {
		var x skp.RHK
		err := r.Scan(&x.ID, &x.Kunci, &x.Jenis, &x.Urutan, &x.Uraian, &x.AtasanDraf)
		return x, err
	})
	return out, wrap("penilai rhk", err)
}

// writableSKP locks an SKP of this period for a change: the version must match, the
// period must be in perencanaan or pelaksanaan, and when owner is true the plan must
// be editable by the pegawai (draft or returned).
func (p *PeriodStore) writableSKP(ctx context.Context, tx pgx.Tx, skpID int64, version int, owner bool) (skp.Status, int64, error) {
	var status, fase string
	var v int
	var pegawai int64
	var berakhir bool
	err := tx.QueryRow(ctx, `SELECT s.status, s.version, s.pegawai_id, pr.fase, s.penugasan_ke < ps.penugasan_ke FROM skp s JOIN periode pr ON pr.id = s.periode_id
		JOIN periode_peserta ps ON ps.periode_id = s.periode_id AND ps.pegawai_id = s.pegawai_id
		WHERE s.id = $1 AND s.periode_id = $2 FOR UPDATE OF s`, skpID, p.id).Scan(&status, &v, &pegawai, &fase, &berakhir)
	if err != nil {
		return "", 0, translate(err, "SKP")
	}
	if v != version {
		return "", 0, ErrStale
	}
	if err := skp.CheckPenugasanBerjalan(berakhir); err != nil {
		return "", 0, err
	}
	act := periode.ApproveSKP
	if owner {
		act = periode.EditSKP
	}
	if err := periode.Check(periode.Fase(fase), act, periode.Year); err != nil {
		return "", 0, err
	}
	st := skp.Status(status)
	if owner && !st.Editable() {
		return st, pegawai, apperr.New(apperr.Conflict, "SKP berstatus %s tidak dapat diubah. %s", st.Label(),
			map[bool]string{true: "Ajukan perubahan SKP untuk membuat versi baru.", false: "Tunggu keputusan penilai."}[st == skp.Disetujui])
	}
	return st, pegawai, nil
}

func bump(ctx context.Context, tx pgx.Tx, skpID int64) error {
	_, err := tx.Exec(ctx, `UPDATE skp SET version = version + 1, updated_at = now() WHERE id = $1`, skpID)
	return err
}

// actorName is the actor's akun id (nil for none) and their name with gelar as the
// records show it (their label when they have no akun).
func actorName(ctx context.Context, tx pgx.Tx, actor Actor) (any, string, error) {
	var by any
	if actor.AkunID != 0 {
		by = actor.AkunID
	}
	var oleh string
	err := tx.QueryRow(ctx, `SELECT coalesce((SELECT nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang)
		FROM akun a JOIN pegawai p ON p.id = a.pegawai_id WHERE a.id = $1), $2)`, by, actor.Label).Scan(&oleh)
	return by, oleh, err
}

func (p *PeriodStore) note(ctx context.Context, tx pgx.Tx, actor Actor, skpID int64, aksi, catatan string) error {
	by, oleh, err := actorName(ctx, tx, actor)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO skp_catatan (skp_id, periode_id, akun_id, oleh, aksi, catatan) VALUES ($1, $2, $3, $4, $5, $6)`,
		skpID, p.id, by, oleh, aksi, catatan)
	return err
}

func (p *PeriodStore) auditSKP(ctx context.Context, tx pgx.Tx, actor Actor, skpID int64, action string, before, after any) error {
	return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: action, Entity: "skp", EntityID: itoa(skpID),
		Before: before, After: after, IP: actor.IP})
}

// CreateSKP starts version 1 of a participant's plan (a draft). It returns the new
// id, or apperr.Conflict when the plan exists or the period does not allow it.
func (p *PeriodStore) CreateSKP(ctx context.Context, actor Actor, pegawaiID int64) (int64, error) {
	var id int64
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		var fase string
		var aktif bool
		var penilai *int64
		err := tx.QueryRow(ctx, `SELECT pr.fase, ps.aktif, ps.penilai_id FROM periode pr JOIN periode_peserta ps ON ps.periode_id = pr.id
			WHERE pr.id = $1 AND ps.pegawai_id = $2`, p.id, pegawaiID).Scan(&fase, &aktif, &penilai)
		if err != nil {
			return translate(err, "Peserta periode")
		}
		if !aktif {
			return apperr.New(apperr.Conflict, "Anda tidak lagi menjadi peserta periode ini.")
		}
		if err := periode.Check(periode.Fase(fase), periode.CreateSKP, periode.Year); err != nil {
			return err
		}
		err = tx.QueryRow(ctx, `INSERT INTO skp (periode_id, pegawai_id, penilai_id) VALUES ($1, $2, $3) ON CONFLICT (periode_id, pegawai_id, versi) DO NOTHING RETURNING id`,
			p.id, pegawaiID, penilai).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			return apperr.New(apperr.Conflict, "SKP periode ini sudah dibuat.")
		}
		if err != nil {
			return err
		}
		return p.auditSKP(ctx, tx, actor, id, "skp.buat", nil, map[string]any{"versi": 1, "status": "draft"})
	})
	return id, wrap("create skp", err)
}

// CopyPrevious starts version 1 from the pegawai's plan of the latest earlier period:
// RHK, IKI and lampiran are copied as a new draft; links to atasan RHK are left for
// the pegawai to choose again, since they belong to the earlier period.
func (p *PeriodStore) CopyPrevious(ctx context.Context, actor Actor, pegawaiID int64) (int64, error) {
	var from int64
	var tahun int
	err := p.s.pool.QueryRow(ctx, `
		SELECT s.id, pr.tahun FROM skp s JOIN periode pr ON pr.id = s.periode_id
		WHERE s.pegawai_id = $1 AND pr.tahun < (SELECT tahun FROM periode WHERE id = $2)
		ORDER BY pr.tahun DESC, s.versi DESC LIMIT 1`, pegawaiID, p.id).Scan(&from, &tahun)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, apperr.New(apperr.NotFound, "Tidak ada SKP periode sebelumnya untuk disalin.")
	}
	if err != nil {
		return 0, wrap("copy previous skp", err)
	}
	id, err := p.CreateSKP(ctx, actor, pegawaiID)
	if err != nil {
		return 0, err
	}
	err = p.s.inTx(ctx, func(tx pgx.Tx) error {
		if err := copyPlan(ctx, tx, from, id, p.id, false); err != nil {
			return err
		}
		return p.note(ctx, tx, actor, id, "salin", fmt.Sprintf("Disalin dari SKP periode %d.", tahun))
	})
	return id, wrap("copy previous skp", err)
}

// copyPlan copies RHK, IKI and lampiran from one SKP to another in set-based
// statements; keepLinks (a new version of the same period) keeps the RHK keys, the
// atasan links and the penilai's ekspektasi khusus pimpinan, so a perubahan carries
// over everything the approved version had; otherwise (last year's plan) new keys
// are drawn and the links and ekspektasi, which belong to that year, are dropped.
func copyPlan(ctx context.Context, tx pgx.Tx, from, to, periodeID int64, keepLinks bool) error {
	if _, err := tx.Exec(ctx, `
		UPDATE skp t SET lampiran_sumber_daya = f.lampiran_sumber_daya, lampiran_skema = f.lampiran_skema, lampiran_konsekuensi = f.lampiran_konsekuensi
		FROM skp f WHERE f.id = $1 AND t.id = $2`, from, to); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `
		WITH src AS (
		    SELECT r.*, CASE WHEN $4 THEN r.kunci ELSE nextval('skp_rhk_kunci_seq') END AS new_kunci FROM skp_rhk r WHERE r.skp_id = $1
		), ins AS (
		    INSERT INTO skp_rhk (skp_id, periode_id, kunci, jenis, urutan, uraian, atasan_kunci, penugasan, perspektif)
		    SELECT $2, $3, new_kunci, jenis, urutan, uraian, CASE WHEN $4 THEN atasan_kunci END, penugasan, perspektif FROM src
		    RETURNING id, kunci
		)
		INSERT INTO skp_iki (rhk_id, periode_id, urutan, indikator, aspek, target, satuan, target_teks)
		SELECT ins.id, $3, i.urutan, i.indikator, i.aspek, i.target, i.satuan, i.target_teks
		FROM src JOIN ins ON ins.kunci = src.new_kunci JOIN skp_iki i ON i.rhk_id = src.id`, from, to, periodeID, keepLinks); err != nil {
		return err
	}
	if keepLinks {
		if _, err := tx.Exec(ctx, `INSERT INTO skp_ekspektasi (skp_id, periode_id, nilai, ekspektasi)
			SELECT $2, $3, nilai, ekspektasi FROM skp_ekspektasi WHERE skp_id = $1`, from, to, periodeID); err != nil {
			return err
		}
	}
	return nil
}

// NewRevision starts a perubahan SKP: a new draft version copied from an approved one.
func (p *PeriodStore) NewRevision(ctx context.Context, actor Actor, skpID int64, version int, alasan string) (int64, error) {
	var id int64
	alasan, err := skp.CheckAlasanPerubahan(alasan)
	if err != nil {
		return 0, err
	}
	err = p.s.inTx(ctx, func(tx pgx.Tx) error {
		st, pegawai, err := p.writableSKP(ctx, tx, skpID, version, false)
		if err != nil {
			return err
		}
		var latest bool
		if err := tx.QueryRow(ctx, `SELECT versi = (SELECT max(versi) FROM skp WHERE periode_id = $2 AND pegawai_id = $3) FROM skp WHERE id = $1`,
			skpID, p.id, pegawai).Scan(&latest); err != nil {
			return err
		}
		if st != skp.Disetujui || !latest {
			return apperr.New(apperr.Conflict, "Perubahan SKP dibuat dari versi terakhir yang sudah disetujui.")
		}
		if err := tx.QueryRow(ctx, `
			INSERT INTO skp (periode_id, pegawai_id, versi, penilai_id, penugasan_ke)
			SELECT s.periode_id, s.pegawai_id, s.versi + 1, ps.penilai_id, s.penugasan_ke FROM skp s
			JOIN periode_peserta ps ON ps.periode_id = s.periode_id AND ps.pegawai_id = s.pegawai_id WHERE s.id = $1 RETURNING id`, skpID).Scan(&id); err != nil {
			return err
		}
		if err := copyPlan(ctx, tx, skpID, id, p.id, true); err != nil {
			return err
		}
		if err := p.note(ctx, tx, actor, id, "perubahan", "Perubahan SKP dari versi yang disetujui. Alasan: "+alasan); err != nil {
			return err
		}
		return p.auditSKP(ctx, tx, actor, id, "skp.perubahan", map[string]any{"dari": skpID}, map[string]any{"status": "draft", "alasan": alasan})
	})
	return id, wrap("new skp revision", err)
}

// SaveRHK adds (rhkID 0) or changes an RHK of an editable plan.
func (p *PeriodStore) SaveRHK(ctx context.Context, actor Actor, skpID int64, version int, rhkID int64, r skp.RHK) (int64, error) {
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, _, err := p.writableSKP(ctx, tx, skpID, version, true); err != nil {
			return err
		}
		var err error
		rhkID, err = p.saveRHK(ctx, tx, actor, skpID, rhkID, r)
		return err
	})
	return rhkID, wrap("save rhk", err)
}

// AddRHKWithIKI adds an RHK with its indicators in one transaction: the form that
// writes both at once.
func (p *PeriodStore) AddRHKWithIKI(ctx context.Context, actor Actor, skpID int64, version int, r skp.RHK, ikis []skp.IKI) (int64, error) {
	var rhkID int64
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, _, err := p.writableSKP(ctx, tx, skpID, version, true); err != nil {
			return err
		}
		var err error
		if rhkID, err = p.saveRHK(ctx, tx, actor, skpID, 0, r); err != nil {
			return err
		}
		for _, k := range ikis {
			if _, err := p.saveIKI(ctx, tx, actor, skpID, rhkID, 0, k); err != nil {
				return err
			}
		}
		return nil
	})
	return rhkID, wrap("add rhk with iki", err)
}

// saveRHK writes an RHK of a plan writableSKP allowed, in tx.
func (p *PeriodStore) saveRHK(ctx context.Context, tx pgx.Tx, actor Actor, skpID, rhkID int64, r skp.RHK) (int64, error) {
	atasan := nullID(r.AtasanKunci)
	persp := any(nil)
	if r.Perspektif != "" {
		persp = r.Perspektif
	}
	var before any
	if rhkID == 0 {
		if err := tx.QueryRow(ctx, `
			INSERT INTO skp_rhk (skp_id, periode_id, jenis, urutan, uraian, atasan_kunci, penugasan, perspektif)
			VALUES ($1, $2, $3, (SELECT coalesce(max(urutan), 0) + 1 FROM skp_rhk WHERE skp_id = $1), $4, $5, $6, $7) RETURNING id`,
			skpID, p.id, r.Jenis, r.Uraian, atasan, r.Penugasan, persp).Scan(&rhkID); err != nil {
			return 0, err
		}
	} else {
		var old string
		if err := tx.QueryRow(ctx, `SELECT uraian FROM skp_rhk WHERE id = $1 AND skp_id = $2`, rhkID, skpID).Scan(&old); err != nil {
			return 0, translate(err, "RHK")
		}
		before = map[string]string{"uraian": old}
		if _, err := tx.Exec(ctx, `UPDATE skp_rhk SET jenis = $3, uraian = $4, atasan_kunci = $5, penugasan = $6, perspektif = $7 WHERE id = $1 AND skp_id = $2`,
			rhkID, skpID, r.Jenis, r.Uraian, atasan, r.Penugasan, persp); err != nil {
			return 0, err
		}
	}
	if err := bump(ctx, tx, skpID); err != nil {
		return 0, err
	}
	return rhkID, p.auditSKP(ctx, tx, actor, skpID, "skp.rhk", before, map[string]any{"rhk_id": rhkID, "jenis": r.Jenis, "uraian": r.Uraian, "atasan_kunci": r.AtasanKunci})
}

// DeleteRHK removes an RHK and its indicators from an editable plan.
func (p *PeriodStore) DeleteRHK(ctx context.Context, actor Actor, skpID int64, version int, rhkID int64) error {
	return wrap("delete rhk", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, _, err := p.writableSKP(ctx, tx, skpID, version, true); err != nil {
			return err
		}
		rhk := []skp.RHK{{ID: rhkID}}
		if err := tx.QueryRow(ctx, `SELECT kunci FROM skp_rhk WHERE id = $1 AND skp_id = $2`, rhkID, skpID).Scan(&rhk[0].Kunci); err != nil {
			return translate(err, "RHK")
		}
		rows, err := tx.Query(ctx, pendukungQuery, p.id, skpID, rhkID)
		if err := scanPendukung(rows, err, rhk); err != nil {
			return err
		}
		if err := skp.CheckHapusRHK(rhk[0]); err != nil {
			return err
		}
		var uraian string
		if err := tx.QueryRow(ctx, `DELETE FROM skp_rhk WHERE id = $1 AND skp_id = $2 RETURNING uraian`, rhkID, skpID).Scan(&uraian); err != nil {
			return translate(err, "RHK")
		}
		if err := bump(ctx, tx, skpID); err != nil {
			return err
		}
		return p.auditSKP(ctx, tx, actor, skpID, "skp.rhk_hapus", map[string]any{"rhk_id": rhkID, "uraian": uraian}, nil)
	}))
}

// SaveIKI adds (ikiID 0) or changes an indicator of an RHK of an editable plan.
func (p *PeriodStore) SaveIKI(ctx context.Context, actor Actor, skpID int64, version int, rhkID, ikiID int64, k skp.IKI) (int64, error) {
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, _, err := p.writableSKP(ctx, tx, skpID, version, true); err != nil {
			return err
		}
		var err error
		ikiID, err = p.saveIKI(ctx, tx, actor, skpID, rhkID, ikiID, k)
		return err
	})
	return ikiID, wrap("save iki", err)
}

// saveIKI writes an indicator of an RHK of a plan writableSKP allowed, in tx.
func (p *PeriodStore) saveIKI(ctx context.Context, tx pgx.Tx, actor Actor, skpID, rhkID, ikiID int64, k skp.IKI) (int64, error) {
	var ok bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM skp_rhk WHERE id = $1 AND skp_id = $2)`, rhkID, skpID).Scan(&ok); err != nil {
		return 0, err
	}
	if !ok {
		return 0, apperr.New(apperr.NotFound, "RHK tidak ditemukan.")
	}
	aspek := any(nil)
	if k.Aspek != "" {
		aspek = k.Aspek
	}
	if ikiID == 0 {
		if err := tx.QueryRow(ctx, `
			INSERT INTO skp_iki (rhk_id, periode_id, urutan, indikator, aspek, target, satuan, target_teks)
			VALUES ($1, $2, (SELECT coalesce(max(urutan), 0) + 1 FROM skp_iki WHERE rhk_id = $1), $3, $4, $5, $6, $7) RETURNING id`,
			rhkID, p.id, k.Indikator, aspek, k.Target, k.Satuan, k.TargetTeks).Scan(&ikiID); err != nil {
			return 0, err
		}
	} else {
		tag, err := tx.Exec(ctx, `UPDATE skp_iki SET indikator = $3, aspek = $4, target = $5, satuan = $6, target_teks = $7 WHERE id = $1 AND rhk_id = $2`,
			ikiID, rhkID, k.Indikator, aspek, k.Target, k.Satuan, k.TargetTeks)
		if err != nil {
			return 0, err
		}
		if tag.RowsAffected() == 0 {
			return 0, apperr.New(apperr.NotFound, "Indikator tidak ditemukan.")
		}
	}
	if err := bump(ctx, tx, skpID); err != nil {
		return 0, err
	}
	return ikiID, p.auditSKP(ctx, tx, actor, skpID, "skp.iki", nil, map[string]any{"iki_id": ikiID, "rhk_id": rhkID, "indikator": k.Indikator, "target": k.Target, "satuan": k.Satuan, "target_teks": k.TargetTeks})
}

// DeleteIKI removes an indicator from an editable plan.
func (p *PeriodStore) DeleteIKI(ctx context.Context, actor Actor, skpID int64, version int, ikiID int64) error {
	return wrap("delete iki", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, _, err := p.writableSKP(ctx, tx, skpID, version, true); err != nil {
			return err
		}
		var ind string
		if err := tx.QueryRow(ctx, `DELETE FROM skp_iki i USING skp_rhk r WHERE i.id = $1 AND r.id = i.rhk_id AND r.skp_id = $2 RETURNING i.indikator`,
			ikiID, skpID).Scan(&ind); err != nil {
			return translate(err, "Indikator")
		}
		if err := bump(ctx, tx, skpID); err != nil {
			return err
		}
		return p.auditSKP(ctx, tx, actor, skpID, "skp.iki_hapus", map[string]any{"iki_id": ikiID, "indikator": ind}, nil)
	}))
}

// SaveLampiran stores the three attachment texts of an editable plan.
func (p *PeriodStore) SaveLampiran(ctx context.Context, actor Actor, skpID int64, version int, vals [3]string) error {
	return wrap("save lampiran", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, _, err := p.writableSKP(ctx, tx, skpID, version, true); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE skp SET lampiran_sumber_daya = $2, lampiran_skema = $3, lampiran_konsekuensi = $4 WHERE id = $1`,
			skpID, vals[0], vals[1], vals[2]); err != nil {
			return err
		}
		if err := bump(ctx, tx, skpID); err != nil {
			return err
		}
		return p.auditSKP(ctx, tx, actor, skpID, "skp.lampiran", nil, map[string]string{"sumber_daya": vals[0], "skema": vals[1], "konsekuensi": vals[2]})
	}))
}

// Submit sends an editable plan to the penilai. It returns an apperr.Invalid error
// whose Fields["missing"] lists, one per line, everything still missing.
func (p *PeriodStore) Submit(ctx context.Context, actor Actor, skpID int64, version int) error {
	k, err := p.GetSKP(ctx, skpID)
	if err != nil {
		return err
	}
	if k.PenilaiID == 0 {
		return apperr.New(apperr.Conflict, "Anda belum memiliki pejabat penilai di periode ini; hubungi Admin BKD.")
	}
	if missing := skp.Missing(k.Plan()); len(missing) > 0 {
		return &apperr.Error{Code: apperr.Invalid, Message: "SKP belum lengkap:", Fields: map[string]string{"missing": strings.Join(missing, "\n")}}
	}
	return wrap("submit skp", p.s.inTx(ctx, func(tx pgx.Tx) error {
		st, _, err := p.writableSKP(ctx, tx, skpID, version, true)
		if err != nil {
			return err
		}
		if err := skp.CheckSubmit(st); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE skp SET status = 'diajukan', diajukan_at = now(), penilai_id = $2, version = version + 1, updated_at = now() WHERE id = $1`,
			skpID, k.PenilaiID); err != nil {
			return err
		}
		if err := p.note(ctx, tx, actor, skpID, "ajukan", ""); err != nil {
			return err
		}
		if _, err := p.s.notify(ctx, tx, actor, notif.SKPDiajukanKe(k.PenilaiID, skpID, version+1, k.Pegawai.NamaLengkap())); err != nil {
			return err
		}
		return p.auditSKP(ctx, tx, actor, skpID, "skp.ajukan", map[string]string{"status": string(st)}, map[string]string{"status": "diajukan"})
	}))
}

// Decide approves or returns a submitted plan; only the participant's penilai in the
// period may (checked by the caller with the loaded SKP). A return needs a note.
func (p *PeriodStore) Decide(ctx context.Context, actor Actor, skpID int64, version int, approve bool, note string) error {
	return wrap("decide skp", p.s.inTx(ctx, func(tx pgx.Tx) error {
		st, _, err := p.writableSKP(ctx, tx, skpID, version, false)
		if err != nil {
			return err
		}
		note, err := skp.CheckDecide(st, approve, note)
		if err != nil {
			return err
		}
		to, aksi := "dikembalikan", "kembalikan"
		if approve {
			to, aksi = "disetujui", "setujui"
		}
		if _, err := tx.Exec(ctx, `UPDATE skp SET status = $2, disetujui_at = CASE WHEN $2 = 'disetujui' THEN now() END, version = version + 1, updated_at = now() WHERE id = $1`,
			skpID, to); err != nil {
			return err
		}
		if err := p.note(ctx, tx, actor, skpID, aksi, note); err != nil {
			return err
		}
		var owner int64
		if err := tx.QueryRow(ctx, `SELECT pegawai_id FROM skp WHERE id = $1`, skpID).Scan(&owner); err != nil {
			return err
		}
		_, penilai, err := actorName(ctx, tx, actor)
		if err != nil {
			return err
		}
		msg := notif.SKPDikembalikanKe(owner, skpID, version+1, penilai, note)
		if approve {
			msg = notif.SKPDisetujuiKe(owner, skpID, version+1, penilai)
		}
		if _, err := p.s.notify(ctx, tx, actor, msg); err != nil {
			return err
		}
		return p.auditSKP(ctx, tx, actor, skpID, "skp."+aksi, map[string]string{"status": string(st)}, map[string]string{"status": to, "catatan": note})
	}))
}

// SaveEkspektasi stores the penilai's Ekspektasi Khusus Pimpinan per BerAKHLAK value
// (empty text removes one), while the plan is not yet approved.
func (p *PeriodStore) SaveEkspektasi(ctx context.Context, actor Actor, skpID int64, version int, ekspektasi map[int]string) error {
	return wrap("save ekspektasi", p.s.inTx(ctx, func(tx pgx.Tx) error {
		st, _, err := p.writableSKP(ctx, tx, skpID, version, false)
		if err != nil {
			return err
		}
		eks, err := skp.CheckEkspektasi(st, ekspektasi)
		if err != nil {
			return err
		}
		for n := 1; n <= len(skp.BerAKHLAK); n++ {
			e := eks[n]
			if e == "" {
				_, err = tx.Exec(ctx, `DELETE FROM skp_ekspektasi WHERE skp_id = $1 AND nilai = $2`, skpID, n)
			} else {
				_, err = tx.Exec(ctx, `INSERT INTO skp_ekspektasi (skp_id, periode_id, nilai, ekspektasi) VALUES ($1, $2, $3, $4)
					ON CONFLICT (skp_id, nilai) DO UPDATE SET ekspektasi = EXCLUDED.ekspektasi`, skpID, p.id, n, e)
			}
			if err != nil {
				return err
			}
		}
		if err := bump(ctx, tx, skpID); err != nil {
			return err
		}
		return p.auditSKP(ctx, tx, actor, skpID, "skp.ekspektasi", nil, ekspektasi)
	}))
}

// BawahanSKP is a subordinate's plan status in the penilai's queue.
type BawahanSKP struct {
	PegawaiID int64
	NIP       string
	Nama      string
	Jabatan   string
	SKPID     int64 // 0: not started
	Versi     int
	Status    string
	Diajukan  *time.Time
	Version   int // the latest version's optimistic lock
}

// ListBawahanSKP returns the participants whose penilai in this period is penilaiID,
// with the status of their latest plan version; submitted ones first.
func (p *PeriodStore) ListBawahanSKP(ctx context.Context, penilaiID int64) ([]BawahanSKP, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT ps.pegawai_id, pg.nip, nama_lengkap(pg.gelar_depan, pg.nama, pg.gelar_belakang),
		       ps.jabatan, coalesce(s.id, 0), coalesce(s.versi, 0), coalesce(s.status, ''), s.diajukan_at, coalesce(s.version, 0)
		FROM periode_peserta ps
		JOIN pegawai pg ON pg.id = ps.pegawai_id
		LEFT JOIN LATERAL (SELECT id, versi, status, diajukan_at, version FROM skp WHERE periode_id = ps.periode_id AND pegawai_id = ps.pegawai_id ORDER BY versi DESC LIMIT 1) s ON true
		WHERE ps.periode_id = $1 AND ps.penilai_id = $2 AND ps.aktif
		ORDER BY s.status = 'diajukan' DESC, lower(pg.nama)`, p.id, penilaiID)
	if err != nil {
		return nil, wrap("list bawahan skp", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[BawahanSKP])
	return out, wrap("list bawahan skp", err)
}
