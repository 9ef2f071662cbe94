package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/org"
)

// OPDChange creates (ID 0) or updates a perangkat daerah.
type OPDChange struct {
	ID        int64
	Version   int
	Kode      string
	Nama      string
	Singkatan string
}

var kodeOPD = regexp.MustCompile(`^[A-Z0-9][A-Z0-9.-]{0,19}$`)

func checkName(errs map[string]string, field, v, label string, lo, hi int) string {
	v = strings.TrimSpace(v)
	n := utf8.RuneCountInString(v)
	switch {
	case n == 0:
		errs[field] = label + " wajib diisi."
	case n < lo:
		errs[field] = label + " terlalu pendek."
	case n > hi:
		errs[field] = fmt.Sprintf("%s paling banyak %d karakter.", label, hi)
	}
	return v
}

type opdAudit struct {
	Kode      string `json:"kode"`
	Nama      string `json:"nama"`
	Singkatan string `json:"singkatan"`
	Aktif     bool   `json:"aktif"`
}

func lockVersion(ctx context.Context, tx pgx.Tx, table string, id int64, version int, what string) error {
	var v int
	err := tx.QueryRow(ctx, `SELECT version FROM `+pgx.Identifier{table}.Sanitize()+` WHERE id = $1 FOR UPDATE`, id).Scan(&v)
	if err != nil {
		return translate(err, what)
	}
	if v != version {
		return ErrStale
	}
	return nil
}

// SaveOPD creates or updates an OPD; a new OPD gets its root unit of the same name, and
// renaming an OPD renames a root unit that carried the old name. It returns
// apperr.Invalid with field messages, ErrStale, or apperr.NotFound.
func (s *Store) SaveOPD(ctx context.Context, actor Actor, ch OPDChange) (int64, error) {
	errs := map[string]string{}
	ch.Kode = strings.ToUpper(strings.TrimSpace(ch.Kode))
	if !kodeOPD.MatchString(ch.Kode) {
		errs["kode"] = "Kode berisi huruf besar, angka, titik atau tanda hubung (paling banyak 20), mis. 1.02."
	}
	ch.Nama = checkName(errs, "nama", ch.Nama, "Nama perangkat daerah", 3, 200)
	ch.Singkatan = strings.TrimSpace(ch.Singkatan)
	if utf8.RuneCountInString(ch.Singkatan) > 30 {
		errs["singkatan"] = "Singkatan paling banyak 30 karakter."
	}
	if len(errs) > 0 {
		return 0, apperr.Validation(errs)
	}
	id := ch.ID
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var other string
		err := tx.QueryRow(ctx, `SELECT nama FROM perangkat_daerah WHERE (kode = $1 OR lower(nama) = lower($2)) AND id <> $3 LIMIT 1`,
			ch.Kode, ch.Nama, ch.ID).Scan(&other)
		if err == nil {
			return apperr.Validation(map[string]string{"kode": "Kode atau nama sudah dipakai oleh " + other + "."})
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var before *opdAudit
		if id == 0 {
			if err := tx.QueryRow(ctx, `INSERT INTO perangkat_daerah (kode, nama, singkatan) VALUES ($1, $2, $3) RETURNING id`,
				ch.Kode, ch.Nama, ch.Singkatan).Scan(&id); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO unit_kerja (opd_id, nama) VALUES ($1, $2)`, id, ch.Nama); err != nil {
				return err
			}
		} else {
			if err := lockVersion(ctx, tx, "perangkat_daerah", id, ch.Version, "Perangkat daerah"); err != nil {
				return err
			}
			var b opdAudit
			if err := tx.QueryRow(ctx, `SELECT kode, nama, singkatan, aktif FROM perangkat_daerah WHERE id = $1`, id).Scan(&b.Kode, &b.Nama, &b.Singkatan, &b.Aktif); err != nil {
				return err
			}
			before = &b
			if _, err := tx.Exec(ctx, `UPDATE perangkat_daerah SET kode = $2, nama = $3, singkatan = $4, version = version + 1, updated_at = now() WHERE id = $1`,
				id, ch.Kode, ch.Nama, ch.Singkatan); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE unit_kerja SET nama = $3, version = version + 1, updated_at = now()
				WHERE opd_id = $1 AND parent_id IS NULL AND nama = $2`, id, b.Nama, ch.Nama); err != nil {
				return err
			}
		}
		after := opdAudit{Kode: ch.Kode, Nama: ch.Nama, Singkatan: ch.Singkatan, Aktif: true}
		if before != nil {
			after.Aktif = before.Aktif
		}
		return auditSaved(ctx, tx, actor, "opd", id, before, after)
	})
	return id, wrap("save opd", err)
}

