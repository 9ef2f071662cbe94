package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/org"
	"kinerja/internal/periode"
)

const periodeSelect = `
	SELECT p.id, p.tahun, p.mulai, p.selesai, p.jadwal, p.keberatan_hari, p.ambang_anonim, p.kurva_pembulatan, p.kalibrasi,
	       coalesce(p.tenggat_perencanaan, '0001-01-01'), coalesce(p.tenggat_pelaksanaan, '0001-01-01'), coalesce(p.tenggat_penilaian, '0001-01-01'),
	       p.pengingat_hari, p.eskalasi_hari, p.fase, p.dibuka_at, p.version,
	       (SELECT count(*) FROM periode_peserta s WHERE s.periode_id = p.id AND s.aktif)
	FROM periode p`

// periodeSelectLite is periodeSelect without counting the participants (Peserta is 0):
// for the many requests that only need the settings and phase.
var periodeSelectLite = strings.Replace(periodeSelect, `(SELECT count(*) FROM periode_peserta s WHERE s.periode_id = p.id AND s.aktif)`, `0`, 1)

func scanPeriode(row pgx.CollectableRow) (periode.Periode, error) {
	var p periode.Periode
	var jadwal, fase string
	err := row.Scan(&p.ID, &p.Settings.Tahun, &p.Settings.Mulai, &p.Settings.Selesai, &jadwal, &p.Settings.KeberatanHari, &p.Settings.AmbangAnonim,
		&p.Settings.KurvaPembulatan, &p.Settings.Kalibrasi, &p.Settings.TenggatPerencanaan, &p.Settings.TenggatPelaksanaan, &p.Settings.TenggatPenilaian, &p.Settings.Pengingat, &p.Settings.EskalasiHari, &fase, &p.DibukaAt, &p.Version, &p.Peserta)
	p.Settings.Jadwal, p.Fase = periode.Jadwal(jadwal), periode.Fase(fase)
	for _, t := range []*time.Time{&p.Settings.TenggatPerencanaan, &p.Settings.TenggatPelaksanaan, &p.Settings.TenggatPenilaian} {
		if t.Year() == 1 {
			*t = time.Time{}
		}
	}
	return p, err
}

// ListPeriode returns every period, newest year first.
func (s *Store) ListPeriode(ctx context.Context) ([]periode.Periode, error) {
	rows, err := s.pool.Query(ctx, periodeSelect+` ORDER BY p.tahun DESC`)
	if err != nil {
		return nil, wrap("list periode", err)
	}
	out, err := pgx.CollectRows(rows, scanPeriode)
	return out, wrap("list periode", err)
}

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

type periodeAudit struct {
	Tahun              int    `json:"tahun"`
	Mulai              string `json:"mulai"`
	Selesai            string `json:"selesai"`
	Jadwal             string `json:"jadwal"`
	KeberatanHari      int    `json:"keberatan_hari"`
	AmbangAnonim       int    `json:"ambang_anonim"`
	KurvaPembulatan    string `json:"kurva_pembulatan"`
	Kalibrasi          string `json:"kalibrasi"`
	TenggatPerencanaan string `json:"tenggat_perencanaan"`
	TenggatPelaksanaan string `json:"tenggat_pelaksanaan"`
	TenggatPenilaian   string `json:"tenggat_penilaian"`
	Pengingat          []int  `json:"pengingat_hari"`
	EskalasiHari       int    `json:"eskalasi_hari"`
	Fase               string `json:"fase"`
}

func periodeAuditOf(s periode.Settings, f periode.Fase) periodeAudit {
	d := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	return periodeAudit{s.Tahun, d(s.Mulai), d(s.Selesai), string(s.Jadwal), s.KeberatanHari, s.AmbangAnonim, s.KurvaPembulatan, string(s.Kalibrasi),
		d(s.TenggatPerencanaan), d(s.TenggatPelaksanaan), d(s.TenggatPenilaian), s.Pengingat, s.EskalasiHari, string(f)}
}

