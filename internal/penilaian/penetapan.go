package penilaian

import (
	"strings"
	"unicode/utf8"

	"kinerja/internal/angka"
	"kinerja/internal/apperr"
)

// Distribusi is the live count of predikat among the rated pegawai of a unit (a
// penilai's subordinates, or an OPD) at a check-in, with the bounds that apply.
type Distribusi struct {
	Counts       map[Predikat]int
	Dinilai      int // pegawai with a predikat
	BelumDinilai int
	OrgPredikat  string // "" when the Admin BKD has not set it
	Pembulatan   Pembulatan
}

// Pelanggaran names the breached bounds (CheckKurva).
func (d Distribusi) Pelanggaran() []Pelanggaran {
	return CheckKurva(d.OrgPredikat, d.Counts, d.Pembulatan)
}

// Field names of Tetapkan's validation errors.
const (
	FieldUnit        = "unit"
	FieldJustifikasi = "justifikasi"
)

// CheckLengkap is the first rule of Tetapkan: every subordinate with an approved SKP
// has both ratings (belum names those who have not), and something waits to be
// published (pending).
func CheckLengkap(belum []string, pending int) error {
	if len(belum) > 0 {
		return apperr.Validation(map[string]string{FieldUnit: "Penilaian belum lengkap (Hasil Kerja dan Perilaku Kerja) untuk: " + strings.Join(belum, ", ") + "."})
	}
	if pending == 0 {
		return apperr.New(apperr.Conflict, "Tidak ada penilaian yang menunggu ditetapkan.")
	}
	return nil
}

// CheckJustifikasi is the second: a distribution that breaches a bound of SE
// MenPANRB 3/2023 is a warning, not a block, but publishing it needs a written
// justification (at most 4,000 characters). It returns the breaches' messages, to be
// recorded with the justification, and the justification trimmed.
func CheckJustifikasi(d Distribusi, justifikasi string) ([]string, string, error) {
	var breaches []string
	for _, b := range d.Pelanggaran() {
		breaches = append(breaches, b.Message)
	}
	justifikasi = strings.TrimSpace(justifikasi)
	if len(breaches) > 0 && justifikasi == "" {
		return breaches, "", apperr.Validation(map[string]string{FieldJustifikasi: "Tulis justifikasi karena kurva distribusi melanggar batas: " + strings.Join(breaches, "; ") + "."})
	}
	if utf8.RuneCountInString(justifikasi) > MaxAlasan {
		return breaches, "", apperr.Validation(map[string]string{FieldJustifikasi: "Justifikasi paling banyak " + angka.Bulat(MaxAlasan) + " karakter."})
	}
	return breaches, justifikasi, nil
}