// SetOPDAktif deactivates or reactivates an OPD; one with active pegawai stays active.
func (s *Store) SetOPDAktif(ctx context.Context, actor Actor, id int64, version int, aktif bool) error {
	return wrap("set opd aktif", s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockVersion(ctx, tx, "perangkat_daerah", id, version, "Perangkat daerah"); err != nil {
			return err
		}
		if !aktif {
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_kerja_id WHERE u.opd_id = $1 AND p.aktif`, id).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return apperr.New(apperr.Invalid, "Masih ada %d pegawai aktif di perangkat daerah ini. Pindahkan atau nonaktifkan mereka lebih dulu.", n)
			}
		}
		return setAktif(ctx, tx, actor, "perangkat_daerah", "opd", id, aktif)
	}))
}

// auditSaved records the creation (before nil: entity.tambah) or the change
// (entity.ubah) of an organisation record, with before and after.
func auditSaved[T any](ctx context.Context, tx pgx.Tx, actor Actor, entity string, id int64, before *T, after T) error {
	e := AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: entity + ".tambah", Entity: entity, EntityID: itoa(id), After: after, IP: actor.IP}
	if before != nil {
		e.Action, e.Before = entity+".ubah", before
	}
	return audit(ctx, tx, e)
}

func setAktif(ctx context.Context, tx pgx.Tx, actor Actor, table, entity string, id int64, aktif bool) error {
	var cur bool
	if err := tx.QueryRow(ctx, `SELECT aktif FROM `+pgx.Identifier{table}.Sanitize()+` WHERE id = $1`, id).Scan(&cur); err != nil {
		return err
	}
	if cur == aktif {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE `+pgx.Identifier{table}.Sanitize()+` SET aktif = $2, version = version + 1, updated_at = now() WHERE id = $1`, id, aktif); err != nil {
		return err
	}
	action := entity + ".nonaktifkan"
	if aktif {
		action = entity + ".aktifkan"
	}
	return audit(ctx, tx, AuditEntry{ActorID: actor.AkunID, ActorLabel: actor.Label, Action: action, Entity: entity, EntityID: itoa(id),
		Before: map[string]bool{"aktif": cur}, After: map[string]bool{"aktif": aktif}, IP: actor.IP})
}

// UnitChange creates (ID 0) or updates a unit kerja under a parent in the same OPD.
type UnitChange struct {
	ID       int64
	Version  int
	OPDID    int64
	ParentID int64
	Nama     string
}

type unitAudit struct {
	Nama   string `json:"nama"`
	Parent string `json:"induk"`
	Aktif  bool   `json:"aktif"`
}

// SaveUnit creates or updates a unit. The OPD's root unit keeps no parent; any other
// unit needs a parent in the same OPD that is not itself or below it (the message
// names the chain).
func (s *Store) SaveUnit(ctx context.Context, actor Actor, ch UnitChange) (int64, error) {
	errs := map[string]string{}
	ch.Nama = checkName(errs, "nama", ch.Nama, "Nama unit kerja", 2, 200)
	id := ch.ID
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var before *unitAudit
		isRoot := false
		if id != 0 {
			if err := lockVersion(ctx, tx, "unit_kerja", id, ch.Version, "Unit kerja"); err != nil {
				return err
			}
			var b unitAudit
			var parent *int64
			if err := tx.QueryRow(ctx, `SELECT u.opd_id, u.parent_id, u.nama, coalesce(p.nama, ''), u.aktif FROM unit_kerja u LEFT JOIN unit_kerja p ON p.id = u.parent_id WHERE u.id = $1`,
				id).Scan(&ch.OPDID, &parent, &b.Nama, &b.Parent, &b.Aktif); err != nil {
				return err
			}
			before, isRoot = &b, parent == nil
		}
		var parentName string
		switch {
		case isRoot && ch.ParentID != 0:
			errs["induk"] = "Unit teratas perangkat daerah tidak dapat dipindah ke bawah unit lain."
		case !isRoot && ch.ParentID == 0:
			errs["induk"] = "Pilih unit induk."
		case !isRoot:
			var opd int64
			var aktif bool
			err := tx.QueryRow(ctx, `SELECT opd_id, nama, aktif FROM unit_kerja WHERE id = $1`, ch.ParentID).Scan(&opd, &parentName, &aktif)
			switch {
			case errors.Is(err, pgx.ErrNoRows) || (err == nil && opd != ch.OPDID):
				errs["induk"] = "Unit induk harus unit di perangkat daerah yang sama."
			case err != nil:
				return err
			case !aktif:
				errs["induk"] = "Unit induk tidak aktif."
			}
			if id != 0 && errs["induk"] == "" {
				chain, err := unitChainFrom(ctx, tx, ch.ParentID)
				if err != nil {
					return err
				}
				for i, u := range chain {
					if u.ID == id {
						names := []string{ch.Nama}
						for _, x := range chain[:i+1] {
							names = append(names, x.Nama)
						}
						errs["induk"] = "Unit induk ini membuat susunan melingkar: " + strings.Join(names, " → ") + "."
						break
					}
				}
			}
		}
		if len(errs) > 0 {
			return apperr.Validation(errs)
		}
		var dup string
		err := tx.QueryRow(ctx, `SELECT nama FROM unit_kerja WHERE opd_id = $1 AND coalesce(parent_id, 0) = $2 AND lower(nama) = lower($3) AND id <> $4`,
			ch.OPDID, ch.ParentID, ch.Nama, id).Scan(&dup)
		if err == nil {
			return apperr.Validation(map[string]string{"nama": "Sudah ada unit bernama " + dup + " di bawah induk yang sama."})
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if id == 0 {
			var opdAktif bool
			if err := tx.QueryRow(ctx, `SELECT aktif FROM perangkat_daerah WHERE id = $1`, ch.OPDID).Scan(&opdAktif); err != nil {
				return translate(err, "Perangkat daerah")
			}
			if err := tx.QueryRow(ctx, `INSERT INTO unit_kerja (opd_id, parent_id, nama) VALUES ($1, $2, $3) RETURNING id`,
				ch.OPDID, nullID(ch.ParentID), ch.Nama).Scan(&id); err != nil {
				return err
			}
		} else if _, err := tx.Exec(ctx, `UPDATE unit_kerja SET nama = $2, parent_id = $3, version = version + 1, updated_at = now() WHERE id = $1`,
			id, ch.Nama, nullID(ch.ParentID)); err != nil {
			if strings.Contains(err.Error(), "unit_kerja_no_cycle") {
				return apperr.Validation(map[string]string{"induk": "Unit induk ini membuat susunan melingkar."})
			}
			return err
		}
		after := unitAudit{Nama: ch.Nama, Parent: parentName, Aktif: true}
		if before != nil {
			after.Aktif = before.Aktif
			if isRoot {
				after.Parent = ""
			}
		}
		return auditSaved(ctx, tx, actor, "unit", id, before, after)
	})
	return id, wrap("save unit", err)
}