// CreatePeriode adds a period in draft. At most one period per year: a second one
// gets a field error on tahun.
func (s *Store) CreatePeriode(ctx context.Context, actor Actor, st periode.Settings) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM periode WHERE tahun = $1)`, st.Tahun).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return apperr.Validation(map[string]string{"tahun": fmt.Sprintf("Periode tahun %d sudah ada.", st.Tahun)})
		}
		if err := tx.QueryRow(ctx, `
			INSERT INTO periode (tahun, mulai, selesai, jadwal, keberatan_hari, ambang_anonim, tenggat_perencanaan, tenggat_pelaksanaan, tenggat_penilaian, kurva_pembulatan, kalibrasi,
			                     pengingat_hari, eskalasi_hari)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce(nullif($10, ''), 'persen'), coalesce(nullif($11, ''), 'opd'),
			        coalesce($12::int[], '{7,3,1}'), coalesce(nullif($13, 0), 3)) RETURNING id`,
			st.Tahun, st.Mulai, st.Selesai, string(st.Jadwal), st.KeberatanHari, st.AmbangAnonim,
			nullDate(st.TenggatPerencanaan), nullDate(st.TenggatPelaksanaan), nullDate(st.TenggatPenilaian), st.KurvaPembulatan, string(st.Kalibrasi),
			st.Pengingat, st.EskalasiHari).Scan(&id); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "periode.tambah", Entity: "periode",
			EntityID: itoa(id), After: periodeAuditOf(st, periode.Order[0]), IP: actor.IP}) // a new period starts in the first phase
	})
	return id, wrap("create periode", err)
}

// errClosed maps the database's closed-period refusal to a message.
func errClosed(err error) error {
	if err != nil && strings.Contains(err.Error(), "periode_ditutup") || err != nil && strings.Contains(err.Error(), "sudah selesai (ditutup)") {
		return apperr.New(apperr.Conflict, "Periode ini sudah selesai (ditutup); datanya tidak dapat diubah.")
	}
	return err
}

// PeriodStore reads and writes the appraisal data of one period. Every query it runs
// is scoped by the period's id.
type PeriodStore struct {
	s  *Store
	id int64
}

// Period returns the store of one period's data.
func (s *Store) Period(id int64) *PeriodStore { return &PeriodStore{s: s, id: id} }

// ID is the period's id.
func (p *PeriodStore) ID() int64 { return p.id }

// Get returns the period. It returns apperr.NotFound for an unknown id.
func (p *PeriodStore) Get(ctx context.Context) (periode.Periode, error) {
	rows, err := p.s.pool.Query(ctx, periodeSelect+` WHERE p.id = $1`, p.id)
	if err != nil {
		return periode.Periode{}, wrap("get periode", err)
	}
	out, err := pgx.CollectExactlyOneRow(rows, scanPeriode)
	return out, wrap("get periode", translate(err, "Periode"))
}

// Info returns the period's settings and phase without the participant count, which
// costs a scan of the snapshot (milliseconds at 50,000 participants).
func (p *PeriodStore) Info(ctx context.Context) (periode.Periode, error) {
	rows, err := p.s.pool.Query(ctx, periodeSelectLite+` WHERE p.id = $1`, p.id)
	if err != nil {
		return periode.Periode{}, wrap("periode info", err)
	}
	out, err := pgx.CollectExactlyOneRow(rows, scanPeriode)
	return out, wrap("periode info", translate(err, "Periode"))
}

// Update changes the settings of a period that is not closed.
func (p *PeriodStore) Update(ctx context.Context, actor Actor, version int, st periode.Settings) error {
	return wrap("update periode", p.s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := p.lock(ctx, tx, version)
		if err != nil {
			return err
		}
		if cur.Settings.Tahun != st.Tahun {
			var exists bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM periode WHERE tahun = $1 AND id <> $2)`, st.Tahun, p.id).Scan(&exists); err != nil {
				return err
			}
			if exists {
				return apperr.Validation(map[string]string{"tahun": fmt.Sprintf("Periode tahun %d sudah ada.", st.Tahun)})
			}
			if err := periode.Check(cur.Fase, periode.ChangeTahun, periode.Year); err != nil {
				return apperr.Validation(map[string]string{"tahun": apperr.As(err).Message})
			}
		}
		if st.Kalibrasi != "" && st.Kalibrasi != cur.Settings.Kalibrasi {
			var sent bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM penilaian WHERE periode_id = $1 AND (diusulkan_at IS NOT NULL OR ditetapkan_at IS NOT NULL))`, p.id).Scan(&sent); err != nil {
				return err
			}
			if err := periode.CheckUbahKalibrasi(cur.Settings.Kalibrasi, st.Kalibrasi, sent); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `
			UPDATE periode SET tahun = $2, mulai = $3, selesai = $4, jadwal = $5, keberatan_hari = $6, ambang_anonim = $7,
			       tenggat_perencanaan = $8, tenggat_pelaksanaan = $9, tenggat_penilaian = $10,
			       kurva_pembulatan = coalesce(nullif($11, ''), kurva_pembulatan), kalibrasi = coalesce(nullif($12, ''), kalibrasi),
			       pengingat_hari = coalesce($13::int[], pengingat_hari), eskalasi_hari = coalesce(nullif($14, 0), eskalasi_hari),
			       version = version + 1, updated_at = now()
			WHERE id = $1`, p.id, st.Tahun, st.Mulai, st.Selesai, string(st.Jadwal), st.KeberatanHari, st.AmbangAnonim,
			nullDate(st.TenggatPerencanaan), nullDate(st.TenggatPelaksanaan), nullDate(st.TenggatPenilaian), st.KurvaPembulatan, string(st.Kalibrasi),
			st.Pengingat, st.EskalasiHari); err != nil {
			return errClosed(err)
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "periode.ubah", Entity: "periode",
			EntityID: itoa(p.id), Before: periodeAuditOf(cur.Settings, cur.Fase), After: periodeAuditOf(st, cur.Fase), IP: actor.IP})
	}))
}

// lock reads the period FOR UPDATE, checks the version and refuses a closed one.
func (p *PeriodStore) lock(ctx context.Context, tx pgx.Tx, version int) (periode.Periode, error) {
	if _, err := tx.Exec(ctx, `SELECT 1 FROM periode WHERE id = $1 FOR UPDATE`, p.id); err != nil {
		return periode.Periode{}, err
	}
	rows, err := tx.Query(ctx, periodeSelect+` WHERE p.id = $1`, p.id)
	if err != nil {
		return periode.Periode{}, err
	}
	cur, err := pgx.CollectExactlyOneRow(rows, scanPeriode)
	if err != nil {
		return cur, translate(err, "Periode")
	}
	if version != 0 && cur.Version != version {
		return cur, ErrStale
	}
	return cur, periode.Check(cur.Fase, periode.ChangeSettings, periode.Year)
}

// MoveImpact is what a phase move affects, for the confirmation page; Kesiapan
// gives the unfinished work among the participants.
type MoveImpact struct {
	Peserta        int // participants now
	PegawaiAktif   int // pegawai a move out of Draft snapshots
	PredikatKosong int // OPDs without an organisation predikat
}

// Impact counts what moving the period would touch.
func (p *PeriodStore) Impact(ctx context.Context) (MoveImpact, error) {
	var m MoveImpact
	err := p.s.pool.QueryRow(ctx, `
		SELECT (SELECT count(*) FROM periode_peserta WHERE periode_id = $1 AND aktif),
		       (SELECT count(*) FROM pegawai WHERE aktif),
		       (SELECT count(*) FROM perangkat_daerah d WHERE d.aktif
		            AND NOT EXISTS (SELECT 1 FROM periode_predikat_opd x WHERE x.periode_id = $1 AND x.opd_id = d.id))`, p.id).
		Scan(&m.Peserta, &m.PegawaiAktif, &m.PredikatKosong)
	return m, wrap("periode impact", err)
}

// KesiapanItem is one kind of unfinished work: how many participants, and the first
// names (with gelar, alphabetical) for the confirmation page.
type KesiapanItem struct {
	Jumlah int
	Nama   []string
}

// kesiapanNames is how many names per kind the move confirmation lists.
const kesiapanNames = 20

// Kesiapan counts, per kind of periode.Kekurangan, the active participants it
// applies to, in one set-based query over the snapshot.
func (p *PeriodStore) Kesiapan(ctx context.Context) (map[periode.Kekurangan]KesiapanItem, error) {
	rows, err := p.s.pool.Query(ctx, `
		WITH ps AS (
		    SELECT s.pegawai_id, s.penilai_id IS NULL AS tanpa_penilai,
		           nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang) AS nama,
		           NOT EXISTS (SELECT 1 FROM skp k WHERE k.periode_id = s.periode_id AND k.pegawai_id = s.pegawai_id AND k.status = 'disetujui') AS tanpa_skp,
		           NOT EXISTS (SELECT 1 FROM skp k JOIN realisasi r ON r.skp_id = k.id
		                       WHERE k.periode_id = s.periode_id AND k.pegawai_id = s.pegawai_id) AS tanpa_realisasi,
		           pn.hasil_kerja IS NULL OR pn.perilaku IS NULL AS tanpa_penilaian,
		           pn.hasil_kerja IS NOT NULL AND pn.perilaku IS NOT NULL AND pn.ditetapkan_at IS NULL AS belum_ditetapkan,
		           EXISTS (SELECT 1 FROM keberatan kb JOIN penilaian x ON x.id = kb.penilaian_id
		                   WHERE kb.periode_id = s.periode_id AND x.pegawai_id = s.pegawai_id AND kb.status = 'diajukan') AS keberatan_buka
		    FROM periode_peserta s
		    JOIN pegawai g ON g.id = s.pegawai_id
		    LEFT JOIN penilaian pn ON pn.periode_id = s.periode_id AND pn.pegawai_id = s.pegawai_id AND pn.checkin = 0
		    WHERE s.periode_id = $1 AND s.aktif
		), k AS (
		    SELECT 'tanpa_penilai' AS jenis, nama FROM ps WHERE tanpa_penilai
		    UNION ALL SELECT 'tanpa_skp', nama FROM ps WHERE tanpa_skp
		    UNION ALL SELECT 'tanpa_realisasi', nama FROM ps WHERE tanpa_realisasi
		    UNION ALL SELECT 'tanpa_penilaian', nama FROM ps WHERE tanpa_penilaian
		    UNION ALL SELECT 'belum_ditetapkan', nama FROM ps WHERE belum_ditetapkan
		    UNION ALL SELECT 'keberatan_buka', nama FROM ps WHERE keberatan_buka
		)
		SELECT jenis, count(*)::int, (array_agg(nama ORDER BY lower(nama), nama))[1:$2] FROM k GROUP BY jenis`, p.id, kesiapanNames)
	if err != nil {
		return nil, wrap("kesiapan", err)
	}
	out := map[periode.Kekurangan]KesiapanItem{}
	for rows.Next() {
		var jenis string
		var it KesiapanItem
		if err := rows.Scan(&jenis, &it.Jumlah, &it.Nama); err != nil {
			rows.Close()
			return nil, wrap("kesiapan", err)
		}
		out[periode.Kekurangan(jenis)] = it
	}
	return out, wrap("kesiapan", rows.Err())
}

// Move takes the period one phase forward. Leaving draft snapshots the participants:
// every active pegawai with their jabatan, unit and penilai (their atasan) at that
// moment, in one INSERT … SELECT.
func (p *PeriodStore) Move(ctx context.Context, actor Actor, version int, to periode.Fase) error {
	return wrap("move periode", p.s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := p.lock(ctx, tx, version)
		if err != nil {
			return err
		}
		if err := periode.CheckMove(cur.Fase, to); err != nil {
			return err
		}
		if cur.Fase.Snapshots() {
			if _, err := tx.Exec(ctx, `
				INSERT INTO periode_peserta (periode_id, pegawai_id, opd_id, unit_kerja_id, jabatan_id, jabatan, jenis_jabatan, unit_kerja, golongan, penilai_id)
				SELECT $1, p.id, u.opd_id, p.unit_kerja_id, p.jabatan_id, j.nama, j.jenis, u.nama, g.golongan,
				       CASE WHEN a.aktif THEN p.atasan_id END
				FROM pegawai p
				JOIN unit_kerja u ON u.id = p.unit_kerja_id
				JOIN jabatan j ON j.id = p.jabatan_id
				JOIN pangkat_golongan g ON g.id = p.pangkat_id
				LEFT JOIN pegawai a ON a.id = p.atasan_id
				WHERE p.aktif
				ON CONFLICT (periode_id, pegawai_id) DO NOTHING`, p.id); err != nil {
				return fmt.Errorf("snapshot: %w", err)
			}
			if _, err := tx.Exec(ctx, `UPDATE periode SET dibuka_at = now() WHERE id = $1`, p.id); err != nil {
				return err
			}
		}
		if to.ReleasesPeerAnswers() {
			// The one release of the period's peer answers (penilaian's doc).
			n, err := releaseRekan(ctx, tx, p.id)
			if err != nil {
				return err
			}
			if err := audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "rekan.rilis", Entity: "periode",
				EntityID: itoa(p.id), After: map[string]int64{"peserta": n}, IP: actor.IP}); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE periode SET fase = $2, version = version + 1, updated_at = now() WHERE id = $1`, p.id, string(to)); err != nil {
			return errClosed(err)
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "periode.fase", Entity: "periode",
			EntityID: itoa(p.id), Before: map[string]string{"fase": string(cur.Fase)}, After: map[string]string{"fase": string(to)}, IP: actor.IP})
	}))
}

