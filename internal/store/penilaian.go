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
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
)

const penilaianCols = `id, skp_id, pegawai_id, checkin, coalesce(hasil_kerja, ''), coalesce(saran_hasil_kerja, ''), alasan_hasil_kerja,
	coalesce(perilaku, ''), coalesce(predikat, ''), ditetapkan_at, diusulkan_at, version`

func scanPenilaian(row pgx.Row) (penilaian.Penilaian, error) {
	var x penilaian.Penilaian
	var checkin int16
	var hk, saran, pk, pred string
	err := row.Scan(&x.ID, &x.SKPID, &x.PegawaiID, &checkin, &hk, &saran, &x.AlasanHK, &pk, &pred, &x.DitetapkanAt, &x.DiusulkanAt, &x.Version)
	x.Checkin = int(checkin)
	x.HasilKerja, x.SaranHK, x.Perilaku, x.Predikat = penilaian.Rating(hk), penilaian.Rating(saran), penilaian.Rating(pk), penilaian.Predikat(pred)
	return x, err
}

// PenilaianOf returns the pegawai's rating at a check-in with its items; a rating not
// saved yet comes back with Version 0 and no error.
func (p *PeriodStore) PenilaianOf(ctx context.Context, pegawaiID int64, checkin int) (penilaian.Penilaian, error) {
	return p.penilaianOf(ctx, p.s.pool, pegawaiID, checkin, false)
}

func (p *PeriodStore) penilaianOf(ctx context.Context, db DBTX, pegawaiID int64, checkin int, lock bool) (penilaian.Penilaian, error) {
	q := `SELECT ` + penilaianCols + ` FROM penilaian WHERE periode_id = $1 AND pegawai_id = $2 AND checkin = $3`
	if lock {
		q += ` FOR UPDATE`
	}
	x, err := scanPenilaian(db.QueryRow(ctx, q, p.id, pegawaiID, checkin))
	if errors.Is(err, pgx.ErrNoRows) {
		return penilaian.Penilaian{PegawaiID: pegawaiID, Checkin: checkin, Items: map[penilaian.Sasaran]penilaian.Item{}}, nil
	}
	if err != nil {
		return x, wrap("penilaian", err)
	}
	rows, err := db.Query(ctx, `SELECT sasaran, rating, umpan_balik FROM penilaian_item WHERE penilaian_id = $1`, x.ID)
	if err != nil {
		return x, wrap("penilaian items", err)
	}
	items, err := pgx.CollectRows(rows, scanItem)
	if err != nil {
		return x, wrap("penilaian items", err)
	}
	x.Items = make(map[penilaian.Sasaran]penilaian.Item, len(items))
	for _, it := range items {
		x.Items[it.Sasaran] = it
	}
	return x, nil
}

// sasaranCol scans the sasaran column, which holds penilaian.Sasaran's stored form.
type sasaranCol struct{ s *penilaian.Sasaran }

func (c sasaranCol) Scan(src any) error {
	v, _ := src.(string)
	x, ok := penilaian.ParseSasaran(v)
	if !ok {
		return fmt.Errorf("bad sasaran %q", src)
	}
	*c.s = x
	return nil
}

// ratingCol scans a rating column.
type ratingCol struct{ r *penilaian.Rating }

func (c ratingCol) Scan(src any) error {
	v, _ := src.(string)
	*c.r = penilaian.Rating(v)
	return nil
}

// scanItem reads a rated sasaran.
func scanItem(row pgx.CollectableRow) (penilaian.Item, error) {
	var it penilaian.Item
	err := row.Scan(sasaranCol{&it.Sasaran}, ratingCol{&it.Rating}, &it.UmpanBalik)
	return it, err
}

