package periode

import (
	"strings"
	"time"

	"kinerja/internal/apperr"
)

// Penugasan is one stretch of a participant's period under one placement (jabatan,
// unit) and one penilai. A participant's year starts as one stretch; each mutasi with
// a TMT inside the period ends the current stretch on the day before the TMT and
// starts the next. Each stretch has its own plan, rated by its own penilai.
type Penugasan struct {
	Ke             int       // 1, 2, … in order
	Mulai, Selesai time.Time // inclusive
	// CheckinDari..CheckinSampai are the periodic check-ins rated on the stretch's
	// plan (none when CheckinSampai < CheckinDari).
	CheckinDari, CheckinSampai int
	Berakhir                   bool // ended by a mutasi; the current stretch (false) carries the year
}

// Menilai says whether the stretch's plan is reported on and rated at checkin (Year
// for the year, which belongs to the current stretch only).
func (g Penugasan) Menilai(checkin int) bool {
	if checkin == Year {
		return !g.Berakhir
	}
	return checkin >= g.CheckinDari && (!g.Berakhir || checkin <= g.CheckinSampai)
}

// Checkins filters the period's check-ins to those the stretch is rated at.
func (g Penugasan) Checkins(cs []Checkin) []Checkin {
	var out []Checkin
	for _, c := range cs {
		if g.Menilai(c.No) {
			out = append(out, c)
		}
	}
	return out
}

// Nearest is checkin when the stretch is rated then, else the closest check-in it is
// rated at (Year for a current stretch with none left).
func (g Penugasan) Nearest(checkin int, cs []Checkin) int {
	if g.Menilai(checkin) {
		return checkin
	}
	own := g.Checkins(cs)
	if len(own) == 0 {
		return Year
	}
	if checkin != Year && checkin < own[0].No {
		return own[0].No
	}
	return own[len(own)-1].No
}

// Masa is the stretch's dates in words: "1 Januari 2026 – 14 Mei 2026".
func (g Penugasan) Masa() string { return Tanggal(g.Mulai) + " – " + Tanggal(g.Selesai) }

// CheckinSejak is the first check-in whose window starts on or after tmt: the first
// one rated on the plan of a stretch starting at tmt. The check-in that holds the
// TMT stays with the stretch that ends, whose penilai supervised its start, except
// the last one: the stretch that carries the year always has the last check-in, so
// its plan has a check-in to report on.
func CheckinSejak(cs []Checkin, tmt time.Time) int {
	for _, c := range cs {
		if !c.Mulai.Before(tmt) {
			return c.No
		}
	}
	return len(cs)
}

// MaxAlasanMutasi is the most characters of a mutasi's reason.
const MaxAlasanMutasi = 500

// Mutasi is a recorded change of a participant's placement or penilai from a TMT.
type Mutasi struct {
	TMT         time.Time
	CheckinDari int // the first periodic check-in of the new stretch
	Alasan      string
}

// MutasiInput is the Admin BKD's form as typed.
type MutasiInput struct {
	TMT, Alasan string
}

// The mutasi form's fields.
const (
	FieldTMT          = "tmt"
	FieldAlasanMutasi = "alasan"
)

// CheckMutasi validates a mutasi of a participant whose current stretch is cur, in a
// period with settings s. rated lists the check-ins (Year for the year) already rated
// on the current stretch's plan. The rules:
//   - the TMT is a date inside the period, after the current stretch began (a stretch
//     lasts at least one day), and a reason of 5 to MaxAlasanMutasi characters is
//     given;
//   - the current stretch ends the day before the TMT and keeps the check-ins that
//     start before it (CheckinSejak); the new stretch takes the later ones and the
//     year;
//   - a rating already given on the current plan at a check-in the new stretch would
//     take, or for the year, must not change hands: such a TMT is refused, naming
//     the earliest TMT that keeps it.
func CheckMutasi(in MutasiInput, s Settings, cur Penugasan, rated []int) (Mutasi, map[string]string) {
	errs := map[string]string{}
	m := Mutasi{Alasan: strings.TrimSpace(in.Alasan)}
	if n := len([]rune(m.Alasan)); n < 5 || n > MaxAlasanMutasi {
		errs[FieldAlasanMutasi] = "Tuliskan alasan mutasi (5–500 karakter), mis. nomor SK pindah jabatan."
	}
	tmt, err := time.Parse("2006-01-02", strings.TrimSpace(in.TMT))
	switch {
	case strings.TrimSpace(in.TMT) == "":
		errs[FieldTMT] = "Isi TMT mutasi."
	case err != nil:
		errs[FieldTMT] = "TMT harus berupa tanggal, mis. 2026-05-15."
	case tmt.Before(s.Mulai) || tmt.After(s.Selesai):
		errs[FieldTMT] = "TMT harus di dalam periode (" + Tanggal(s.Mulai) + " – " + Tanggal(s.Selesai) + "). Mutasi di luar periode berlaku untuk periode berikutnya."
	case !tmt.After(cur.Mulai):
		errs[FieldTMT] = "TMT harus sesudah awal penugasan saat ini (" + Tanggal(cur.Mulai) + ")."
	}
	if _, bad := errs[FieldTMT]; !bad {
		m.TMT = tmt
		cs := Checkins(s)
		m.CheckinDari = CheckinSejak(cs, tmt)
		last, year := 0, false
		for _, c := range rated {
			if c == Year {
				year = true
			} else if c > last && c <= len(cs) {
				last = c
			}
		}
		switch {
		case year:
			errs[FieldTMT] = "Penilaian tahunan penugasan saat ini sudah diisi; mutasi tidak dapat dicatat lagi pada periode ini."
		case last >= m.CheckinDari:
			errs[FieldTMT] = "Penilaian " + cs[last-1].Label + " sudah diisi oleh penilai saat ini. TMT paling awal yang mempertahankannya adalah " +
				Tanggal(cs[last-1].Mulai.AddDate(0, 0, 1)) + "."
		}
	}
	if len(errs) > 0 {
		return Mutasi{}, errs
	}
	return m, nil
}

// Ended is the current stretch cur ended by mutasi m: it runs to the day before the
// TMT and keeps the check-ins before m.CheckinDari.
func (m Mutasi) Ended(cur Penugasan) Penugasan {
	cur.Selesai = m.TMT.AddDate(0, 0, -1)
	cur.CheckinSampai = m.CheckinDari - 1
	cur.Berakhir = true
	return cur
}

// Next is the stretch mutasi m starts after cur, to the period's end.
func (m Mutasi) Next(cur Penugasan, s Settings) Penugasan {
	return Penugasan{Ke: cur.Ke + 1, Mulai: m.TMT, Selesai: s.Selesai, CheckinDari: m.CheckinDari}
}

// CheckBerubah refuses a mutasi that changes neither the jabatan, the unit kerja nor
// the penilai: a mutasi is a change of one of them.
func CheckBerubah(jabatan, unit, penilai bool) error {
	if jabatan || unit || penilai {
		return nil
	}
	return apperr.New(apperr.Invalid, "Mutasi ini tidak mengubah jabatan, unit kerja maupun penilai. Perbarui data pegawai atau pilih penilai baru lebih dulu.")
}