// Reopen brings a closed period back to penilaian, with the reason in the audit log.
func (p *PeriodStore) Reopen(ctx context.Context, actor Actor, version int, alasan string) error {
	return wrap("reopen periode", p.s.inTx(ctx, func(tx pgx.Tx) error {
		var fase string
		var v int
		if err := tx.QueryRow(ctx, `SELECT fase, version FROM periode WHERE id = $1 FOR UPDATE`, p.id).Scan(&fase, &v); err != nil {
			return translate(err, "Periode")
		}
		if v != version {
			return ErrStale
		}
		reason, err := periode.CheckReopen(periode.Fase(fase), alasan)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT set_config('kinerja.buka_kembali', 'on', true)`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE periode SET fase = $2, version = version + 1, updated_at = now() WHERE id = $1`, p.id, string(periode.ReopensTo)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT set_config('kinerja.buka_kembali', 'off', true)`); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "periode.buka_kembali", Entity: "periode",
			EntityID: itoa(p.id), Before: map[string]string{"fase": fase}, After: map[string]string{"fase": string(periode.ReopensTo), "alasan": reason}, IP: actor.IP})
	}))
}

// Peserta is a participant as the period recorded them.
type Peserta struct {
	PegawaiID       int64
	NIP             string
	Nama            string // with gelar
	OPDID           int64
	OPD             string
	UnitID          int64
	Unit            string
	Jabatan         string
	JenisJabatan    string
	Golongan        string
	PenilaiID       int64
	Penilai         string
	PenilaiNIP      string
	AtasanPenilaiID int64
	AtasanPenilai   string
	Aktif           bool
	Keterangan      string
	Version         int
}

// PesertaFilter selects participants; zero values match all.
type PesertaFilter struct {
	Q            string
	OPDID        int64
	TanpaPenilai bool
	Semua        bool // include removed participants
	Offset       int
	Limit        int
}

const pesertaSelect = `
	SELECT s.pegawai_id, p.nip, nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang),
	       s.opd_id, d.nama, s.unit_kerja_id, s.unit_kerja, s.jabatan, s.jenis_jabatan, s.golongan,
	       coalesce(s.penilai_id, 0), coalesce(nama_lengkap(pn.gelar_depan, pn.nama, pn.gelar_belakang), ''),
	       coalesce(pn.nip, ''), coalesce(sp.penilai_id, 0),
	       coalesce(nama_lengkap(ap.gelar_depan, ap.nama, ap.gelar_belakang), ''),
	       s.aktif, s.keterangan, s.version
	FROM periode_peserta s
	JOIN pegawai p ON p.id = s.pegawai_id
	JOIN perangkat_daerah d ON d.id = s.opd_id
	LEFT JOIN pegawai pn ON pn.id = s.penilai_id
	LEFT JOIN periode_peserta sp ON sp.periode_id = s.periode_id AND sp.pegawai_id = s.penilai_id
	LEFT JOIN pegawai ap ON ap.id = sp.penilai_id`

func scanPeserta(row pgx.CollectableRow) (Peserta, error) {
	var x Peserta
	err := row.Scan(&x.PegawaiID, &x.NIP, &x.Nama, &x.OPDID, &x.OPD, &x.UnitID, &x.Unit, &x.Jabatan, &x.JenisJabatan, &x.Golongan,
		&x.PenilaiID, &x.Penilai, &x.PenilaiNIP, &x.AtasanPenilaiID, &x.AtasanPenilai, &x.Aktif, &x.Keterangan, &x.Version)
	return x, err
}

// ListPeserta returns one page of participants and the total.
func (p *PeriodStore) ListPeserta(ctx context.Context, f PesertaFilter) ([]Peserta, int, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 25
	}
	q := strings.TrimSpace(f.Q)
	var nip, name string
	if q != "" {
		if n := org.NormalizeNIP(q); isDigits(n) {
			nip = n
		} else {
			name = escapeLike(strings.ToLower(q))
		}
	}
	where := `
		WHERE s.periode_id = $1 AND ($2 OR s.aktif) AND ($3 = 0 OR s.opd_id = $3) AND (NOT $4 OR s.penilai_id IS NULL)
		  AND ($5 = '' OR p.nip LIKE $5 || '%') AND ($6 = '' OR lower(p.nama) LIKE '%' || $6 || '%')`
	args := []any{p.id, f.Semua, f.OPDID, f.TanpaPenilai, nip, name}
	var total int
	if err := p.s.pool.QueryRow(ctx, `SELECT count(*) FROM periode_peserta s JOIN pegawai p ON p.id = s.pegawai_id`+where, args...).Scan(&total); err != nil {
		return nil, 0, wrap("list peserta", err)
	}
	rows, err := p.s.pool.Query(ctx, pesertaSelect+where+` ORDER BY lower(p.nama), p.id OFFSET $7 LIMIT $8`, append(args, f.Offset, f.Limit)...)
	if err != nil {
		return nil, 0, wrap("list peserta", err)
	}
	out, err := pgx.CollectRows(rows, scanPeserta)
	return out, total, wrap("list peserta", err)
}

// GetPeserta returns one participant; apperr.NotFound when the pegawai is not in the period.
func (p *PeriodStore) GetPeserta(ctx context.Context, pegawaiID int64) (Peserta, error) {
	rows, err := p.s.pool.Query(ctx, pesertaSelect+` WHERE s.periode_id = $1 AND s.pegawai_id = $2`, p.id, pegawaiID)
	if err != nil {
		return Peserta{}, wrap("get peserta", err)
	}
	x, err := pgx.CollectExactlyOneRow(rows, scanPeserta)
	return x, wrap("get peserta", translate(err, "Peserta periode"))
}

func (p *PeriodStore) lockOpen(ctx context.Context, tx pgx.Tx) (periode.Periode, error) {
	cur, err := p.lock(ctx, tx, 0)
	if err != nil {
		return cur, err
	}
	return cur, periode.Check(cur.Fase, periode.ChangePeserta, periode.Year)
}

// SetPenilai changes a participant's penilai within the period (by NIP; "" for none).
// The penilai must be an active participant of the same period and not close a loop.
func (p *PeriodStore) SetPenilai(ctx context.Context, actor Actor, pegawaiID int64, version int, penilaiNIP, keterangan string) error {
	return wrap("set penilai", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := p.lockOpen(ctx, tx); err != nil {
			return err
		}
		var v int
		var before *int64
		if err := tx.QueryRow(ctx, `SELECT version, penilai_id FROM periode_peserta WHERE periode_id = $1 AND pegawai_id = $2 FOR UPDATE`,
			p.id, pegawaiID).Scan(&v, &before); err != nil {
			return translate(err, "Peserta periode")
		}
		if v != version {
			return ErrStale
		}
		penilaiID, err := p.resolvePenilai(ctx, tx, pegawaiID, penilaiNIP)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE periode_peserta SET penilai_id = $3, keterangan = $4, version = version + 1, updated_at = now()
			WHERE periode_id = $1 AND pegawai_id = $2`, p.id, pegawaiID, penilaiID, strings.TrimSpace(keterangan)); err != nil {
			return errClosed(err)
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "peserta.penilai", Entity: "periode_peserta",
			EntityID: fmt.Sprintf("%d/%d", p.id, pegawaiID), Before: map[string]any{"penilai_id": before}, After: map[string]any{"penilai_id": penilaiID, "keterangan": keterangan}, IP: actor.IP})
	}))
}