// PenilaianTahun returns the pegawai's ratings at every check-in and for the year, by
// check-in, without items.
func (p *PeriodStore) PenilaianTahun(ctx context.Context, pegawaiID int64) (map[int]penilaian.Penilaian, error) {
	rows, err := p.s.pool.Query(ctx, `SELECT `+penilaianCols+` FROM penilaian WHERE periode_id = $1 AND pegawai_id = $2`, p.id, pegawaiID)
	if err != nil {
		return nil, wrap("penilaian tahun", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (penilaian.Penilaian, error) { return scanPenilaian(r) })
	if err != nil {
		return nil, wrap("penilaian tahun", err)
	}
	out := make(map[int]penilaian.Penilaian, len(list))
	for _, x := range list {
		out[x.Checkin] = x
	}
	return out, nil
}

var errDitetapkan = apperr.New(apperr.Conflict, "Penilaian ini sudah ditetapkan dan dikunci; perubahan hanya melalui keputusan keberatan.")

// SavePenilaian checks the penilai's form against the plan (penilaian.CheckInput:
// the store computes the Hasil Kerja suggestion itself) and stores the ratings of an
// SKP at a check-in in one transaction: the header, the items (set-based), a history
// row per changed value and an audit entry. Invalid input returns a validation error
// on penilaian's field names; a version other than the one read returns ErrStale; a
// published rating, a phase that does not take ratings or a plan not in force return
// a conflict. Nothing is saved on any refusal.
func (p *PeriodStore) SavePenilaian(ctx context.Context, actor Actor, skpID, pegawaiID int64, form penilaian.Input) error {
	return wrap("save penilaian", p.s.inTx(ctx, func(tx pgx.Tx) error {
		plan, err := planRHK(ctx, tx, p.id, skpID)
		if err != nil {
			return err
		}
		in, errs := penilaian.CheckInput(form, plan)
		if errs != nil {
			if msg, ok := errs[penilaian.FieldRHK]; ok && len(errs) == 1 {
				return apperr.New(apperr.NotFound, "%s", msg)
			}
			return apperr.Validation(errs)
		}
		if err := p.inForce(ctx, tx, skpID, periode.Rate, in.Checkin); err != nil {
			return err
		}
		old, err := p.penilaianOf(ctx, tx, pegawaiID, in.Checkin, true)
		if err != nil {
			return err
		}
		if old.Version != in.Version {
			return ErrStale
		}
		if old.Ditetapkan() {
			return errDitetapkan
		}
		if old.DiusulkanAt != nil {
			return penilaian.ErrDiusulkan
		}
		n := len(in.Items)
		sasaran, rating, ub := make([]string, n), make([]string, n), make([]string, n)
		for i, it := range in.Items {
			sasaran[i], rating[i], ub[i] = it.Sasaran.String(), string(it.Rating), it.UmpanBalik
		}
		by := actorID(actor)
		id := old.ID
		if old.Version == 0 {
			err = tx.QueryRow(ctx, `
				INSERT INTO penilaian (periode_id, pegawai_id, skp_id, checkin, hasil_kerja, saran_hasil_kerja, alasan_hasil_kerja, perilaku, updated_by)
				VALUES ($1, $2, $3, $4, nullif($5, ''), nullif($6, ''), $7, nullif($8, ''), $9)
				ON CONFLICT (periode_id, pegawai_id, checkin) DO NOTHING RETURNING id`,
				p.id, pegawaiID, skpID, in.Checkin, string(in.HasilKerja), string(in.SaranHK), in.Alasan, string(in.Perilaku), by).Scan(&id)
			if errors.Is(err, pgx.ErrNoRows) {
				return ErrStale // someone saved the first rating meanwhile
			}
		} else {
			_, err = tx.Exec(ctx, `
				UPDATE penilaian SET skp_id = $2, hasil_kerja = nullif($3, ''), saran_hasil_kerja = nullif($4, ''), alasan_hasil_kerja = $5,
				       perilaku = nullif($6, ''), version = version + 1, updated_at = now(), updated_by = $7
				WHERE id = $1`, id, skpID, string(in.HasilKerja), string(in.SaranHK), in.Alasan, string(in.Perilaku), by)
		}
		if err != nil {
			return translateRating(err)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO penilaian_item AS i (penilaian_id, periode_id, sasaran, rating, umpan_balik)
			SELECT $1, $2, s, r, u FROM unnest($3::text[], $4::text[], $5::text[]) AS t(s, r, u)
			ON CONFLICT (penilaian_id, sasaran) DO UPDATE SET rating = EXCLUDED.rating, umpan_balik = EXCLUDED.umpan_balik
			WHERE (i.rating, i.umpan_balik) IS DISTINCT FROM (EXCLUDED.rating, EXCLUDED.umpan_balik)`,
			id, p.id, sasaran, rating, ub); err != nil {
			return translateRating(err)
		}
		// The history: one row per value that changed.
		var hs, hl, hb, ha []string
		change := func(s string, lama, baru penilaian.Rating, why string) {
			if lama != baru {
				hs, hl, hb, ha = append(hs, s), append(hl, string(lama)), append(hb, string(baru)), append(ha, why)
			}
		}
		for _, it := range in.Items {
			change(it.Sasaran.String(), old.Items[it.Sasaran].Rating, it.Rating, "")
		}
		change("hasil_kerja", old.HasilKerja, in.HasilKerja, in.Alasan)
		change("perilaku", old.Perilaku, in.Perilaku, "")
		if err := addRiwayatPenilaian(ctx, tx, p.id, id, actor, hs, hl, hb, ha); err != nil {
			return err
		}
		if len(hs) == 0 && sameFeedback(old.Items, in.Items) {
			return nil
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "penilaian.simpan", Entity: "penilaian", EntityID: itoa(id),
			Before: ratingAudit(old.HasilKerja, old.Perilaku, old.AlasanHK, old.Items), After: ratingAudit(in.HasilKerja, in.Perilaku, in.Alasan, itemMap(in.Items)), IP: actor.IP})
	}))
}

// planRHK reads what rating needs of the plan's RHK: their keys in display order and
// which are Utama.
func planRHK(ctx context.Context, db DBTX, periodeID, skpID int64) ([]penilaian.PlanRHK, error) {
	rows, err := db.Query(ctx, `SELECT kunci, jenis = 'utama' FROM skp_rhk WHERE skp_id = $1 AND periode_id = $2 ORDER BY jenis = 'tambahan', urutan, id`, skpID, periodeID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[penilaian.PlanRHK])
}

func itemMap(items []penilaian.Item) map[penilaian.Sasaran]penilaian.Item {
	m := make(map[penilaian.Sasaran]penilaian.Item, len(items))
	for _, it := range items {
		m[it.Sasaran] = it
	}
	return m
}

func sameFeedback(old map[penilaian.Sasaran]penilaian.Item, items []penilaian.Item) bool {
	for _, it := range items {
		if old[it.Sasaran].UmpanBalik != it.UmpanBalik {
			return false
		}
	}
	return true
}

// ratingAudit is a rating as the audit log records it (sasaran in their stored form).
func ratingAudit(hk, pk penilaian.Rating, alasan string, items map[penilaian.Sasaran]penilaian.Item) map[string]any {
	return map[string]any{"hasil_kerja": hk, "perilaku": pk, "alasan_hasil_kerja": alasan, "item": items}
}

func actorID(a Actor) any {
	if a.AkunID == 0 {
		return nil
	}
	return a.AkunID
}

// translateRating turns the lock trigger's refusal into the conflict a person reads.
func translateRating(err error) error {
	if err != nil && strings.Contains(err.Error(), "penilaian_ditetapkan") {
		return errDitetapkan
	}
	if err != nil && strings.Contains(err.Error(), "penilaian_diusulkan") {
		return penilaian.ErrDiusulkan
	}
	return err
}

func addRiwayatPenilaian(ctx context.Context, db DBTX, periodeID, penilaianID int64, actor Actor, sasaran, lama, baru, alasan []string) error {
	if len(sasaran) == 0 {
		return nil
	}
	_, err := db.Exec(ctx, `
		INSERT INTO penilaian_riwayat (periode_id, penilaian_id, oleh, oleh_label, sasaran, lama, baru, alasan)
		SELECT $1, $2, $3, $4, s, nullif(l, ''), nullif(b, ''), a FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) AS t(s, l, b, a)`,
		periodeID, penilaianID, actorID(actor), actor.Label, sasaran, lama, baru, alasan)
	return err
}

// RiwayatItem is one change to a rating, as the pegawai reads it.
type RiwayatItem struct {
	At                 time.Time
	Checkin            int
	Oleh               string
	Sasaran            string
	Lama, Baru, Alasan string
	Ditetapkan         bool // the rating is published now
}

// RiwayatPenilaian lists every change to the pegawai's ratings of this period, oldest
// first, with the name of whoever made it.
func (p *PeriodStore) RiwayatPenilaian(ctx context.Context, pegawaiID int64) ([]RiwayatItem, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT h.at, pn.checkin::int, coalesce(nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang), h.oleh_label), h.sasaran, coalesce(h.lama, ''), coalesce(h.baru, ''), h.alasan, pn.ditetapkan_at IS NOT NULL
		FROM penilaian_riwayat h
		JOIN penilaian pn ON pn.id = h.penilaian_id
		LEFT JOIN akun a ON a.id = h.oleh
		LEFT JOIN pegawai g ON g.id = a.pegawai_id
		WHERE h.periode_id = $1 AND pn.pegawai_id = $2
		ORDER BY h.at, h.id`, p.id, pegawaiID)
	if err != nil {
		return nil, wrap("riwayat penilaian", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[RiwayatItem])
	return list, wrap("riwayat penilaian", err)
}

// KurvaPenilai is the distribution of the penilai's direct subordinates at a check-in,
// under the organisation predikat of the penilai's OPD.
func (p *PeriodStore) KurvaPenilai(ctx context.Context, penilaiID int64, checkin int) (penilaian.Distribusi, error) {
	return p.kurva(ctx, p.s.pool, "u.penilai_id = $2", `(SELECT opd_id FROM periode_peserta WHERE periode_id = $1 AND pegawai_id = $2)`, penilaiID, checkin)
}

// KurvaOPD is the distribution of every participant of an OPD at a check-in.
func (p *PeriodStore) KurvaOPD(ctx context.Context, opdID int64, checkin int) (penilaian.Distribusi, error) {
	return p.kurva(ctx, p.s.pool, "u.opd_id = $2", "$2", opdID, checkin)
}

func (p *PeriodStore) kurva(ctx context.Context, db DBTX, where, opd string, id int64, checkin int) (penilaian.Distribusi, error) {
	d := penilaian.Distribusi{Counts: map[penilaian.Predikat]int{}}
	var pred []string
	var counts []int32
	var pemb string
	err := db.QueryRow(ctx, `
		SELECT coalesce(array_agg(k.predikat ORDER BY k.predikat), '{}'), coalesce(array_agg(k.n ORDER BY k.predikat), '{}'),
		       coalesce((SELECT predikat FROM periode_predikat_opd WHERE periode_id = $1 AND opd_id = `+opd+`), ''),
		       (SELECT kurva_pembulatan FROM periode WHERE id = $1)
		FROM (
		    SELECT coalesce(pn.predikat, '') AS predikat, count(*)::int4 AS n
		    FROM penilai_unit($1, $3) u
		    LEFT JOIN penilaian pn ON pn.periode_id = $1 AND pn.pegawai_id = u.pegawai_id AND pn.checkin = $3
		    WHERE `+where+`
		    GROUP BY 1
		) k`, p.id, id, checkin).Scan(&pred, &counts, &d.OrgPredikat, &pemb)
	if err != nil {
		return d, wrap("kurva", err)
	}
	d.Pembulatan = penilaian.Pembulatan(pemb)
	for i, x := range pred {
		if x == "" {
			d.BelumDinilai += int(counts[i])
			continue
		}
		d.Counts[penilaian.Predikat(x)] += int(counts[i])
		d.Dinilai += int(counts[i])
	}
	return d, nil
}

// UnitRow is one subordinate on the penilai's list at a check-in.
type UnitRow struct {
	PegawaiID             int64
	NIP, Nama             string
	SKPID                 int64 // the latest SKP version; 0 without one
	SKPStatus             string
	HasilKerja, Perilaku  string
	Predikat              string
	Ditetapkan            bool
	Keberatan             string // "", diajukan, ditolak, diubah
	PenilaianID           int64
	PenilaianVersion      int
	SKPDisetujui          bool
	TanpaPenilaianLengkap bool
	Diusulkan             bool // proposed to the OPD's kalibrasi, not yet published
}

// UnitPenilaian lists the penilai's direct subordinates at a check-in with the latest
// SKP of the penugasan rated then and their rating, by name. After a mutasi the
// earlier penilai keeps the pegawai at the check-ins of the earlier penugasan
// (penilai_unit).
func (p *PeriodStore) UnitPenilaian(ctx context.Context, penilaiID int64, checkin int) ([]UnitRow, error) {
	return p.unitPenilaian(ctx, p.s.pool, penilaiID, checkin)
}

func (p *PeriodStore) unitPenilaian(ctx context.Context, db DBTX, penilaiID int64, checkin int) ([]UnitRow, error) {
	rows, err := db.Query(ctx, `
		SELECT g.id, g.nip, nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang), coalesce(s.id, 0), coalesce(s.status, ''),
		       coalesce(pn.hasil_kerja, ''), coalesce(pn.perilaku, ''), coalesce(pn.predikat, ''), pn.ditetapkan_at IS NOT NULL,
		       coalesce(kb.status, ''), coalesce(pn.id, 0), coalesce(pn.version, 0), coalesce(s.status = 'disetujui', false),
		       coalesce(s.status = 'disetujui', false) AND pn.predikat IS NULL, pn.diusulkan_at IS NOT NULL AND pn.ditetapkan_at IS NULL
		FROM penilai_unit($1, $3) ps
		JOIN pegawai g ON g.id = ps.pegawai_id
		LEFT JOIN LATERAL (SELECT id, status FROM skp WHERE periode_id = $1 AND pegawai_id = ps.pegawai_id AND penugasan_ke = ps.ke ORDER BY versi DESC LIMIT 1) s ON true
		LEFT JOIN penilaian pn ON pn.periode_id = $1 AND pn.pegawai_id = ps.pegawai_id AND pn.checkin = $3
		LEFT JOIN keberatan kb ON kb.penilaian_id = pn.id
		WHERE ps.penilai_id = $2
		ORDER BY g.nama, g.id`, p.id, penilaiID, checkin)
	if err != nil {
		return nil, wrap("unit penilaian", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[UnitRow])
	return list, wrap("unit penilaian", err)
}

// Tetapkan publishes and locks the ratings of the penilai's subordinates at a
// check-in. Every subordinate with an approved SKP must have a predikat (else a
// validation error names them). When the unit's distribution breaches a bound, a
// justification is required (field "justifikasi"); the distribution, the breaches and
// the justification are recorded. It returns the number of ratings published. In a
// period in kalibrasi OPD mode it proposes them instead (usulkan), with no
// justification; the OPD's kalibrasi publishes them.
func (p *PeriodStore) Tetapkan(ctx context.Context, actor Actor, penilaiID int64, checkin int, justifikasi string) (int, error) {
	var n int
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		var fase, mode string
		if err := tx.QueryRow(ctx, `SELECT fase, kalibrasi FROM periode WHERE id = $1`, p.id).Scan(&fase, &mode); err != nil {
			return err
		}
		if err := periode.Check(periode.Fase(fase), periode.Publish, checkin); err != nil {
			return err
		}
		// Serialise with the penilai's own saves on these ratings.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM penilaian pn JOIN penilai_unit($1, $3) u ON u.pegawai_id = pn.pegawai_id
			WHERE pn.periode_id = $1 AND u.penilai_id = $2 AND pn.checkin = $3 FOR UPDATE OF pn`, p.id, penilaiID, checkin); err != nil {
			return err
		}
		unit, err := p.unitPenilaian(ctx, tx, penilaiID, checkin)
		if err != nil {
			return err
		}
		var missing, ids []string
		var pending []int64
		for _, u := range unit {
			if u.TanpaPenilaianLengkap {
				missing = append(missing, u.Nama)
			}
			if u.Predikat != "" && !u.Ditetapkan && !u.Diusulkan {
				pending = append(pending, u.PenilaianID)
				ids = append(ids, itoa(u.PenilaianID))
			}
		}
		if err := penilaian.CheckLengkap(missing, len(pending)); err != nil {
			return err
		}
		if periode.Kalibrasi(mode) == periode.KalibrasiOPD {
			n = len(pending)
			return p.usulkan(ctx, tx, actor, penilaiID, checkin, pending, ids)
		}
		d, err := p.kurva(ctx, tx, "u.penilai_id = $2", `(SELECT opd_id FROM periode_peserta WHERE periode_id = $1 AND pegawai_id = $2)`, penilaiID, checkin)
		if err != nil {
			return err
		}
		breaches, justifikasi, err := penilaian.CheckJustifikasi(d, justifikasi)
		if err != nil {
			return err
		}
		penetapanID, counts, err := p.publish(ctx, tx, actor, penetapan{penilaiID: penilaiID, checkin: checkin, d: d, breaches: breaches, justifikasi: justifikasi}, pending, "draft")
		if err != nil {
			return err
		}
		n = len(pending)
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "penilaian.tetapkan", Entity: "penetapan", EntityID: itoa(penetapanID),
			After: map[string]any{"penilai_id": penilaiID, "checkin": checkin, "penilaian": ids, "distribusi": counts, "predikat_organisasi": d.OrgPredikat,
				"pelanggaran": breaches, "justifikasi": justifikasi}, IP: actor.IP})
	})
	return n, wrap("tetapkan", err)
}

// penetapan is one publication: by a penilai, or (opdID set) of an OPD, whose
// kepala answers for it as penilaiID.
type penetapan struct {
	penilaiID, opdID int64
	checkin          int
	d                penilaian.Distribusi
	breaches         []string
	justifikasi      string
}

// publish records the penetapan with its distribution, breaches and justification,
// publishes and locks the pending ratings, and writes their history (from the status
// they had). It returns the penetapan and the distribution as recorded.
func (p *PeriodStore) publish(ctx context.Context, tx pgx.Tx, actor Actor, x penetapan, pending []int64, from string) (int64, map[string]int, error) {
	counts := map[string]int{}
	for k, v := range x.d.Counts {
		counts[string(k)] = v
	}
	var id int64
	if err := tx.QueryRow(ctx, `
		INSERT INTO penetapan (periode_id, penilai_id, opd_id, checkin, predikat_organisasi, distribusi, pelanggaran, justifikasi, ditetapkan_by)
		VALUES ($1, $2, nullif($3, 0), $4, nullif($5, ''), $6, $7, $8, $9) RETURNING id`,
		p.id, x.penilaiID, x.opdID, x.checkin, x.d.OrgPredikat, counts, nonNil(x.breaches), x.justifikasi, actorID(actor)).Scan(&id); err != nil {
		return 0, nil, err
	}
	if _, err := tx.Exec(ctx, `UPDATE penilaian SET penetapan_id = $2, ditetapkan_at = now() WHERE id = ANY($1)`, pending, id); err != nil {
		return 0, nil, err
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO penilaian_riwayat (periode_id, penilaian_id, oleh, oleh_label, sasaran, lama, baru, alasan)
		SELECT $1, id, $3, $4, 'status', $5, 'ditetapkan', $6 FROM unnest($2::bigint[]) AS id`,
		p.id, pending, actorID(actor), actor.Label, from, x.justifikasi)
	if err != nil {
		return 0, nil, err
	}
	return id, counts, p.tellPublished(ctx, tx, actor, pending)
}

// tellPublished tells each pegawai whose rating was published.
func (p *PeriodStore) tellPublished(ctx context.Context, tx pgx.Tx, actor Actor, ids []int64) error {
	rows, err := tx.Query(ctx, `
		SELECT pn.id, pn.pegawai_id, pn.skp_id, pn.checkin::int, pn.checkin = $2 FROM penilaian pn WHERE pn.id = ANY($1)`, ids, periode.Year)
	if err != nil {
		return err
	}
	var list []notif.Pesan
	var id, pegawai, skpID int64
	var checkin int
	var tahunan bool
	if _, err := pgx.ForEachRow(rows, []any{&id, &pegawai, &skpID, &checkin, &tahunan}, func() error {
		list = append(list, notif.PenilaianTerbitKe(pegawai, skpID, id, checkin, tahunan))
		return nil
	}); err != nil {
		return err
	}
	_, err = p.s.notify(ctx, tx, actor, list...)
	return err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// HasilTerbaru is the pegawai's most recently published rating and whether a
// keberatan was filed against it.
type HasilTerbaru struct {
	SKPID        int64
	Checkin      int
	Predikat     string
	DitetapkanAt time.Time
	Keberatan    bool
}

// HasilTerbaruOf returns the pegawai's latest published rating in this period;
// ok is false when none is published.
func (p *PeriodStore) HasilTerbaruOf(ctx context.Context, pegawaiID int64) (HasilTerbaru, bool, error) {
	var h HasilTerbaru
	err := p.s.pool.QueryRow(ctx, `
		SELECT pn.skp_id, pn.checkin::int, coalesce(pn.predikat, ''), pn.ditetapkan_at, EXISTS (SELECT 1 FROM keberatan k WHERE k.penilaian_id = pn.id)
		FROM penilaian pn WHERE pn.periode_id = $1 AND pn.pegawai_id = $2 AND pn.ditetapkan_at IS NOT NULL
		ORDER BY pn.ditetapkan_at DESC LIMIT 1`, p.id, pegawaiID).Scan(&h.SKPID, &h.Checkin, &h.Predikat, &h.DitetapkanAt, &h.Keberatan)
	if errors.Is(err, pgx.ErrNoRows) {
		return h, false, nil
	}
	return h, err == nil, wrap("hasil terbaru", err)
}
