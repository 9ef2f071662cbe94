package periode

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"kinerja/internal/angka"
	"kinerja/internal/apperr"
	"kinerja/internal/org"
)

// CheckMove allows a move one phase forward. A closed period is reopened with
// CheckReopen, not moved. It returns an Invalid error saying why a move is refused.
func CheckMove(from, to Fase) error {
	if from.index() < 0 || to.index() < 0 {
		return apperr.New(apperr.Invalid, "Fase tidak dikenal.")
	}
	if from == Selesai {
		return apperr.New(apperr.Invalid, "Periode sudah selesai (ditutup). Buka kembali periode bila perlu perubahan.")
	}
	next, _ := from.Next()
	switch {
	case to == from:
		return apperr.New(apperr.Invalid, "Periode sudah berada di fase %s.", from.Label())
	case to.index() < from.index():
		return apperr.New(apperr.Invalid, "Fase tidak dapat mundur dari %s ke %s.", from.Label(), to.Label())
	case to != next:
		return apperr.New(apperr.Invalid, "Fase harus berurutan: dari %s ke %s, bukan langsung ke %s.", from.Label(), next.Label(), to.Label())
	}
	return nil
}

// MaxAlasanBuka is the most characters of the reason for reopening a closed period.
const MaxAlasanBuka = 1000

// CheckReopen allows reopening a closed period, back to Penilaian, with a written reason.
func CheckReopen(from Fase, alasan string) (string, error) {
	if from != Selesai {
		return "", apperr.New(apperr.Invalid, "Hanya periode yang sudah selesai yang dapat dibuka kembali.")
	}
	alasan = strings.TrimSpace(alasan)
	switch n := utf8.RuneCountInString(alasan); {
	case n < 10:
		return "", apperr.Validation(map[string]string{"alasan": "Tuliskan alasan membuka kembali (paling sedikit 10 karakter)."})
	case n > MaxAlasanBuka:
		return "", apperr.Validation(map[string]string{"alasan": "Alasan paling banyak " + angka.Bulat(MaxAlasanBuka) + " karakter."})
	}
	return alasan, nil
}

// Periode is an appraisal period: its settings, its phase and, where counted, its
// active participants.
type Periode struct {
	ID       int64
	Settings Settings
	Fase     Fase
	DibukaAt *time.Time // when it left Draft
	Version  int        // optimistic lock
	Peserta  int        // active participants (0 where not counted)
}

// Jadwal is the check-in schedule.
type Jadwal string

const (
	Triwulan Jadwal = "triwulan"
	Bulanan  Jadwal = "bulanan"
)

// Settings are what an admin sets on a period.
type Settings struct {
	Tahun              int
	Mulai, Selesai     time.Time
	Jadwal             Jadwal
	KeberatanHari      int
	AmbangAnonim       int
	KurvaPembulatan    string    // "persen" or "orang": how distribution bounds apply to small units
	Kalibrasi          Kalibrasi // how the distribution is settled
	TenggatPerencanaan time.Time // zero: none
	TenggatPelaksanaan time.Time
	TenggatPenilaian   time.Time
	// Pengingat are the days before each deadline on which whoever still owes the
	// work is reminded (default 7, 3 and 1); EskalasiHari is how many days after a
	// deadline the work a penilai still owes is reported to their own penilai.
	Pengingat    []int
	EskalasiHari int
}

// SettingsInput is the form as typed.
type SettingsInput struct {
	Tahun, Mulai, Selesai, Jadwal, KeberatanHari, AmbangAnonim string
	KurvaPembulatan, Kalibrasi                                 string
	TenggatPerencanaan, TenggatPelaksanaan, TenggatPenilaian   string
	Pengingat, EskalasiHari                                    string
}

// DefaultPengingat and DefaultEskalasiHari are the reminder settings of a new period.
var (
	DefaultPengingat    = []int{7, 3, 1}
	DefaultEskalasiHari = 3
)

// MaxPengingat bounds the reminders per deadline, and the days before one.
const (
	MaxPengingat     = 5
	MaxPengingatHari = 60
)

// FormatPengingat writes reminder days as the form shows them: "7, 3, 1".
func FormatPengingat(days []int) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, ", ")
}

// ParsePengingat reads reminder days ("7, 3, 1"): distinct whole days from 1 to
// MaxPengingatHari, at most MaxPengingat of them, kept from the earliest; empty
// means the default.
func ParsePengingat(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return slices.Clone(DefaultPengingat), nil
	}
	seen := map[int]bool{}
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > MaxPengingatHari {
			return nil, fmt.Errorf("Tulis hari sebelum tenggat sebagai angka 1 sampai %d, dipisah koma, misalnya 7, 3, 1.", MaxPengingatHari)
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	if len(out) > MaxPengingat {
		return nil, fmt.Errorf("Paling banyak %d pengingat per tenggat.", MaxPengingat)
	}
	slices.SortFunc(out, func(a, b int) int { return b - a })
	return out, nil
}

