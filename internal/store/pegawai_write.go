package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/org"
)

// Actor is who makes a change, for the audit log.
type Actor struct {
	AkunID int64
	Label  string // the actor's NIP
	IP     string
}

// PegawaiChange creates (ID 0) or updates a pegawai.
type PegawaiChange struct {
	ID      int64
	Version int // the version the form was loaded with; ignored on create
	UnitID  int64
	In      org.CheckedPegawai
}

// PegawaiSnapshot is a pegawai as the audit log records it, before and after.
type PegawaiSnapshot struct {
	NIP           string `json:"nip"`
	Nama          string `json:"nama"`
	GelarDepan    string `json:"gelar_depan"`
	GelarBelakang string `json:"gelar_belakang"`
	JenisASN      string `json:"jenis_asn"`
	JenisKelamin  string `json:"jenis_kelamin"`
	TempatLahir   string `json:"tempat_lahir"`
	TanggalLahir  string `json:"tanggal_lahir"`
	Golongan      string `json:"golongan"`
	Jabatan       string `json:"jabatan"`
	JenisJabatan  string `json:"jenis_jabatan"`
	KepalaUnit    bool   `json:"kepala_unit"`
	Unit          string `json:"unit_kerja"`
	OPD           string `json:"perangkat_daerah"`
	NIPAtasan     string `json:"nip_atasan"`
	Aktif         bool   `json:"aktif"`
}

func snapshot(ctx context.Context, db DBTX, id int64) (PegawaiSnapshot, int, error) {
	var s PegawaiSnapshot
	var version int
	var born time.Time
	err := db.QueryRow(ctx, `
		SELECT p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.jenis_asn, p.jenis_kelamin, p.tempat_lahir, p.tanggal_lahir,
		       g.golongan, j.nama, j.jenis, j.kepala_unit, u.nama, d.nama, coalesce(a.nip, ''), p.aktif, p.version
		FROM pegawai p
		JOIN pangkat_golongan g ON g.id = p.pangkat_id
		JOIN jabatan j ON j.id = p.jabatan_id
		JOIN unit_kerja u ON u.id = p.unit_kerja_id
		JOIN perangkat_daerah d ON d.id = u.opd_id
		LEFT JOIN pegawai a ON a.id = p.atasan_id
		WHERE p.id = $1`, id).Scan(&s.NIP, &s.Nama, &s.GelarDepan, &s.GelarBelakang, &s.JenisASN, &s.JenisKelamin, &s.TempatLahir, &born,
		&s.Golongan, &s.Jabatan, &s.JenisJabatan, &s.KepalaUnit, &s.Unit, &s.OPD, &s.NIPAtasan, &s.Aktif, &version)
	s.TanggalLahir = born.Format(time.DateOnly)
	return s, version, translate(err, "Pegawai")
}

// ErrStale is returned when a record changed since the form was loaded.
var ErrStale = apperr.New(apperr.Conflict,
	"Data ini sudah diubah orang lain sejak Anda membukanya. Isian Anda masih ada di bawah; periksa data terbaru, lalu simpan lagi.")

// SavePegawai creates or updates a pegawai in one transaction: it resolves the
// golongan, finds or creates the jabatan in the unit, picks the default atasan (the
// head of the unit, or of the unit above for a head) when none is given, refuses a
// cycle, records the placement history at the TMT and audits before and after.
// It returns an apperr.Invalid error with per-field messages, ErrStale when the
// version does not match, or apperr.NotFound for an unknown id.
func (s *Store) SavePegawai(ctx context.Context, actor Actor, ch PegawaiChange) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		id, err = savePegawai(ctx, tx, actor, ch)
		return err
	})
	return id, wrap("save pegawai", err)
}