func unitChainFrom(ctx context.Context, db DBTX, start int64) ([]org.Unit, error) {
	rows, err := db.Query(ctx, `
		WITH RECURSIVE up (id, depth) AS (
		    SELECT $1::bigint, 0
		    UNION ALL
		    SELECT u.parent_id, up.depth + 1 FROM unit_kerja u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL AND up.depth < 100
		)
		SELECT u.id, u.nama FROM up JOIN unit_kerja u ON u.id = up.id ORDER BY up.depth`, start)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (org.Unit, error) {
		var u org.Unit
		err := r.Scan(&u.ID, &u.Nama)
		return u, err
	})
}

// SetUnitAktif deactivates or reactivates a unit; one with active pegawai, active
// sub-units or that is the OPD's root stays active.
func (s *Store) SetUnitAktif(ctx context.Context, actor Actor, id int64, version int, aktif bool) error {
	return wrap("set unit aktif", s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockVersion(ctx, tx, "unit_kerja", id, version, "Unit kerja"); err != nil {
			return err
		}
		if !aktif {
			var root bool
			var pegawai, children int
			if err := tx.QueryRow(ctx, `SELECT parent_id IS NULL,
				(SELECT count(*) FROM pegawai WHERE unit_kerja_id = $1 AND aktif),
				(SELECT count(*) FROM unit_kerja WHERE parent_id = $1 AND aktif) FROM unit_kerja WHERE id = $1`, id).Scan(&root, &pegawai, &children); err != nil {
				return err
			}
			switch {
			case root:
				return apperr.New(apperr.Invalid, "Unit teratas perangkat daerah tidak dapat dinonaktifkan; nonaktifkan perangkat daerahnya.")
			case pegawai > 0:
				return apperr.New(apperr.Invalid, "Masih ada %d pegawai aktif di unit ini. Pindahkan mereka lebih dulu.", pegawai)
			case children > 0:
				return apperr.New(apperr.Invalid, "Masih ada %d unit aktif di bawah unit ini. Nonaktifkan atau pindahkan lebih dulu.", children)
			}
		} else {
			var parentAktif bool
			if err := tx.QueryRow(ctx, `SELECT coalesce((SELECT p.aktif FROM unit_kerja u JOIN unit_kerja p ON p.id = u.parent_id WHERE u.id = $1), true)`, id).Scan(&parentAktif); err != nil {
				return err
			}
			if !parentAktif {
				return apperr.New(apperr.Invalid, "Unit induknya tidak aktif; aktifkan unit induk lebih dulu.")
			}
		}
		return setAktif(ctx, tx, actor, "unit_kerja", "unit", id, aktif)
	}))
}