// resolvePenilai finds the participant with NIP nip ("" for none) who may be the
// penilai of pegawaiID: an active participant of the period, not the pegawai, not
// closing a loop in the period's penilai chain. Refusals are validation errors on
// nip_penilai.
func (p *PeriodStore) resolvePenilai(ctx context.Context, tx pgx.Tx, pegawaiID int64, penilaiNIP string) (*int64, error) {
	penilaiNIP = org.NormalizeNIP(penilaiNIP)
	if penilaiNIP != "" {
		var id int64
		var aktif bool
		err := tx.QueryRow(ctx, `SELECT s.pegawai_id, s.aktif FROM periode_peserta s JOIN pegawai p ON p.id = s.pegawai_id
			WHERE s.periode_id = $1 AND p.nip = $2`, p.id, penilaiNIP).Scan(&id, &aktif)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return nil, apperr.Validation(map[string]string{"nip_penilai": "Tidak ada peserta periode ini dengan NIP " + penilaiNIP + "."})
		case err != nil:
			return nil, err
		case !aktif:
			return nil, apperr.Validation(map[string]string{"nip_penilai": "Pegawai itu sudah dikeluarkan dari periode ini."})
		case id == pegawaiID:
			return nil, apperr.Validation(map[string]string{"nip_penilai": "Peserta tidak dapat menjadi penilai dirinya sendiri."})
		}
		// Walk up the period's penilai chain from the new penilai.
		rows, err := tx.Query(ctx, `
			WITH RECURSIVE up (id, depth) AS (
			    SELECT $2::bigint, 0
			    UNION ALL
			    SELECT s.penilai_id, up.depth + 1 FROM periode_peserta s JOIN up ON s.pegawai_id = up.id
			    WHERE s.periode_id = $1 AND s.penilai_id IS NOT NULL AND up.depth < 100
			)
			SELECT up.id, nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang) FROM up JOIN pegawai p ON p.id = up.id ORDER BY up.depth`, p.id, id)
		if err != nil {
			return nil, err
		}
		chain, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (org.Person, error) {
			var x org.Person
			err := r.Scan(&x.ID, &x.Nama)
			return x, err
		})
		if err != nil {
			return nil, err
		}
		var self string
		if err := tx.QueryRow(ctx, `SELECT nama FROM pegawai WHERE id = $1`, pegawaiID).Scan(&self); err != nil {
			return nil, err
		}
		if err := org.CheckAtasan(org.Person{ID: pegawaiID, Nama: self}, chain); err != nil {
			return nil, apperr.Validation(map[string]string{"nip_penilai": strings.Replace(apperr.As(err).Message, "Atasan ini", "Penilai ini", 1)})
		}
		return &id, nil
	}
	return nil, nil
}