func savePegawai(ctx context.Context, tx pgx.Tx, actor Actor, ch PegawaiChange) (int64, error) {
	in := ch.In
	errs := map[string]string{}
	var before *PegawaiSnapshot
	if ch.ID != 0 {
		var nip string
		var version int
		err := tx.QueryRow(ctx, `SELECT nip, version FROM pegawai WHERE id = $1 FOR UPDATE`, ch.ID).Scan(&nip, &version)
		if err != nil {
			return 0, translate(err, "Pegawai")
		}
		if version != ch.Version {
			return 0, ErrStale
		}
		if nip != in.NIP.Raw {
			return 0, apperr.Validation(map[string]string{org.FieldNIP: "NIP tidak dapat diubah."})
		}
		b, _, err := snapshot(ctx, tx, ch.ID)
		if err != nil {
			return 0, err
		}
		before = &b
	} else {
		var other string
		err := tx.QueryRow(ctx, `SELECT nama FROM pegawai WHERE nip = $1`, in.NIP.Raw).Scan(&other)
		if err == nil {
			errs[org.FieldNIP] = "NIP sudah terdaftar atas nama " + other + "."
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return 0, err
		}
	}

	var pangkatID int16
	err := tx.QueryRow(ctx, `SELECT id FROM pangkat_golongan WHERE jenis_asn = $1 AND lower(golongan) = lower($2)`,
		string(in.JenisASN), in.Golongan).Scan(&pangkatID)
	if errors.Is(err, pgx.ErrNoRows) {
		errs[org.FieldGolongan] = "Golongan tidak dikenal."
	} else if err != nil {
		return 0, err
	}

	var parentUnit *int64
	err = tx.QueryRow(ctx, `SELECT parent_id FROM unit_kerja WHERE id = $1 AND aktif`, ch.UnitID).Scan(&parentUnit)
	if errors.Is(err, pgx.ErrNoRows) {
		errs[org.FieldUnit] = "Pilih unit kerja yang aktif."
	} else if err != nil {
		return 0, err
	}
	if len(errs) > 0 {
		return 0, apperr.Validation(errs)
	}

	jabatanID, err := findOrCreateJabatan(ctx, tx, ch.UnitID, in.Jabatan, in.JenisJabatan, in.KepalaUnit, ch.ID)
	if err != nil {
		return 0, err
	}

	var atasanID *int64
	if in.NIPAtasan != "" {
		var aid int64
		var aktif bool
		err := tx.QueryRow(ctx, `SELECT id, aktif FROM pegawai WHERE nip = $1`, in.NIPAtasan).Scan(&aid, &aktif)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return 0, apperr.Validation(map[string]string{org.FieldNIPAtasan: "Tidak ada pegawai dengan NIP " + in.NIPAtasan + "."})
		case err != nil:
			return 0, err
		case !aktif:
			return 0, apperr.Validation(map[string]string{org.FieldNIPAtasan: "Pegawai dengan NIP itu tidak aktif."})
		}
		atasanID = &aid
	} else {
		atasanID, err = defaultAtasan(ctx, tx, ch.UnitID, in.KepalaUnit, ch.ID)
		if err != nil {
			return 0, err
		}
	}
	if atasanID != nil && ch.ID != 0 {
		chain, err := atasanChainFrom(ctx, tx, *atasanID)
		if err != nil {
			return 0, err
		}
		self := org.Person{ID: ch.ID, Nama: org.NamaLengkap(in.GelarDepan, in.Nama, in.GelarBelakang)}
		if err := org.CheckAtasan(self, chain); err != nil {
			return 0, apperr.Validation(map[string]string{org.FieldNIPAtasan: apperr.As(err).Message})
		}
	}

	id := ch.ID
	if id == 0 {
		err = tx.QueryRow(ctx, `
			INSERT INTO pegawai (nip, nama, gelar_depan, gelar_belakang, jenis_asn, jenis_kelamin, tempat_lahir, tanggal_lahir,
			                     pangkat_id, jabatan_id, unit_kerja_id, atasan_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			in.NIP.Raw, in.Nama, in.GelarDepan, in.GelarBelakang, string(in.JenisASN), in.NIP.Gender, in.TempatLahir, in.NIP.TanggalLahir,
			pangkatID, jabatanID, ch.UnitID, atasanID).Scan(&id)
	} else {
		_, err = tx.Exec(ctx, `
			UPDATE pegawai SET nama = $2, gelar_depan = $3, gelar_belakang = $4, jenis_asn = $5, tempat_lahir = $6,
			       pangkat_id = $7, jabatan_id = $8, unit_kerja_id = $9, atasan_id = $10, version = version + 1, updated_at = now()
			WHERE id = $1`,
			id, in.Nama, in.GelarDepan, in.GelarBelakang, string(in.JenisASN), in.TempatLahir, pangkatID, jabatanID, ch.UnitID, atasanID)
	}
	if err != nil {
		return 0, translateCycle(err)
	}
	if err := addRiwayat(ctx, tx, actor, id, in.TMT, ch.ID == 0, in.Keterangan); err != nil {
		return 0, err
	}
	after, _, err := snapshot(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	action := "pegawai.ubah"
	var beforeAny any
	if before == nil {
		action = "pegawai.tambah"
	} else {
		beforeAny = before
	}
	return id, audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: action, Entity: "pegawai",
		EntityID: itoa(id), Before: beforeAny, After: after, IP: actor.IP})
}

// translateCycle turns the database's cycle refusal into a field error.
func translateCycle(err error) error {
	if err != nil && strings.Contains(err.Error(), "pegawai_no_atasan_cycle") {
		return apperr.Validation(map[string]string{org.FieldNIPAtasan: "Atasan ini membuat rantai atasan melingkar."})
	}
	return err
}

// addRiwayat records the pegawai's current placement at tmt when it differs from the
// latest entry (or always, for a new pegawai). A tmt before the latest entry is refused.
func addRiwayat(ctx context.Context, tx pgx.Tx, actor Actor, id int64, tmt time.Time, created bool, keterangan string) error {
	jenis := "perubahan"
	if created {
		jenis = "awal"
	} else {
		var last time.Time
		var same bool
		err := tx.QueryRow(ctx, `
			SELECT r.tmt, (r.jabatan_id, r.unit_kerja_id, coalesce(r.atasan_id, 0), r.pangkat_id, r.aktif)
			           = (p.jabatan_id, p.unit_kerja_id, coalesce(p.atasan_id, 0), p.pangkat_id, p.aktif)
			FROM pegawai_riwayat r JOIN pegawai p ON p.id = r.pegawai_id
			WHERE r.pegawai_id = $1 ORDER BY r.tmt DESC, r.id DESC LIMIT 1`, id).Scan(&last, &same)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if err == nil {
			if same {
				return nil
			}
			if tmt.Before(last) {
				return apperr.Validation(map[string]string{org.FieldTMT: fmt.Sprintf(
					"TMT tidak boleh sebelum riwayat terakhir (%s).", last.Format("02-01-2006"))})
			}
		}
		var aktif bool
		if err := tx.QueryRow(ctx, `SELECT aktif FROM pegawai WHERE id = $1`, id).Scan(&aktif); err != nil {
			return err
		}
		if !aktif {
			jenis = "nonaktif"
		}
	}
	var by any
	if actor.AkunID != 0 {
		by = actor.AkunID
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO pegawai_riwayat (pegawai_id, tmt, jenis, jabatan_id, unit_kerja_id, atasan_id, pangkat_id, aktif, keterangan, created_by)
		SELECT id, $2, $3, jabatan_id, unit_kerja_id, atasan_id, pangkat_id, aktif, $4, $5 FROM pegawai WHERE id = $1`,
		id, tmt, jenis, keterangan, by)
	return err
}