// DefaultInput is a new period for year: 1 January to 31 December, quarterly,
// 14 days for keberatan, at least 3 peer reviewers.
func DefaultInput(year int) SettingsInput {
	y := strconv.Itoa(year)
	return SettingsInput{Tahun: y, Mulai: y + "-01-01", Selesai: y + "-12-31", Jadwal: string(Triwulan), KeberatanHari: "14", AmbangAnonim: "3", KurvaPembulatan: "persen", Kalibrasi: string(KalibrasiOPD),
		Pengingat: FormatPengingat(DefaultPengingat), EskalasiHari: strconv.Itoa(DefaultEskalasiHari)}
}

// CheckSettings validates the form and returns the settings or per-field messages.
func CheckSettings(in SettingsInput) (Settings, map[string]string) {
	errs := map[string]string{}
	var s Settings
	y, err := strconv.Atoi(strings.TrimSpace(in.Tahun))
	if err != nil || y < 2000 || y > 2100 {
		errs["tahun"] = "Tahun harus antara 2000 dan 2100."
	}
	s.Tahun = y
	date := func(field, v, label string, required bool) time.Time {
		if strings.TrimSpace(v) == "" {
			if required {
				errs[field] = label + " wajib diisi."
			}
			return time.Time{}
		}
		t, ok := org.ParseDate(v)
		if !ok {
			errs[field] = label + " harus tanggal yang valid."
		}
		return t
	}
	s.Mulai = date("mulai", in.Mulai, "Tanggal mulai", true)
	s.Selesai = date("selesai", in.Selesai, "Tanggal selesai", true)
	if errs["mulai"] == "" && errs["selesai"] == "" {
		if !s.Selesai.After(s.Mulai) {
			errs["selesai"] = "Tanggal selesai harus setelah tanggal mulai."
		} else if errs["tahun"] == "" && s.Mulai.Year() != y {
			errs["mulai"] = fmt.Sprintf("Tanggal mulai harus di tahun %d.", y)
		}
	}
	switch Jadwal(in.Jadwal) {
	case Triwulan, Bulanan:
		s.Jadwal = Jadwal(in.Jadwal)
	default:
		errs["jadwal"] = "Pilih jadwal triwulan atau bulanan."
	}
	num := func(field, v, label string, lo, hi int) int {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < lo || n > hi {
			errs[field] = fmt.Sprintf("%s harus angka %d sampai %d.", label, lo, hi)
		}
		return n
	}
	s.KeberatanHari = num("keberatan_hari", in.KeberatanHari, "Masa keberatan", 1, 90)
	s.AmbangAnonim = num("ambang_anonim", in.AmbangAnonim, "Ambang anonimitas", 1, 20)
	switch in.KurvaPembulatan {
	case "persen", "orang":
		s.KurvaPembulatan = in.KurvaPembulatan
	case "":
		s.KurvaPembulatan = "persen"
	default:
		errs["kurva_pembulatan"] = "Pilih cara pembulatan batas kurva."
	}
	switch k := Kalibrasi(in.Kalibrasi); k {
	case KalibrasiPenilai, KalibrasiOPD:
		s.Kalibrasi = k
	case "":
		s.Kalibrasi = KalibrasiOPD
	default:
		errs["kalibrasi"] = "Pilih cara menetapkan sebaran predikat."
	}
	if p, err := ParsePengingat(in.Pengingat); err != nil {
		errs["pengingat"] = err.Error()
	} else {
		s.Pengingat = p
	}
	s.EskalasiHari = DefaultEskalasiHari
	if strings.TrimSpace(in.EskalasiHari) != "" {
		s.EskalasiHari = num("eskalasi_hari", in.EskalasiHari, "Eskalasi", 1, 30)
	}
	s.TenggatPerencanaan = date("tenggat_perencanaan", in.TenggatPerencanaan, "Tenggat perencanaan", false)
	s.TenggatPelaksanaan = date("tenggat_pelaksanaan", in.TenggatPelaksanaan, "Tenggat pelaksanaan", false)
	s.TenggatPenilaian = date("tenggat_penilaian", in.TenggatPenilaian, "Tenggat penilaian", false)
	// Deadlines lie inside the period; the annual rating's may follow the year's end
	// by up to 90 days, as the rating of a year is given after it ends.
	if errs["mulai"] == "" && errs["selesai"] == "" && !s.Mulai.IsZero() && !s.Selesai.IsZero() {
		last := s.Selesai.AddDate(0, 0, 90)
		for _, d := range []struct {
			field string
			t     time.Time
			until time.Time
		}{{"tenggat_perencanaan", s.TenggatPerencanaan, s.Selesai}, {"tenggat_pelaksanaan", s.TenggatPelaksanaan, s.Selesai}, {"tenggat_penilaian", s.TenggatPenilaian, last}} {
			if d.t.IsZero() || errs[d.field] != "" {
				continue
			}
			if d.t.Before(s.Mulai) || d.t.After(d.until) {
				errs[d.field] = fmt.Sprintf("Tenggat harus antara %s dan %s.", Tanggal(s.Mulai), Tanggal(d.until))
			}
		}
	}
	prev := time.Time{}
	for _, d := range []struct {
		field string
		t     time.Time
	}{{"tenggat_perencanaan", s.TenggatPerencanaan}, {"tenggat_pelaksanaan", s.TenggatPelaksanaan}, {"tenggat_penilaian", s.TenggatPenilaian}} {
		if d.t.IsZero() || errs[d.field] != "" {
			continue
		}
		if !prev.IsZero() && !d.t.After(prev) {
			errs[d.field] = "Tenggat harus setelah tenggat fase sebelumnya."
		}
		prev = d.t
	}
	return s, errs
}

