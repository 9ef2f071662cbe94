package laporan

import (
	"strconv"
	"strings"
	"time"

	"kinerja/internal/apperr"
)

// Jenis names a report.
type Jenis string

// The reports, in menu order.
const (
	Perencanaan  Jenis = "perencanaan"
	Pelaksanaan  Jenis = "pelaksanaan"
	Penilaian    Jenis = "penilaian"
	Rekap        Jenis = "rekap"
	Rekonsiliasi Jenis = "rekonsiliasi"
	Antartahun   Jenis = "antartahun"
	Tunggakan    Jenis = "tunggakan"
)

// Reports lists the reports in menu order.
var Reports = []Jenis{Perencanaan, Pelaksanaan, Penilaian, Rekap, Rekonsiliasi, Antartahun, Tunggakan}

// Label is the report's name on the screen.
func (j Jenis) Label() string {
	switch j {
	case Perencanaan:
		return "Perencanaan"
	case Pelaksanaan:
		return "Pelaksanaan"
	case Penilaian:
		return "Penilaian"
	case Rekap:
		return "Rekap Predikat"
	case Rekonsiliasi:
		return "Rekonsiliasi Nasional"
	case Antartahun:
		return "Antartahun"
	case Tunggakan:
		return "Tunggakan"
	}
	return string(j)
}

// ParseJenis reads a report's name; ok is false for an unknown one.
func ParseJenis(s string) (Jenis, bool) {
	for _, j := range Reports {
		if string(j) == s {
			return j, true
		}
	}
	return "", false
}

// PerCheckin reports whether the report is read at one check-in (or the year).
func (j Jenis) PerCheckin() bool { return j == Pelaksanaan || j == Penilaian || j == Rekap }

// Viewer is who asks for a report.
type Viewer struct {
	AdminBKD, KepalaOPD, Penilai bool
	OPDID, PegawaiID             int64
}

// Scope is the part of the pemda a viewer's reports cover: the whole pemda, one OPD,
// or (AtasanID) the participants below one penilai, inside their OPD.
type Scope struct {
	Pemda    bool
	OPDID    int64
	AtasanID int64
}

// ScopeOf is the viewer's scope; ok is false when the viewer has no Laporan.
func ScopeOf(v Viewer) (Scope, bool) {
	switch {
	case v.AdminBKD:
		return Scope{Pemda: true}, true
	case v.KepalaOPD:
		return Scope{OPDID: v.OPDID}, true
	case v.Penilai:
		return Scope{OPDID: v.OPDID, AtasanID: v.PegawaiID}, true
	}
	return Scope{}, false
}

// ErrLuarCakupan is the answer to a filter outside the viewer's scope.
var ErrLuarCakupan = apperr.New(apperr.Forbidden, "Laporan itu di luar cakupan Anda.")

// Narrow fits a filter to the scope: an OPD-bound viewer always reads their own OPD,
// and a filter naming another OPD, or a unit of another OPD (unitOPD is the OPD of
// f.UnitID, 0 without a unit), returns ErrLuarCakupan.
func (s Scope) Narrow(f Filter, unitOPD int64) (Filter, error) {
	if f.UnitID != 0 && f.OPDID != 0 && unitOPD != f.OPDID {
		return f, apperr.Validation(map[string]string{FieldUnit: "Unit kerja itu bukan bagian dari perangkat daerah yang dipilih."})
	}
	if s.Pemda {
		if f.UnitID != 0 {
			f.OPDID = unitOPD
		}
		return f, nil
	}
	if (f.OPDID != 0 && f.OPDID != s.OPDID) || (f.UnitID != 0 && unitOPD != s.OPDID) {
		return f, ErrLuarCakupan
	}
	f.OPDID = s.OPDID
	return f, nil
}

// Status is how a stretch of a participant's year is counted.
type Status string

const (
	Aktif       Status = "aktif"
	Dikeluarkan Status = "dikeluarkan"
	Nonaktif    Status = "nonaktif"
	Dipindahkan Status = "dipindahkan"
)

// Statuses lists the statuses in column order.
var Statuses = []Status{Aktif, Dikeluarkan, Nonaktif, Dipindahkan}

// Label is the status on the screen.
func (s Status) Label() string {
	switch s {
	case Aktif:
		return "Aktif"
	case Dikeluarkan:
		return "Dikeluarkan dari periode"
	case Nonaktif:
		return "Pegawai nonaktif"
	case Dipindahkan:
		return "Dipindahkan (mutasi)"
	}
	return string(s)
}