// findOrCreateJabatan returns the jabatan of that name in the unit, creating it or
// updating its kind. A unit has one head position, held by one active pegawai.
func findOrCreateJabatan(ctx context.Context, tx pgx.Tx, unitID int64, nama, jenis string, kepala bool, pegawaiID int64) (int64, error) {
	if kepala {
		var otherJab string
		err := tx.QueryRow(ctx, `SELECT nama FROM jabatan WHERE unit_kerja_id = $1 AND kepala_unit AND aktif AND lower(nama) <> lower($2)`,
			unitID, nama).Scan(&otherJab)
		if err == nil {
			return 0, apperr.Validation(map[string]string{org.FieldJabatan: "Unit ini sudah memiliki jabatan kepala: " + otherJab + "."})
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return 0, err
		}
	}
	var id int64
	err := tx.QueryRow(ctx, `
		INSERT INTO jabatan (unit_kerja_id, nama, jenis, kepala_unit) VALUES ($1, $2, $3, $4)
		ON CONFLICT (unit_kerja_id, nama) DO UPDATE SET jenis = EXCLUDED.jenis, kepala_unit = EXCLUDED.kepala_unit, aktif = true,
		    version = jabatan.version + 1, updated_at = now()
		    WHERE (jabatan.jenis, jabatan.kepala_unit, jabatan.aktif) IS DISTINCT FROM (EXCLUDED.jenis, EXCLUDED.kepala_unit, true)
		RETURNING id`, unitID, nama, jenis, kepala).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) { // unchanged: ON CONFLICT … WHERE returned nothing
		err = tx.QueryRow(ctx, `SELECT id FROM jabatan WHERE unit_kerja_id = $1 AND nama = $2`, unitID, nama).Scan(&id)
	}
	if err != nil {
		return 0, err
	}
	if kepala {
		var holder string
		err := tx.QueryRow(ctx, `
			SELECT concat_ws(' ', nama, '(NIP ' || nip || ')') FROM pegawai
			WHERE jabatan_id = $1 AND aktif AND id <> $2 LIMIT 1`, id, pegawaiID).Scan(&holder)
		if err == nil {
			return 0, apperr.Validation(map[string]string{org.FieldJabatan: "Jabatan kepala ini sudah dijabat oleh " + holder +
				". Pindahkan atau nonaktifkan pejabat itu lebih dulu."})
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return 0, err
		}
	}
	return id, nil
}