// Predikat organisasi, from SE MenPANRB 3/2023.
var PredikatOrganisasi = []string{"Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"}

// CheckPredikatOrganisasi accepts one of the five labels ("" clears it).
func CheckPredikatOrganisasi(p string) (string, error) {
	p = strings.TrimSpace(p)
	if p == "" {
		return "", nil
	}
	for _, x := range PredikatOrganisasi {
		if strings.EqualFold(p, x) {
			return x, nil
		}
	}
	return "", apperr.New(apperr.Invalid, "Predikat harus Istimewa, Baik, Butuh Perbaikan, Kurang atau Sangat Kurang.")
}

// Checkin is one reporting point of a period: a triwulan or a month.
type Checkin struct {
	No      int
	Label   string
	Mulai   time.Time
	Selesai time.Time
}

var bulanNama = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// Checkins lists the period's check-ins: four triwulan or twelve months from the
// start date; the last one ends on the period's end date.
func Checkins(s Settings) []Checkin {
	step, n := 3, 4
	if s.Jadwal == Bulanan {
		step, n = 1, 12
	}
	out := make([]Checkin, 0, n)
	for i := 0; i < n; i++ {
		start := s.Mulai.AddDate(0, i*step, 0)
		end := s.Mulai.AddDate(0, (i+1)*step, -1)
		if i == n-1 || end.After(s.Selesai) {
			end = s.Selesai
		}
		label := "Triwulan " + []string{"I", "II", "III", "IV"}[min(i, 3)]
		if s.Jadwal == Bulanan {
			label = bulanNama[start.Month()-1]
		}
		out = append(out, Checkin{No: i + 1, Label: label, Mulai: start, Selesai: end})
	}
	return out
}

// Tanggal writes a date in Indonesian: 7 Desember 2026.
func Tanggal(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + bulanNama[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Kalibrasi is how a period settles the distribution of predikat (SE MenPANRB
// 3/2023 bounds the OPD's distribution).
type Kalibrasi string

const (
	// KalibrasiPenilai: each penilai publishes their own subordinates' ratings,
	// checked against the bounds over those subordinates (the behaviour before
	// kalibrasi; kept for the periods created before it).
	KalibrasiPenilai Kalibrasi = "penilai"
	// KalibrasiOPD: the penilai's Tetapkan proposes; the kepala OPD (or the Admin
	// BKD) calibrates every proposal of the OPD against the OPD's bounds and
	// publishes the OPD at once. The default of new periods.
	KalibrasiOPD Kalibrasi = "opd"
)

// Label is the mode as the period form says it.
func (k Kalibrasi) Label() string {
	if k == KalibrasiPenilai {
		return "Per penilai: setiap penilai menetapkan bawahannya"
	}
	return "Kalibrasi OPD: penilai mengusulkan, kepala OPD mengkalibrasi dan menetapkan"
}

// CheckUbahKalibrasi refuses a change of mode once any rating of the period has
// been proposed or published: the ratings already sent follow the mode they were
// sent under.
func CheckUbahKalibrasi(from, to Kalibrasi, adaUsulan bool) error {
	if from != to && adaUsulan {
		return apperr.Validation(map[string]string{"kalibrasi": "Cara menetapkan sebaran tidak dapat diubah setelah ada penilaian yang diusulkan atau ditetapkan."})
	}
	return nil
}