// Flags are the facts a stretch's status follows from.
type Flags struct {
	PesertaAktif bool // still a participant of the period
	PegawaiAktif bool // the pegawai record is active
	Lama         bool // a stretch that ended in a mutasi (or, at a check-in, does not hold it)
}

// StatusOf is the stretch's status: taken out of the period first, then an inactive
// record, then a stretch left by mutasi.
func StatusOf(f Flags) Status {
	switch {
	case !f.PesertaAktif:
		return Dikeluarkan
	case !f.PegawaiAktif:
		return Nonaktif
	case f.Lama:
		return Dipindahkan
	}
	return Aktif
}

// Hitung counts stretches by status.
type Hitung struct {
	Aktif, Dikeluarkan, Nonaktif, Dipindahkan int
}

// Add counts n stretches of status s.
func (h *Hitung) Add(s Status, n int) {
	if c := h.of(s); c != nil {
		*c += n
	}
}

// Of returns the count of one status.
func (h Hitung) Of(s Status) int {
	if c := h.of(s); c != nil {
		return *c
	}
	return 0
}

func (h *Hitung) of(s Status) *int {
	switch s {
	case Aktif:
		return &h.Aktif
	case Dikeluarkan:
		return &h.Dikeluarkan
	case Nonaktif:
		return &h.Nonaktif
	case Dipindahkan:
		return &h.Dipindahkan
	}
	return nil
}

// Bagian is n as a percentage of base; ok is false for an empty base, which shows a
// dash rather than 0%.
func Bagian(n, base int) (float64, bool) {
	if base <= 0 {
		return 0, false
	}
	return 100 * float64(n) / float64(base), true
}

// Terlambat reports whether a part not done is late: its deadline (a date, the last
// day allowed) is set and today is after it.
func Terlambat(tenggat, today time.Time, selesai bool) bool {
	if selesai || tenggat.IsZero() {
		return false
	}
	y, m, d := today.Date()
	ty, tm, td := tenggat.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC))
}

// Level is what a report's rows are.
type Level int

const (
	LevelOPD Level = iota
	LevelUnit
	LevelPegawai
)

// Field names of the filter form.
const (
	FieldOPD     = "opd"
	FieldUnit    = "unit"
	FieldJabatan = "jabatan"
	FieldASN     = "asn"
	FieldStatus  = "status"
)

// Filter narrows a report.
type Filter struct {
	OPDID, UnitID int64
	JenisJabatan  string // a jenis_jabatan code; "" for all
	JenisASN      string // "PNS", "PPPK" or ""
	Status        Status // "" for every status
}

// Level is the rows the filter asks for (see the package doc).
func (f Filter) Level() Level {
	switch {
	case f.UnitID != 0:
		return LevelPegawai
	case f.OPDID != 0:
		return LevelUnit
	}
	return LevelOPD
}

// JenisASN lists the values of the PNS/PPPK filter.
var JenisASN = []string{"PNS", "PPPK"}

// ParseFilter reads the filter from a form (get returns a field's value); jabatan
// lists the known jenis jabatan codes. A malformed value returns a message per
// field, in Bahasa Indonesia.
func ParseFilter(get func(string) string, jabatan []string) (Filter, map[string]string) {
	var f Filter
	errs := map[string]string{}
	id := func(field, msg string) int64 {
		v := strings.TrimSpace(get(field))
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			errs[field] = msg
			return 0
		}
		return n
	}
	f.OPDID = id(FieldOPD, "Pilih perangkat daerah dari daftar.")
	f.UnitID = id(FieldUnit, "Pilih unit kerja dari daftar.")
	oneOf := func(field, v string, list []string, msg string) string {
		v = strings.TrimSpace(v)
		if v == "" {
			return ""
		}
		for _, x := range list {
			if x == v {
				return v
			}
		}
		errs[field] = msg
		return ""
	}
	f.JenisJabatan = oneOf(FieldJabatan, get(FieldJabatan), jabatan, "Pilih jenis jabatan dari daftar.")
	f.JenisASN = oneOf(FieldASN, get(FieldASN), JenisASN, "Pilih PNS atau PPPK.")
	statuses := make([]string, len(Statuses))
	for i, s := range Statuses {
		statuses[i] = string(s)
	}
	f.Status = Status(oneOf(FieldStatus, get(FieldStatus), statuses, "Pilih status dari daftar."))
	if len(errs) > 0 {
		return f, errs
	}
	return f, nil
}