// AddPeserta adds an active pegawai (by NIP) to an open period with their placement
// now; their penilai is their atasan when that atasan takes part.
func (p *PeriodStore) AddPeserta(ctx context.Context, actor Actor, nip, keterangan string) (int64, error) {
	var id int64
	err := p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := p.lockOpen(ctx, tx); err != nil {
			return err
		}
		nip = org.NormalizeNIP(nip)
		var aktif bool
		err := tx.QueryRow(ctx, `SELECT id, aktif FROM pegawai WHERE nip = $1`, nip).Scan(&id, &aktif)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return apperr.Validation(map[string]string{"nip": "Tidak ada pegawai dengan NIP itu."})
		case err != nil:
			return err
		case !aktif:
			return apperr.Validation(map[string]string{"nip": "Pegawai itu tidak aktif."})
		}
		var was *bool
		if err := tx.QueryRow(ctx, `SELECT aktif FROM periode_peserta WHERE periode_id = $1 AND pegawai_id = $2`, p.id, id).Scan(&was); err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if was != nil && *was {
			return apperr.Validation(map[string]string{"nip": "Pegawai itu sudah menjadi peserta periode ini."})
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO periode_peserta (periode_id, pegawai_id, opd_id, unit_kerja_id, jabatan_id, jabatan, jenis_jabatan, unit_kerja, golongan, penilai_id, keterangan)
			SELECT $1, p.id, u.opd_id, p.unit_kerja_id, p.jabatan_id, j.nama, j.jenis, u.nama, g.golongan,
			       (SELECT s.pegawai_id FROM periode_peserta s WHERE s.periode_id = $1 AND s.pegawai_id = p.atasan_id AND s.aktif), $3
			FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_kerja_id JOIN jabatan j ON j.id = p.jabatan_id JOIN pangkat_golongan g ON g.id = p.pangkat_id
			WHERE p.id = $2
			ON CONFLICT (periode_id, pegawai_id) DO UPDATE SET aktif = true, opd_id = EXCLUDED.opd_id, unit_kerja_id = EXCLUDED.unit_kerja_id,
			    jabatan_id = EXCLUDED.jabatan_id, jabatan = EXCLUDED.jabatan, jenis_jabatan = EXCLUDED.jenis_jabatan, unit_kerja = EXCLUDED.unit_kerja,
			    golongan = EXCLUDED.golongan, penilai_id = EXCLUDED.penilai_id, keterangan = EXCLUDED.keterangan,
			    version = periode_peserta.version + 1, updated_at = now()`, p.id, id, strings.TrimSpace(keterangan)); err != nil {
			return errClosed(err)
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "peserta.tambah", Entity: "periode_peserta",
			EntityID: fmt.Sprintf("%d/%d", p.id, id), After: map[string]any{"nip": nip, "keterangan": keterangan}, IP: actor.IP})
	})
	return id, wrap("add peserta", err)
}

// RemovePeserta takes a participant out of an open period (kept, marked not active).
// Someone who is still the penilai of active participants stays.
func (p *PeriodStore) RemovePeserta(ctx context.Context, actor Actor, pegawaiID int64, version int, keterangan string) error {
	return wrap("remove peserta", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := p.lockOpen(ctx, tx); err != nil {
			return err
		}
		var v int
		if err := tx.QueryRow(ctx, `SELECT version FROM periode_peserta WHERE periode_id = $1 AND pegawai_id = $2 AND aktif FOR UPDATE`, p.id, pegawaiID).Scan(&v); err != nil {
			return translate(err, "Peserta periode")
		}
		if v != version {
			return ErrStale
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM periode_peserta WHERE periode_id = $1 AND penilai_id = $2 AND aktif`, p.id, pegawaiID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.Invalid, "Peserta ini masih menjadi penilai %d peserta. Ganti penilai mereka lebih dulu.", n)
		}
		k := strings.TrimSpace(keterangan)
		if utf8Len(k) < 5 {
			return apperr.Validation(map[string]string{"keterangan": "Tuliskan alasannya, mis. pensiun atau pindah instansi."})
		}
		if _, err := tx.Exec(ctx, `UPDATE periode_peserta SET aktif = false, keterangan = $3, version = version + 1, updated_at = now()
			WHERE periode_id = $1 AND pegawai_id = $2`, p.id, pegawaiID, k); err != nil {
			return errClosed(err)
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "peserta.keluarkan", Entity: "periode_peserta",
			EntityID: fmt.Sprintf("%d/%d", p.id, pegawaiID), Before: map[string]bool{"aktif": true}, After: map[string]any{"aktif": false, "keterangan": k}, IP: actor.IP})
	}))
}