// JabatanChange creates (ID 0) or updates a jabatan in a unit.
type JabatanChange struct {
	ID      int64
	Version int
	UnitID  int64
	Nama    string
	Jenis   string
	Kepala  bool
}

// Jabatan is a position with how many active pegawai hold it.
type Jabatan struct {
	ID      int64
	UnitID  int64
	Nama    string
	Jenis   string
	Kepala  bool
	Aktif   bool
	Version int
	Pejabat int
}

// ListJabatan returns a unit's jabatan, heads first.
func (s *Store) ListJabatan(ctx context.Context, unitID int64) ([]Jabatan, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT j.id, j.unit_kerja_id, j.nama, j.jenis, j.kepala_unit, j.aktif, j.version,
		       (SELECT count(*) FROM pegawai p WHERE p.jabatan_id = j.id AND p.aktif)
		FROM jabatan j WHERE j.unit_kerja_id = $1 ORDER BY j.aktif DESC, j.kepala_unit DESC, lower(j.nama)`, unitID)
	if err != nil {
		return nil, wrap("list jabatan", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Jabatan])
	return out, wrap("list jabatan", err)
}

// GetJabatan returns one jabatan; apperr.NotFound when unknown.
func (s *Store) GetJabatan(ctx context.Context, id int64) (Jabatan, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT j.id, j.unit_kerja_id, j.nama, j.jenis, j.kepala_unit, j.aktif, j.version,
		       (SELECT count(*) FROM pegawai p WHERE p.jabatan_id = j.id AND p.aktif)
		FROM jabatan j WHERE j.id = $1`, id)
	if err != nil {
		return Jabatan{}, wrap("get jabatan", err)
	}
	j, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[Jabatan])
	return j, wrap("get jabatan", translate(err, "Jabatan"))
}

type jabatanAudit struct {
	Nama   string `json:"nama"`
	Jenis  string `json:"jenis"`
	Kepala bool   `json:"kepala_unit"`
	Aktif  bool   `json:"aktif"`
}

