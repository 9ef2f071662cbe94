package penilaian

import (
	"fmt"
	"math"
	"strings"
	"time"

	"kinerja/internal/angka"
)

// Rating is one of the three levels for an RHK, a BerAKHLAK value, Hasil Kerja or
// Perilaku Kerja.
type Rating string

const (
	DiAtas  Rating = "diatas"
	Sesuai  Rating = "sesuai"
	DiBawah Rating = "dibawah"
)

// Ratings lists the levels in form order.
var Ratings = []Rating{DiAtas, Sesuai, DiBawah}

// Label is the official wording.
func (r Rating) Label() string {
	switch r {
	case DiAtas:
		return "Di Atas Ekspektasi"
	case Sesuai:
		return "Sesuai Ekspektasi"
	case DiBawah:
		return "Di Bawah Ekspektasi"
	}
	return ""
}

// Valid says whether r is one of the three levels.
func (r Rating) Valid() bool { return r == DiAtas || r == Sesuai || r == DiBawah }

// Predikat is the final grade of a pegawai.
type Predikat string

const (
	SangatBaik       Predikat = "Sangat Baik"
	Baik             Predikat = "Baik"
	ButuhPerbaikan   Predikat = "Butuh Perbaikan"
	KurangMisconduct Predikat = "Kurang/Misconduct"
	SangatKurang     Predikat = "Sangat Kurang"
)

// PredikatList is every predikat, best first.
var PredikatList = []Predikat{SangatBaik, Baik, ButuhPerbaikan, KurangMisconduct, SangatKurang}

// PredikatOf is the matrix of PermenPANRB 6/2022 (Hasil Kerja × Perilaku Kerja). It
// returns false while either rating is missing or invalid.
func PredikatOf(hk, pk Rating) (Predikat, bool) {
	if !hk.Valid() || !pk.Valid() {
		return "", false
	}
	if pk == DiBawah {
		if hk == DiBawah {
			return SangatKurang, true
		}
		return KurangMisconduct, true
	}
	switch hk {
	case DiBawah:
		return ButuhPerbaikan, true
	case DiAtas:
		if pk == DiAtas {
			return SangatBaik, true
		}
	}
	return Baik, true
}

// RHKRating is the penilai's rating of one RHK, for the Hasil Kerja suggestion.
type RHKRating struct {
	Utama  bool
	Rating Rating
}

// SaranHasilKerja suggests Hasil Kerja from the RHK ratings: Di Atas when most RHK are
// above and no Utama RHK is below; Di Bawah when most are below; else Sesuai. "Most"
// is more than half of all RHK. It returns false until every RHK is rated.
func SaranHasilKerja(items []RHKRating) (Rating, bool) {
	if len(items) == 0 {
		return "", false
	}
	var above, below int
	utamaBelow := false
	for _, x := range items {
		switch x.Rating {
		case DiAtas:
			above++
		case DiBawah:
			below++
			utamaBelow = utamaBelow || x.Utama
		case Sesuai:
		default:
			return "", false
		}
	}
	switch {
	case 2*above > len(items) && !utamaBelow:
		return DiAtas, true
	case 2*below > len(items):
		return DiBawah, true
	}
	return Sesuai, true
}

// Organisation predikat labels, as set per OPD and period.
const (
	OrgIstimewa       = "Istimewa"
	OrgBaik           = "Baik"
	OrgButuhPerbaikan = "Butuh Perbaikan"
	OrgKurang         = "Kurang"
	OrgSangatKurang   = "Sangat Kurang"
)

// Bound is one rule of the curve: the share of the listed predikat is at most (or at
// least) Persen percent of the rated head count.
type Bound struct {
	Predikat []Predikat
	AtLeast  bool
	Persen   int
}

// Label names the predikat of the bound: "Butuh Perbaikan + Kurang/Misconduct".
func (b Bound) Label() string {
	names := make([]string, len(b.Predikat))
	for i, p := range b.Predikat {
		names[i] = string(p)
	}
	return strings.Join(names, " + ")
}

// Rule says the bound in words: "Baik paling banyak 70%".
func (b Bound) Rule() string {
	switch {
	case !b.AtLeast && b.Persen == 0:
		return "tidak boleh ada " + b.Label()
	case b.AtLeast && b.Persen == 0:
		return "paling sedikit satu pegawai " + strings.ReplaceAll(b.Label(), " + ", " atau ")
	case b.AtLeast:
		return fmt.Sprintf("%s paling sedikit %d%%", b.Label(), b.Persen)
	}
	return fmt.Sprintf("%s paling banyak %d%%", b.Label(), b.Persen)
}