func utf8Len(s string) int { return len([]rune(s)) }

// OPDSummary is one OPD's line on the period dashboard.
type OPDSummary struct {
	OPDID        int64
	Kode         string
	Nama         string
	Singkatan    string
	Peserta      int
	TanpaPenilai int
	Dikeluarkan  int
	Predikat     string
}

// Dashboard returns per OPD the participants, those without a penilai, those removed,
// and the organisation predikat, in one query.
func (p *PeriodStore) Dashboard(ctx context.Context) ([]OPDSummary, error) {
	rows, err := p.s.pool.Query(ctx, `
		SELECT d.id, d.kode, d.nama, d.singkatan,
		       count(*) FILTER (WHERE s.aktif), count(*) FILTER (WHERE s.aktif AND s.penilai_id IS NULL),
		       count(*) FILTER (WHERE s.pegawai_id IS NOT NULL AND NOT s.aktif), coalesce(x.predikat, '')
		FROM perangkat_daerah d
		LEFT JOIN periode_peserta s ON s.periode_id = $1 AND s.opd_id = d.id
		LEFT JOIN periode_predikat_opd x ON x.periode_id = $1 AND x.opd_id = d.id
		WHERE d.aktif OR s.pegawai_id IS NOT NULL
		GROUP BY d.id, x.predikat ORDER BY d.kode`, p.id)
	if err != nil {
		return nil, wrap("periode dashboard", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[OPDSummary])
	return out, wrap("periode dashboard", err)
}

// SetPredikatOPD sets (or with "" clears) an OPD's organisation predikat for the period.
func (p *PeriodStore) SetPredikatOPD(ctx context.Context, actor Actor, opdID int64, predikat string) error {
	err := p.SetPredikatOPDs(ctx, actor, map[int64]string{opdID: predikat})
	if e := apperr.As(err); e != nil && e.Fields != nil {
		return apperr.Validation(map[string]string{"predikat": e.Fields[FieldPredikatOPD(opdID)]})
	}
	return err
}

// FieldPredikatOPD is the form field of an OPD's predikat on the predikat page.
func FieldPredikatOPD(opdID int64) string { return fmt.Sprintf("predikat_%d", opdID) }

// SetPredikatOPDs sets the predikat kinerja organisasi of several OPDs ("" clears it)
// in one transaction: every value is checked first (an error per field,
// FieldPredikatOPD), then each change is written and audited; unchanged ones are left.
func (p *PeriodStore) SetPredikatOPDs(ctx context.Context, actor Actor, vals map[int64]string) error {
	return wrap("set predikat opd", p.s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := p.lock(ctx, tx, 0); err != nil {
			return err
		}
		checked := map[int64]string{}
		errs := map[string]string{}
		for opdID, predikat := range vals {
			val, err := periode.CheckPredikatOrganisasi(predikat)
			if err != nil {
				errs[FieldPredikatOPD(opdID)] = apperr.As(err).Message
			}
			checked[opdID] = val
		}
		if len(errs) > 0 {
			return apperr.Validation(errs)
		}
		ids := make([]int64, 0, len(checked))
		for id := range checked {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, opdID := range ids {
			if err := p.setPredikat(ctx, tx, actor, opdID, checked[opdID]); err != nil {
				return err
			}
		}
		return nil
	}))
}