// SaveJabatan creates or updates a jabatan. A unit has one active head position, and
// a head position is held by at most one active pegawai.
func (s *Store) SaveJabatan(ctx context.Context, actor Actor, ch JabatanChange) (int64, error) {
	errs := map[string]string{}
	ch.Nama = checkName(errs, "nama", ch.Nama, "Nama jabatan", 2, 200)
	if code, ok := org.ParseJenisJabatan(ch.Jenis); ok {
		ch.Jenis = code
	} else {
		errs["jenis"] = "Pilih jenis jabatan."
	}
	if len(errs) > 0 {
		return 0, apperr.Validation(errs)
	}
	id := ch.ID
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var before *jabatanAudit
		if id != 0 {
			if err := lockVersion(ctx, tx, "jabatan", id, ch.Version, "Jabatan"); err != nil {
				return err
			}
			var b jabatanAudit
			if err := tx.QueryRow(ctx, `SELECT unit_kerja_id, nama, jenis, kepala_unit, aktif FROM jabatan WHERE id = $1`, id).Scan(&ch.UnitID, &b.Nama, &b.Jenis, &b.Kepala, &b.Aktif); err != nil {
				return err
			}
			before = &b
		} else {
			var aktif bool
			if err := tx.QueryRow(ctx, `SELECT aktif FROM unit_kerja WHERE id = $1`, ch.UnitID).Scan(&aktif); err != nil {
				return translate(err, "Unit kerja")
			}
			if !aktif {
				return apperr.New(apperr.Invalid, "Unit kerja ini tidak aktif.")
			}
		}
		var dup string
		err := tx.QueryRow(ctx, `SELECT nama FROM jabatan WHERE unit_kerja_id = $1 AND lower(nama) = lower($2) AND id <> $3`, ch.UnitID, ch.Nama, id).Scan(&dup)
		if err == nil {
			return apperr.Validation(map[string]string{"nama": "Jabatan " + dup + " sudah ada di unit ini."})
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if ch.Kepala {
			err := tx.QueryRow(ctx, `SELECT nama FROM jabatan WHERE unit_kerja_id = $1 AND kepala_unit AND aktif AND id <> $2`, ch.UnitID, id).Scan(&dup)
			if err == nil {
				return apperr.Validation(map[string]string{"kepala": "Unit ini sudah memiliki jabatan kepala: " + dup + "."})
			} else if !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
			var holders int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM pegawai WHERE jabatan_id = $1 AND aktif`, id).Scan(&holders); err != nil {
				return err
			}
			if holders > 1 {
				return apperr.Validation(map[string]string{"kepala": fmt.Sprintf("Jabatan ini dijabat %d pegawai; jabatan kepala hanya untuk satu orang.", holders)})
			}
		}
		if id == 0 {
			err = tx.QueryRow(ctx, `INSERT INTO jabatan (unit_kerja_id, nama, jenis, kepala_unit) VALUES ($1, $2, $3, $4) RETURNING id`,
				ch.UnitID, ch.Nama, ch.Jenis, ch.Kepala).Scan(&id)
		} else {
			_, err = tx.Exec(ctx, `UPDATE jabatan SET nama = $2, jenis = $3, kepala_unit = $4, version = version + 1, updated_at = now() WHERE id = $1`,
				id, ch.Nama, ch.Jenis, ch.Kepala)
		}
		if err != nil {
			return err
		}
		after := jabatanAudit{Nama: ch.Nama, Jenis: ch.Jenis, Kepala: ch.Kepala, Aktif: true}
		if before != nil {
			after.Aktif = before.Aktif
		}
		return auditSaved(ctx, tx, actor, "jabatan", id, before, after)
	})
	return id, wrap("save jabatan", err)
}

// SetJabatanAktif deactivates or reactivates a jabatan; one held by active pegawai stays.
func (s *Store) SetJabatanAktif(ctx context.Context, actor Actor, id int64, version int, aktif bool) error {
	return wrap("set jabatan aktif", s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockVersion(ctx, tx, "jabatan", id, version, "Jabatan"); err != nil {
			return err
		}
		if !aktif {
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM pegawai WHERE jabatan_id = $1 AND aktif`, id).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return apperr.New(apperr.Invalid, "Jabatan ini masih dijabat %d pegawai aktif.", n)
			}
		} else {
			var unitAktif bool
			var kepala bool
			var unitID int64
			if err := tx.QueryRow(ctx, `SELECT u.aktif, j.kepala_unit, u.id FROM jabatan j JOIN unit_kerja u ON u.id = j.unit_kerja_id WHERE j.id = $1`, id).Scan(&unitAktif, &kepala, &unitID); err != nil {
				return err
			}
			if !unitAktif {
				return apperr.New(apperr.Invalid, "Unit kerjanya tidak aktif.")
			}
			if kepala {
				var other string
				err := tx.QueryRow(ctx, `SELECT nama FROM jabatan WHERE unit_kerja_id = $1 AND kepala_unit AND aktif AND id <> $2`, unitID, id).Scan(&other)
				if err == nil {
					return apperr.New(apperr.Invalid, "Unit ini sudah memiliki jabatan kepala aktif: %s.", other)
				} else if !errors.Is(err, pgx.ErrNoRows) {
					return err
				}
			}
		}
		return setAktif(ctx, tx, actor, "jabatan", "jabatan", id, aktif)
	}))
}

// OPDVersion and UnitVersion return the current version for edit forms.
func (s *Store) OPDVersion(ctx context.Context, id int64) (int, error) {
	var v int
	err := s.pool.QueryRow(ctx, `SELECT version FROM perangkat_daerah WHERE id = $1`, id).Scan(&v)
	return v, wrap("opd version", translate(err, "Perangkat daerah"))
}

// UnitVersion returns the unit's version and whether it is active.
func (s *Store) UnitVersion(ctx context.Context, id int64) (int, bool, error) {
	var v int
	var aktif bool
	err := s.pool.QueryRow(ctx, `SELECT version, aktif FROM unit_kerja WHERE id = $1`, id).Scan(&v, &aktif)
	return v, aktif, wrap("unit version", translate(err, "Unit kerja"))
}

// InactiveUnits lists an OPD's inactive units, for reactivation.
func (s *Store) InactiveUnits(ctx context.Context, opdID int64) ([]org.Unit, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, nama FROM unit_kerja WHERE opd_id = $1 AND NOT aktif ORDER BY lower(nama)`, opdID)
	if err != nil {
		return nil, wrap("inactive units", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (org.Unit, error) {
		var u org.Unit
		err := r.Scan(&u.ID, &u.Nama)
		return u, err
	})
	return out, wrap("inactive units", err)
}