// defaultAtasan is the head of the unit (for a head: of the nearest unit above that has one).
func defaultAtasan(ctx context.Context, tx pgx.Tx, unitID int64, kepala bool, self int64) (*int64, error) {
	var id *int64
	err := tx.QueryRow(ctx, `
		WITH RECURSIVE up (id, parent_id, depth) AS (
		    SELECT id, parent_id, 0 FROM unit_kerja WHERE id = $1
		    UNION ALL
		    SELECT u.id, u.parent_id, up.depth + 1 FROM unit_kerja u JOIN up ON u.id = up.parent_id WHERE up.depth < 50
		)
		SELECT p.id FROM up
		JOIN jabatan j ON j.unit_kerja_id = up.id AND j.kepala_unit AND j.aktif
		JOIN pegawai p ON p.jabatan_id = j.id AND p.aktif AND p.id <> $3
		WHERE NOT ($2 AND up.depth = 0)
		ORDER BY up.depth, p.id LIMIT 1`, unitID, kepala, self).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	return id, err
}

// atasanChainFrom returns start and its chain upward, nearest first.
func atasanChainFrom(ctx context.Context, db DBTX, start int64) ([]org.Person, error) {
	rows, err := db.Query(ctx, `
		WITH RECURSIVE up (id, depth) AS (
		    SELECT $1::bigint, 0
		    UNION ALL
		    SELECT p.atasan_id, up.depth + 1 FROM pegawai p JOIN up ON p.id = up.id
		    WHERE p.atasan_id IS NOT NULL AND up.depth < 100
		)
		SELECT p.id, nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang), p.nip
		FROM up JOIN pegawai p ON p.id = up.id ORDER BY up.depth`, start)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (org.Person, error) {
		var p org.Person
		err := r.Scan(&p.ID, &p.Nama, &p.NIP)
		return p, err
	})
}