func (p *PeriodStore) setPredikat(ctx context.Context, tx pgx.Tx, actor Actor, opdID int64, val string) error {
	var before string
	if err := tx.QueryRow(ctx, `SELECT coalesce((SELECT predikat FROM periode_predikat_opd WHERE periode_id = $1 AND opd_id = $2), '')`, p.id, opdID).Scan(&before); err != nil {
		return err
	}
	if before == val {
		return nil
	}
	var err error
	if val == "" {
		_, err = tx.Exec(ctx, `DELETE FROM periode_predikat_opd WHERE periode_id = $1 AND opd_id = $2`, p.id, opdID)
	} else {
		_, err = tx.Exec(ctx, `INSERT INTO periode_predikat_opd (periode_id, opd_id, predikat) VALUES ($1, $2, $3)
			ON CONFLICT (periode_id, opd_id) DO UPDATE SET predikat = EXCLUDED.predikat, version = periode_predikat_opd.version + 1, updated_at = now()`,
			p.id, opdID, val)
	}
	if err != nil {
		if strings.Contains(err.Error(), "perangkat_daerah") {
			return apperr.New(apperr.NotFound, "Perangkat daerah tidak ditemukan.")
		}
		return errClosed(err)
	}
	return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "periode.predikat_opd", Entity: "periode_predikat_opd",
		EntityID: fmt.Sprintf("%d/%d", p.id, opdID), Before: map[string]string{"predikat": before}, After: map[string]string{"predikat": val}, IP: actor.IP})
}

