package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/impor"
	"kinerja/internal/notif"
	"kinerja/internal/queue"
)

// ImportBatch is one uploaded staff file and where its import stands.
type ImportBatch struct {
	ID         int64
	AkunID     int64
	NamaBerkas string
	Ukuran     int
	Status     string // memeriksa, galat, siap, menerapkan, selesai, gagal, batal
	TotalBaris int
	Diproses   int
	Problems   []impor.Problem
	Summary    ImportSummary
	Pesan      string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// ImportSummary is the preview (status siap) or the result (selesai) of a batch.
type ImportSummary struct {
	Baru        int            `json:"baru"`
	Ubah        int            `json:"ubah"`
	Sama        int            `json:"sama"`
	Nonaktif    int            `json:"nonaktif"`
	OPDs        []string       `json:"opds,omitempty"`
	Lengkap     bool           `json:"lengkap,omitempty"`
	ContohBaru  []impor.Person `json:"contoh_baru,omitempty"`
	ContohUbah  []ImportChange `json:"contoh_ubah,omitempty"`
	Keluar      []impor.Person `json:"keluar,omitempty"`
	DetikCek    float64        `json:"detik_cek,omitempty"`
	DetikSimpan float64        `json:"detik_simpan,omitempty"`
}

// ImportChange names a changed pegawai and what changes.
type ImportChange struct {
	NIP     string   `json:"nip"`
	Nama    string   `json:"nama"`
	Changes []string `json:"changes"`
}

// CreateImport records an uploaded file, status memeriksa, and its checking job
// (queue.Impor) in one transaction. full is the scope chosen: the file lists every
// pegawai of its OPDs.
func (s *Store) CreateImport(ctx context.Context, akunID int64, nama string, data []byte, full bool) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO impor_pegawai (akun_id, nama_berkas, ukuran, status, berkas, lengkap)
			VALUES ($1, $2, $3, 'memeriksa', $4, $5) RETURNING id`, akunID, nama, len(data), data, full).Scan(&id); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, queue.Impor{BatchID: id})
	})
	return id, wrap("create import", err)
}

// ImportFile returns an uploaded batch's file and scope for its checking job, with
// the batch's status; the file is gone once the batch is checked.
func (s *Store) ImportFile(ctx context.Context, id int64) (data []byte, full bool, status string, err error) {
	err = s.pool.QueryRow(ctx, `SELECT coalesce(berkas, ''::bytea), lengkap, status FROM impor_pegawai WHERE id = $1`, id).Scan(&data, &full, &status)
	return data, full, status, wrap("import file", translate(err, "Impor"))
}

// StartApplyImport moves a checked batch (siap) to menerapkan and inserts its
// applying job, in one transaction; apperr.Conflict when it is no longer siap.
func (s *Store) StartApplyImport(ctx context.Context, actor Actor, id int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := setImportStatus(ctx, tx, id, "siap", "menerapkan", ""); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, queue.Impor{BatchID: id, Terapkan: true, AkunID: actor.AkunID, Label: actor.Label, IP: actor.IP})
	})
	if e := apperr.As(err); e != nil {
		return e
	}
	return wrap("start apply import", err)
}

// ImportProgress records how far checking or applying has come.
func (s *Store) ImportProgress(ctx context.Context, id int64, done, total int) error {
	_, err := s.pool.Exec(ctx, `UPDATE impor_pegawai SET diproses = $2, total_baris = $3, updated_at = now() WHERE id = $1`, id, done, total)
	return wrap("import progress", err)
}

// ImportChecked stores the outcome of checking: problems (status galat), or the plan
// and its preview (status siap), or a failure message (status gagal); the uploaded
// file is deleted. A batch no longer being checked is left as it is.
func (s *Store) ImportChecked(ctx context.Context, id int64, plan *impor.Plan, problems []impor.Problem, took time.Duration, failure string) error {
	status := "siap"
	var data []byte
	sum := ImportSummary{DetikCek: took.Seconds()}
	switch {
	case failure != "":
		status = "gagal"
	case len(problems) > 0:
		status = "galat"
	default:
		c := plan.Count()
		sum.Baru, sum.Ubah, sum.Sama, sum.Nonaktif, sum.OPDs, sum.Lengkap = c.Baru, c.Ubah, c.Sama, c.Nonaktif, plan.OPDs, plan.Full
		for _, r := range plan.Rows {
			if r.Status == "baru" && len(sum.ContohBaru) < 200 {
				sum.ContohBaru = append(sum.ContohBaru, impor.Person{NIP: r.NIP, Nama: r.Nama})
			}
			if r.Status == "ubah" && len(sum.ContohUbah) < 200 {
				sum.ContohUbah = append(sum.ContohUbah, ImportChange{NIP: r.NIP, Nama: r.Nama, Changes: r.Changes})
			}
		}
		sum.Keluar = plan.Deactivate
		if len(sum.Keluar) > 500 {
			sum.Keluar = sum.Keluar[:500]
		}
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		if err := json.NewEncoder(zw).Encode(plan); err != nil {
			return wrap("import checked: encode", err)
		}
		if err := zw.Close(); err != nil {
			return wrap("import checked: compress", err)
		}
		data = buf.Bytes()
	}
	if problems == nil {
		problems = []impor.Problem{}
	}
	probJSON, err := json.Marshal(problems)
	if err != nil {
		return wrap("import checked", err)
	}
	sumJSON, err := json.Marshal(sum)
	if err != nil {
		return wrap("import checked", err)
	}
	return wrap("import checked", s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `
			UPDATE impor_pegawai SET status = $2, galat = $3, ringkasan = $4, data = $5, pesan = $6, berkas = NULL, updated_at = now()
			WHERE id = $1 AND status = 'memeriksa'`, id, status, probJSON, sumJSON, data, failure)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		ringkas := failure
		switch status {
		case "galat":
			ringkas = fmt.Sprintf("%d masalah ditemukan. Perbaiki berkas, lalu unggah lagi.", len(problems))
		case "siap":
			ringkas = importCounts(sum)
		}
		return s.tellImport(ctx, tx, id, status, ringkas)
	}))
}

// importCounts is a batch's counts as the notice gives them.
func importCounts(sum ImportSummary) string {
	return fmt.Sprintf("Baru %d, berubah %d, tetap %d, dinonaktifkan %d.", sum.Baru, sum.Ubah, sum.Sama, sum.Nonaktif)
}

// tellImport tells the admin who uploaded the batch how a step of it ended.
func (s *Store) tellImport(ctx context.Context, tx pgx.Tx, id int64, status, ringkas string) error {
	var to int64
	var nama string
	if err := tx.QueryRow(ctx, `SELECT a.pegawai_id, b.nama_berkas FROM impor_pegawai b JOIN akun a ON a.id = b.akun_id WHERE b.id = $1`, id).
		Scan(&to, &nama); err != nil {
		return err
	}
	// The job acts, not the admin: they are told even though they started it.
	_, err := s.notify(ctx, tx, Actor{}, notif.ImporSelesaiKe(to, id, nama, status, ringkas))
	return err
}

// GetImport returns a batch. It returns apperr.NotFound for an unknown id.
func (s *Store) GetImport(ctx context.Context, id int64) (ImportBatch, error) {
	var b ImportBatch
	var prob, sum []byte
	err := s.pool.QueryRow(ctx, `
		SELECT id, akun_id, nama_berkas, ukuran, status, total_baris, diproses, galat, ringkasan, pesan, created_at, updated_at
		FROM impor_pegawai WHERE id = $1`, id).Scan(&b.ID, &b.AkunID, &b.NamaBerkas, &b.Ukuran, &b.Status, &b.TotalBaris, &b.Diproses,
		&prob, &sum, &b.Pesan, &b.CreatedAt, &b.UpdatedAt)
	if err != nil {
		return b, wrap("get import", translate(err, "Impor"))
	}
	if err := json.Unmarshal(prob, &b.Problems); err != nil {
		return b, wrap("get import: problems", err)
	}
	if err := json.Unmarshal(sum, &b.Summary); err != nil {
		return b, wrap("get import: summary", err)
	}
	return b, nil
}

// ListImports returns the newest batches.
func (s *Store) ListImports(ctx context.Context, limit int) ([]ImportBatch, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT id, akun_id, nama_berkas, ukuran, status, total_baris, diproses, pesan, created_at, updated_at
		FROM impor_pegawai ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, wrap("list imports", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ImportBatch, error) {
		var b ImportBatch
		err := r.Scan(&b.ID, &b.AkunID, &b.NamaBerkas, &b.Ukuran, &b.Status, &b.TotalBaris, &b.Diproses, &b.Pesan, &b.CreatedAt, &b.UpdatedAt)
		return b, err
	})
	return out, wrap("list imports", err)
}

// SetImportStatus moves a batch from one status to another; it returns apperr.Conflict
// when the batch is not in status from (someone else moved it first).
func (s *Store) SetImportStatus(ctx context.Context, id int64, from, to, pesan string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := setImportStatus(ctx, tx, id, from, to, pesan); err != nil || to != "gagal" {
			return err
		}
		return s.tellImport(ctx, tx, id, to, pesan)
	})
	if e := apperr.As(err); e != nil {
		return e
	}
	return wrap("set import status", err)
}

func setImportStatus(ctx context.Context, db DBTX, id int64, from, to, pesan string) error {
	tag, err := db.Exec(ctx, `UPDATE impor_pegawai SET status = $3, pesan = $4, diproses = 0, berkas = NULL, updated_at = now()
		WHERE id = $1 AND status = $2`, id, from, to, pesan)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return apperr.New(apperr.Conflict, "Impor ini sudah diproses atau dibatalkan.")
	}
	return nil
}

func (s *Store) importPlan(ctx context.Context, id int64) (*impor.Plan, error) {
	var data []byte
	if err := s.pool.QueryRow(ctx, `SELECT data FROM impor_pegawai WHERE id = $1`, id).Scan(&data); err != nil {
		return nil, translate(err, "Impor")
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var plan impor.Plan
	if err := json.NewDecoder(zr).Decode(&plan); err != nil {
		return nil, err
	}
	return &plan, nil
}

// ImportReference loads what impor.Check needs: golongan, active OPDs and units, and
// every pegawai with their atasan's NIP, in a few set-based queries.
func (s *Store) ImportReference(ctx context.Context) (*impor.Reference, error) {
	ref := &impor.Reference{Golongan: map[string]string{}, OPDs: map[string]bool{}, Pegawai: map[string]impor.Existing{}}
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		fp, err := fingerprint(ctx, tx)
		if err != nil {
			return err
		}
		ref.Fingerprint = fp
		gols, err := tx.Query(ctx, `SELECT jenis_asn, golongan FROM pangkat_golongan`)
		if err != nil {
			return err
		}
		for gols.Next() {
			var j, g string
			if err := gols.Scan(&j, &g); err != nil {
				return err
			}
			ref.Golongan[j+"|"+lowerASCII(g)] = g
		}
		if err := gols.Err(); err != nil {
			return err
		}
		opds, err := tx.Query(ctx, `SELECT kode FROM perangkat_daerah WHERE aktif`)
		if err != nil {
			return err
		}
		kodes, err := pgx.CollectRows(opds, pgx.RowTo[string])
		if err != nil {
			return err
		}
		for _, k := range kodes {
			ref.OPDs[k] = true
		}
		units, err := tx.Query(ctx, `
			WITH RECURSIVE t AS (
			    SELECT u.id, u.parent_id, u.opd_id, u.nama::text AS path FROM unit_kerja u WHERE u.parent_id IS NULL AND u.aktif
			    UNION ALL
			    SELECT u.id, u.parent_id, u.opd_id, t.path || ' > ' || u.nama FROM unit_kerja u JOIN t ON u.parent_id = t.id WHERE u.aktif
			)
			SELECT t.id, coalesce(t.parent_id, 0), d.kode, u.nama, t.path
			FROM t JOIN unit_kerja u ON u.id = t.id JOIN perangkat_daerah d ON d.id = t.opd_id WHERE d.aktif`)
		if err != nil {
			return err
		}
		ref.Units, err = pgx.CollectRows(units, pgx.RowToStructByPos[impor.Unit])
		if err != nil {
			return err
		}
		peg, err := tx.Query(ctx, `
			SELECT p.id, p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.jenis_asn, p.tempat_lahir, g.golongan,
			       j.nama, j.jenis, j.kepala_unit, p.unit_kerja_id, d.kode, coalesce(a.nip, ''), p.aktif, coalesce(p.surel, '')
			FROM pegawai p
			JOIN pangkat_golongan g ON g.id = p.pangkat_id
			JOIN jabatan j ON j.id = p.jabatan_id
			JOIN unit_kerja u ON u.id = p.unit_kerja_id
			JOIN perangkat_daerah d ON d.id = u.opd_id
			LEFT JOIN pegawai a ON a.id = p.atasan_id`)
		if err != nil {
			return err
		}
		list, err := pgx.CollectRows(peg, pgx.RowToStructByPos[impor.Existing])
		if err != nil {
			return err
		}
		for _, e := range list {
			ref.Pegawai[e.NIP] = e
		}
		return nil
	})
	return ref, wrap("import reference", err)
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// fingerprint changes whenever a pegawai, jabatan or unit changes.
func fingerprint(ctx context.Context, db DBTX) (string, error) {
	var fp string
	err := db.QueryRow(ctx, `
		SELECT concat_ws('/', (SELECT count(*) FROM pegawai), (SELECT max(updated_at) FROM pegawai),
		                      (SELECT count(*) FROM jabatan), (SELECT max(updated_at) FROM jabatan),
		                      (SELECT count(*) FROM unit_kerja), (SELECT max(updated_at) FROM unit_kerja))`).Scan(&fp)
	return fp, err
}

// ErrImportStale is returned when the organisation changed between check and apply.
var ErrImportStale = apperr.New(apperr.Conflict, "Data pegawai berubah sejak berkas diperiksa. Unggah berkas itu lagi agar diperiksa ulang.")

// ApplyImport carries out a checked batch in one transaction with set-based SQL:
// jabatan are found or created, new pegawai inserted, changed ones updated, atasan
// set by NIP, missing ones deactivated, history recorded at each row's TMT and every
// change audited with before and after. Unchanged rows are left alone, so applying
// the same file again changes nothing. It returns ErrImportStale when the data
// changed since the check.
func (s *Store) ApplyImport(ctx context.Context, actor Actor, id int64, phase func(step, of int)) (ImportSummary, error) {
	var sum ImportSummary
	plan, err := s.importPlan(ctx, id)
	if err != nil {
		return sum, wrap("apply import: load plan", err)
	}
	if phase == nil {
		phase = func(int, int) {}
	}
	const steps = 8
	start := time.Now()
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		// A background job on a province: its statements may run past the server's
		// statement timeout, and it waits for the locks it needs.
		if _, err := tx.Exec(ctx, `SET LOCAL statement_timeout = '10min'; SET LOCAL lock_timeout = '1min'`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `LOCK TABLE pegawai, jabatan, unit_kerja IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return err
		}
		fp, err := fingerprint(ctx, tx)
		if err != nil {
			return err
		}
		if fp != plan.Fingerprint {
			return ErrImportStale
		}
		phase(1, steps)
		if _, err := tx.Exec(ctx, `
			CREATE TEMP TABLE imp (
			    nip text PRIMARY KEY, status text, nama text, gelar_depan text, gelar_belakang text, jenis_asn text,
			    jenis_kelamin text, tanggal_lahir date, tempat_lahir text, golongan text, unit_id bigint, jabatan text,
			    jenis_jabatan text, kepala boolean, atasan_nip text, tmt date, surel text, pangkat_id smallint, jabatan_id bigint
			) ON COMMIT DROP`); err != nil {
			return err
		}
		var changed []impor.PlanRow
		for _, r := range plan.Rows {
			if r.Status != "sama" {
				changed = append(changed, r)
			}
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"imp"},
			[]string{"nip", "status", "nama", "gelar_depan", "gelar_belakang", "jenis_asn", "jenis_kelamin", "tanggal_lahir",
				"tempat_lahir", "golongan", "unit_id", "jabatan", "jenis_jabatan", "kepala", "atasan_nip", "tmt", "surel"},
			pgx.CopyFromSlice(len(changed), func(i int) ([]any, error) {
				r := changed[i]
				return []any{r.NIP, r.Status, r.Nama, r.GelarDepan, r.GelarBelakang, r.JenisASN, r.JenisKelamin, r.TanggalLahir,
					r.TempatLahir, r.Golongan, r.UnitID, r.Jabatan, r.JenisJabatan, r.KepalaUnit, r.AtasanNIP, r.TMT, r.Surel}, nil
			})); err != nil {
			return fmt.Errorf("copy rows: %w", err)
		}
		phase(2, steps)
		// Jabatan: a unit whose head the file names gives up other head positions first.
		if _, err := tx.Exec(ctx, `
			UPDATE jabatan j SET kepala_unit = false, version = version + 1, updated_at = now()
			FROM (SELECT DISTINCT unit_id, jabatan FROM imp WHERE kepala) k
			WHERE j.unit_kerja_id = k.unit_id AND j.kepala_unit AND j.nama <> k.jabatan`); err != nil {
			return fmt.Errorf("jabatan heads: %w", err)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO jabatan (unit_kerja_id, nama, jenis, kepala_unit)
			SELECT DISTINCT ON (unit_id, jabatan) unit_id, jabatan, jenis_jabatan, kepala FROM imp ORDER BY unit_id, jabatan
			ON CONFLICT (unit_kerja_id, nama) DO UPDATE SET jenis = EXCLUDED.jenis, kepala_unit = EXCLUDED.kepala_unit, aktif = true,
			    version = jabatan.version + 1, updated_at = now()
			WHERE (jabatan.jenis, jabatan.kepala_unit, jabatan.aktif) IS DISTINCT FROM (EXCLUDED.jenis, EXCLUDED.kepala_unit, true)`); err != nil {
			return fmt.Errorf("jabatan: %w", err)
		}
		if _, err := tx.Exec(ctx, `
			UPDATE imp SET jabatan_id = j.id, pangkat_id = g.id
			FROM jabatan j, pangkat_golongan g
			WHERE j.unit_kerja_id = imp.unit_id AND j.nama = imp.jabatan AND g.jenis_asn = imp.jenis_asn AND g.golongan = imp.golongan`); err != nil {
			return fmt.Errorf("resolve ids: %w", err)
		}
		phase(3, steps)
		if _, err := tx.Exec(ctx, `
			CREATE TEMP TABLE imp_before ON COMMIT DROP AS
			SELECT s.id, s.data FROM pegawai_snapshot s JOIN pegawai p ON p.id = s.id JOIN imp ON imp.nip = p.nip WHERE imp.status = 'ubah'
			UNION ALL
			SELECT s.id, s.data FROM pegawai_snapshot s WHERE s.id = ANY($1)`, deactivateIDs(plan)); err != nil {
			return fmt.Errorf("before: %w", err)
		}
		phase(4, steps)
		if _, err := tx.Exec(ctx, `
			INSERT INTO pegawai (nip, nama, gelar_depan, gelar_belakang, jenis_asn, jenis_kelamin, tempat_lahir, tanggal_lahir,
			                     pangkat_id, jabatan_id, unit_kerja_id, surel)
			SELECT nip, nama, gelar_depan, gelar_belakang, jenis_asn, jenis_kelamin, tempat_lahir, tanggal_lahir, pangkat_id, jabatan_id, unit_id,
			       nullif(surel, '')
			FROM imp WHERE status = 'baru'`); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		if _, err := tx.Exec(ctx, `
			UPDATE pegawai p SET nama = imp.nama, gelar_depan = imp.gelar_depan, gelar_belakang = imp.gelar_belakang,
			       jenis_asn = imp.jenis_asn, tempat_lahir = imp.tempat_lahir, pangkat_id = imp.pangkat_id,
			       jabatan_id = imp.jabatan_id, unit_kerja_id = imp.unit_id, aktif = true, surel = coalesce(nullif(imp.surel, ''), p.surel),
			       version = p.version + 1, updated_at = now()
			FROM imp WHERE imp.nip = p.nip AND imp.status = 'ubah'`); err != nil {
			return fmt.Errorf("update: %w", err)
		}
		phase(5, steps)
		if _, err := tx.Exec(ctx, `
			UPDATE pegawai p SET atasan_id = a.id, updated_at = now()
			FROM imp LEFT JOIN pegawai a ON a.nip = nullif(imp.atasan_nip, '')
			WHERE imp.nip = p.nip AND p.atasan_id IS DISTINCT FROM a.id`); err != nil {
			return translateCycle(fmt.Errorf("atasan: %w", err))
		}
		if _, err := tx.Exec(ctx, `UPDATE pegawai SET aktif = false, version = version + 1, updated_at = now() WHERE id = ANY($1) AND aktif`,
			deactivateIDs(plan)); err != nil {
			return fmt.Errorf("deactivate: %w", err)
		}
		phase(6, steps)
		var by any
		if actor.AkunID != 0 {
			by = actor.AkunID
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO pegawai_riwayat (pegawai_id, tmt, jenis, jabatan_id, unit_kerja_id, atasan_id, pangkat_id, aktif, keterangan, created_by)
			SELECT p.id, CASE WHEN imp.status = 'baru' THEN imp.tmt ELSE greatest(imp.tmt, coalesce(last.tmt, imp.tmt)) END,
			       CASE WHEN imp.status = 'baru' THEN 'awal' ELSE 'impor' END,
			       p.jabatan_id, p.unit_kerja_id, p.atasan_id, p.pangkat_id, p.aktif, 'Impor #' || $1::text, $2::bigint
			FROM imp JOIN pegawai p ON p.nip = imp.nip
			LEFT JOIN LATERAL (
			    SELECT r.tmt, r.jabatan_id, r.unit_kerja_id, r.atasan_id, r.pangkat_id, r.aktif FROM pegawai_riwayat r
			    WHERE r.pegawai_id = p.id ORDER BY r.tmt DESC, r.id DESC LIMIT 1
			) last ON true
			WHERE last.tmt IS NULL
			   OR (last.jabatan_id, last.unit_kerja_id, coalesce(last.atasan_id, 0), last.pangkat_id, last.aktif)
			      IS DISTINCT FROM (p.jabatan_id, p.unit_kerja_id, coalesce(p.atasan_id, 0), p.pangkat_id, p.aktif)`, itoa(id), by); err != nil {
			return fmt.Errorf("riwayat: %w", err)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO pegawai_riwayat (pegawai_id, tmt, jenis, jabatan_id, unit_kerja_id, atasan_id, pangkat_id, aktif, keterangan, created_by)
			SELECT p.id, greatest($3::date, coalesce((SELECT max(tmt) FROM pegawai_riwayat r WHERE r.pegawai_id = p.id), $3::date)),
			       'nonaktif', p.jabatan_id, p.unit_kerja_id, p.atasan_id, p.pangkat_id, false, 'Impor #' || $1::text || ': tidak ada di berkas', $2
			FROM pegawai p WHERE p.id = ANY($4)`, itoa(id), by, plan.TMT, deactivateIDs(plan)); err != nil {
			return fmt.Errorf("riwayat nonaktif: %w", err)
		}
		phase(7, steps)
		if _, err := tx.Exec(ctx, `
			INSERT INTO audit_log (actor_id, actor_label, action, entity, entity_id, before, after, ip)
			SELECT $1::bigint, $2, CASE WHEN imp.status = 'baru' THEN 'pegawai.impor_tambah' ELSE 'pegawai.impor' END,
			       'pegawai', p.id::text, b.data, s.data, $3
			FROM imp JOIN pegawai p ON p.nip = imp.nip JOIN pegawai_snapshot s ON s.id = p.id
			LEFT JOIN imp_before b ON b.id = p.id
			UNION ALL
			SELECT $1::bigint, $2, 'pegawai.impor_nonaktif', 'pegawai', s.id::text, b.data, s.data, $3
			FROM pegawai_snapshot s JOIN imp_before b ON b.id = s.id WHERE s.id = ANY($4)`,
			by, actor.Label, actor.IP, deactivateIDs(plan)); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		c := plan.Count()
		sum = ImportSummary{Baru: c.Baru, Ubah: c.Ubah, Sama: c.Sama, Nonaktif: c.Nonaktif, OPDs: plan.OPDs}
		sum.DetikSimpan = time.Since(start).Seconds()
		sumJSON, err := json.Marshal(sum)
		if err != nil {
			return err
		}
		if err := audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: "impor.terapkan", Entity: "impor_pegawai",
			EntityID: itoa(id), After: json.RawMessage(sumJSON), IP: actor.IP}); err != nil {
			return err
		}
		phase(8, steps)
		tag, err := tx.Exec(ctx, `UPDATE impor_pegawai SET status = 'selesai', ringkasan = ringkasan || $2, data = NULL, pesan = '', updated_at = now()
			WHERE id = $1 AND status = 'menerapkan'`, id, sumJSON)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return apperr.New(apperr.Conflict, "Impor ini tidak sedang diterapkan.")
		}
		return s.tellImport(ctx, tx, id, "selesai", importCounts(sum))
	})
	if err != nil {
		if e := apperr.As(err); e != nil {
			return sum, e
		}
		return sum, wrap("apply import", err)
	}
	return sum, nil
}

func deactivateIDs(p *impor.Plan) []int64 {
	ids := make([]int64, len(p.Deactivate))
	for i, d := range p.Deactivate {
		ids[i] = d.ID
	}
	return ids
}