// Bounds are the rules of SE MenPANRB 3/2023 for an organisation predikat; nil for an
// unknown or unset one. "At least one person" is a bound of at least 0% that needs a
// person (see CheckKurva).
func Bounds(org string) []Bound {
	switch org {
	case OrgIstimewa:
		return []Bound{{Predikat: []Predikat{SangatBaik}, Persen: 70}}
	case OrgBaik:
		return []Bound{{Predikat: []Predikat{Baik}, Persen: 70}, {Predikat: []Predikat{ButuhPerbaikan, KurangMisconduct}, AtLeast: true}}
	case OrgButuhPerbaikan:
		return []Bound{{Predikat: []Predikat{SangatBaik}, Persen: 10}, {Predikat: []Predikat{ButuhPerbaikan}, AtLeast: true, Persen: 60}}
	case OrgKurang:
		return []Bound{{Predikat: []Predikat{SangatBaik}, Persen: 10}, {Predikat: []Predikat{ButuhPerbaikan}, AtLeast: true, Persen: 10},
			{Predikat: []Predikat{KurangMisconduct}, AtLeast: true, Persen: 60}}
	case OrgSangatKurang:
		return []Bound{{Predikat: []Predikat{SangatBaik}}, {Predikat: []Predikat{ButuhPerbaikan, KurangMisconduct}, AtLeast: true, Persen: 10},
			{Predikat: []Predikat{SangatKurang}, AtLeast: true, Persen: 60}}
	}
	return nil
}

// Pembulatan is how bounds apply to small units (a period setting).
type Pembulatan string

const (
	// Persen compares exact percentages of the rated head count; an "at least N%"
	// bound with N > 0 needs at least one person. The default.
	Persen Pembulatan = "persen"
	// Orang turns each bound into whole persons, rounded to the nearest (half up): at
	// most 10% of 5 allows 1 person; an "at least N%" bound with N > 0 still needs one.
	Orang Pembulatan = "orang"
)

// Label is the wording on the period form.
func (p Pembulatan) Label() string {
	if p == Orang {
		return "Dibulatkan ke jumlah orang terdekat"
	}
	return "Persentase jumlah pegawai yang dinilai"
}

// Pelanggaran is a breached bound, with the message shown before Tetapkan.
type Pelanggaran struct {
	Bound   Bound
	Jumlah  int
	Persen  float64
	Message string
}

// CheckKurva compares the counts of each predikat in a unit with the bounds of the
// organisation predikat and names each breached bound, e.g. "Baik 75% melebihi
// batas 70%". An empty unit or an unset organisation predikat breaches nothing.
func CheckKurva(org string, counts map[Predikat]int, mode Pembulatan) []Pelanggaran {
	n := 0
	for _, p := range PredikatList {
		n += counts[p]
	}
	if n == 0 {
		return nil
	}
	var out []Pelanggaran
	for _, b := range Bounds(org) {
		got := 0
		for _, p := range b.Predikat {
			got += counts[p]
		}
		pct := 100 * float64(got) / float64(n)
		v := Pelanggaran{Bound: b, Jumlah: got, Persen: pct}
		switch {
		case b.AtLeast && b.Persen == 0:
			if got == 0 {
				v.Message = "belum ada pegawai dengan predikat " + strings.ReplaceAll(b.Label(), " + ", " atau ")
			}
		case b.AtLeast:
			if got == 0 || got < minOrang(b.Persen, n, mode) {
				v.Message = fmt.Sprintf("%s %s kurang dari batas minimal %d%%", b.Label(), angka.Persen(pct), b.Persen)
			}
		case b.Persen == 0:
			if got > 0 {
				v.Message = fmt.Sprintf("%s %s padahal tidak boleh ada (batas 0%%)", b.Label(), angka.Persen(pct))
			}
		default:
			if got > maxOrang(b.Persen, n, mode) {
				v.Message = fmt.Sprintf("%s %s melebihi batas %d%%", b.Label(), angka.Persen(pct), b.Persen)
			}
		}
		if v.Message != "" {
			out = append(out, v)
		}
	}
	return out
}

// minOrang is the fewest persons an "at least pct%" bound needs in a unit of n.
func minOrang(pct, n int, mode Pembulatan) int {
	if mode == Orang {
		return max(1, int(math.Floor(float64(pct*n)/100+0.5)))
	}
	return (pct*n + 99) / 100 // the exact percentage, reached by whole persons
}

// maxOrang is the most persons an "at most pct%" bound allows in a unit of n.
func maxOrang(pct, n int, mode Pembulatan) int {
	if mode == Orang {
		return int(math.Floor(float64(pct*n)/100 + 0.5))
	}
	return pct * n / 100
}

// BatasKeberatan is the last moment to file a keberatan against a result published
// at ditetapkan: the end of the day, hari days after publication, in loc.
func BatasKeberatan(ditetapkan time.Time, hari int, loc *time.Location) time.Time {
	d := ditetapkan.In(loc)
	return time.Date(d.Year(), d.Month(), d.Day()+hari+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}