// PredikatOPD returns an OPD's organisation predikat per period, newest year first.
func (s *Store) PredikatOPD(ctx context.Context, opdID int64) ([]PredikatTahun, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT p.id, p.tahun, x.predikat FROM periode_predikat_opd x JOIN periode p ON p.id = x.periode_id
		WHERE x.opd_id = $1 ORDER BY p.tahun DESC`, opdID)
	if err != nil {
		return nil, wrap("predikat opd", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[PredikatTahun])
	return out, wrap("predikat opd", err)
}

// PredikatTahun is an OPD's organisation predikat in one period.
type PredikatTahun struct {
	PeriodeID int64
	Tahun     int
	Predikat  string
}

// startedPhases are the phases of a period that has left Draft, as ActivePeriod's
// parameter; computed once, since nearly every page asks for the active period.
var startedPhases = periode.StartedPhases()

// StartedPeriods returns every period that has left Draft, newest year first, without
// counting participants: the choices of the period selector on per-period pages.
func (s *Store) StartedPeriods(ctx context.Context) ([]periode.Periode, error) {
	rows, err := s.pool.Query(ctx, periodeSelectLite+` WHERE p.fase = ANY($1) ORDER BY p.tahun DESC`, startedPhases)
	if err != nil {
		return nil, wrap("started periods", err)
	}
	out, err := pgx.CollectRows(rows, scanPeriode)
	return out, wrap("started periods", err)
}

// ActivePeriod returns the latest period that is open (not draft); apperr.NotFound when none.
func (s *Store) ActivePeriod(ctx context.Context) (periode.Periode, error) {
	rows, err := s.pool.Query(ctx, periodeSelectLite+
		` WHERE p.fase = ANY($1) ORDER BY p.tahun DESC LIMIT 1`, startedPhases)
	if err != nil {
		return periode.Periode{}, wrap("active period", err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanPeriode)
	if errors.Is(err, pgx.ErrNoRows) {
		return p, apperr.New(apperr.NotFound, "Belum ada periode penilaian yang dibuka.")
	}
	return p, wrap("active period", err)
}