// SetPegawaiAktif deactivates or reactivates a pegawai at tmt. A pegawai who is still
// the atasan of active pegawai cannot be deactivated. It returns ErrStale on a version
// mismatch and apperr.Invalid with a field message otherwise refused.
func (s *Store) SetPegawaiAktif(ctx context.Context, actor Actor, id int64, version int, aktif bool, tmt time.Time, keterangan string) error {
	return wrap("set pegawai aktif", s.inTx(ctx, func(tx pgx.Tx) error {
		var v int
		var cur bool
		if err := tx.QueryRow(ctx, `SELECT version, aktif FROM pegawai WHERE id = $1 FOR UPDATE`, id).Scan(&v, &cur); err != nil {
			return translate(err, "Pegawai")
		}
		if v != version {
			return ErrStale
		}
		if cur == aktif {
			return nil
		}
		if !aktif {
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM pegawai WHERE atasan_id = $1 AND aktif`, id).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return apperr.Validation(map[string]string{"aktif": fmt.Sprintf(
					"Pegawai ini masih menjadi atasan langsung %d pegawai aktif. Tetapkan atasan baru bagi mereka lebih dulu.", n)})
			}
		}
		before, _, err := snapshot(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE pegawai SET aktif = $2, version = version + 1, updated_at = now() WHERE id = $1`, id, aktif); err != nil {
			return err
		}
		jenis := "nonaktif"
		action := "pegawai.nonaktifkan"
		if aktif {
			jenis, action = "aktif", "pegawai.aktifkan"
		}
		var by any
		if actor.AkunID != 0 {
			by = actor.AkunID
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO pegawai_riwayat (pegawai_id, tmt, jenis, jabatan_id, unit_kerja_id, atasan_id, pangkat_id, aktif, keterangan, created_by)
			SELECT id, $2, $3, jabatan_id, unit_kerja_id, atasan_id, pangkat_id, aktif, $4, $5 FROM pegawai WHERE id = $1`,
			id, tmt, jenis, keterangan, by); err != nil {
			return err
		}
		after, _, err := snapshot(ctx, tx, id)
		if err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: action, Entity: "pegawai",
			EntityID: itoa(id), Before: before, After: after, IP: actor.IP})
	}))
}

// Placement is where a pegawai stood on a date, from the history.
type Placement struct {
	PegawaiID int64
	TMT       time.Time
	JabatanID int64
	UnitID    int64
	AtasanID  int64 // 0: none
	Aktif     bool
}

// PlacementOn returns the placement of pegawai id in force on date (the latest history
// entry with a TMT on or before it). It returns apperr.NotFound when none is that old.
func (s *Store) PlacementOn(ctx context.Context, id int64, date time.Time) (Placement, error) {
	var p Placement
	err := s.pool.QueryRow(ctx, `
		SELECT pegawai_id, tmt, jabatan_id, unit_kerja_id, coalesce(atasan_id, 0), aktif
		FROM pegawai_riwayat WHERE pegawai_id = $1 AND tmt <= $2
		ORDER BY tmt DESC, id DESC LIMIT 1`, id, date).Scan(&p.PegawaiID, &p.TMT, &p.JabatanID, &p.UnitID, &p.AtasanID, &p.Aktif)
	return p, wrap("placement on", translate(err, "Riwayat pegawai"))
}

// RiwayatEntry is one line of a pegawai's placement history, for display.
type RiwayatEntry struct {
	TMT        time.Time
	Jenis      string
	Jabatan    string
	Unit       string
	OPD        string
	Atasan     string
	Golongan   string
	Aktif      bool
	Keterangan string
	CreatedAt  time.Time
}

// ListRiwayat returns a pegawai's placement history, newest first.
func (s *Store) ListRiwayat(ctx context.Context, id int64) ([]RiwayatEntry, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT r.tmt, r.jenis, j.nama, u.nama, d.nama,
		       coalesce(nama_lengkap(a.gelar_depan, a.nama, a.gelar_belakang), ''),
		       g.golongan, r.aktif, r.keterangan, r.created_at
		FROM pegawai_riwayat r
		JOIN jabatan j ON j.id = r.jabatan_id
		JOIN unit_kerja u ON u.id = r.unit_kerja_id
		JOIN perangkat_daerah d ON d.id = u.opd_id
		JOIN pangkat_golongan g ON g.id = r.pangkat_id
		LEFT JOIN pegawai a ON a.id = r.atasan_id
		WHERE r.pegawai_id = $1 ORDER BY r.tmt DESC, r.id DESC LIMIT 200`, id)
	if err != nil {
		return nil, wrap("list riwayat", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (RiwayatEntry, error) {
		var e RiwayatEntry
		err := r.Scan(&e.TMT, &e.Jenis, &e.Jabatan, &e.Unit, &e.OPD, &e.Atasan, &e.Golongan, &e.Aktif, &e.Keterangan, &e.CreatedAt)
		return e, err
	})
	return out, wrap("list riwayat", err)
}
