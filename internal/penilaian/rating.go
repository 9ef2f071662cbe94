package penilaian

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"kinerja/internal/angka"
	"kinerja/internal/apperr"
)

// Sasaran is what a rating, a self-assessment or umpan balik is about: one RHK of the
// plan, by its key (which survives a perubahan SKP), or one of the seven BerAKHLAK
// values. Exactly one of the two is set.
type Sasaran struct {
	RHK   int64 // the RHK's key (skp.RHK.Kunci); 0 when about a value
	Nilai int   // the BerAKHLAK value, 1..7; 0 when about an RHK
}

// RHKSasaran is the RHK with key kunci.
func RHKSasaran(kunci int64) Sasaran { return Sasaran{RHK: kunci} }

// NilaiSasaran is BerAKHLAK value n (1..7).
func NilaiSasaran(n int) Sasaran { return Sasaran{Nilai: n} }

// NilaiCount is the number of BerAKHLAK core values.
const NilaiCount = 7

// Valid says exactly one of RHK and Nilai is set, and Nilai is 1..7.
func (s Sasaran) Valid() bool {
	return (s.RHK > 0 && s.Nilai == 0) || (s.RHK == 0 && s.Nilai >= 1 && s.Nilai <= NilaiCount)
}

// String is the sasaran's stored form, also the key of its form fields: "rhk:12",
// "nilai:3".
func (s Sasaran) String() string {
	if s.RHK != 0 {
		return "rhk:" + strconv.FormatInt(s.RHK, 10)
	}
	return "nilai:" + strconv.Itoa(s.Nilai)
}

// MarshalText writes the stored form, so a sasaran keys a JSON object (the audit log).
func (s Sasaran) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the stored form.
func (s *Sasaran) UnmarshalText(b []byte) error {
	x, ok := ParseSasaran(string(b))
	if !ok {
		return fmt.Errorf("penilaian: bad sasaran %q", b)
	}
	*s = x
	return nil
}

// ParseSasaran reads the stored form; false for anything else.
func ParseSasaran(v string) (Sasaran, bool) {
	var s Sasaran
	switch {
	case strings.HasPrefix(v, "rhk:"):
		n, err := strconv.ParseInt(v[len("rhk:"):], 10, 64)
		s.RHK = n
		return s, err == nil && s.Valid()
	case strings.HasPrefix(v, "nilai:"):
		n, err := strconv.Atoi(v[len("nilai:"):])
		s.Nilai = n
		return s, err == nil && s.Valid()
	}
	return s, false
}

// Item is the penilai's rating of one sasaran, with umpan balik.
type Item struct {
	Sasaran    Sasaran
	Rating     Rating
	UmpanBalik string
}

// Penilaian is a participant's rating at a check-in (Checkin 0: the year): each RHK and
// value, Hasil Kerja (with the suggestion it had and the reason for departing from
// it), Perilaku Kerja, and the predikat of the matrix, which the database computes.
type Penilaian struct {
	ID, SKPID, PegawaiID int64
	Checkin              int
	HasilKerja, SaranHK  Rating
	AlasanHK             string
	Perilaku             Rating
	Predikat             Predikat
	Items                map[Sasaran]Item
	DitetapkanAt         *time.Time
	DiusulkanAt          *time.Time // proposed to the OPD's kalibrasi (kalibrasi OPD mode)
	Version              int        // 0: nothing saved yet
}

// Ditetapkan says whether the rating is published, and so locked: after Tetapkan
// only a keberatan decision changes it.
func (x Penilaian) Ditetapkan() bool { return x.DitetapkanAt != nil }

// Input is the penilai's rating form as typed: per sasaran a rating and umpan balik
// (either may be empty, a rating may be unknown), Hasil Kerja, Perilaku Kerja and the
// reason for a Hasil Kerja other than the suggestion.
type Input struct {
	Checkin              int
	Items                []Item
	HasilKerja, Perilaku Rating
	Alasan               string
	Version              int // the version the form was read with
}

// Checked is an Input that CheckInput accepted: only the rated items, the Hasil Kerja
// suggestion for them, and the reason only where Hasil Kerja departs from it.
type Checked struct {
	Checkin                       int
	Items                         []Item
	HasilKerja, SaranHK, Perilaku Rating
	Alasan                        string
	Version                       int
}

// PlanRHK is what rating needs of one RHK of the plan.
type PlanRHK struct {
	Kunci int64
	Utama bool
}

// Field names of validation errors. A per-sasaran field is FieldRating(s),
// FieldUmpanBalik(s) or FieldKomentar(s); the web layer maps them to its inputs.
const (
	FieldHasilKerja = "hasil_kerja"
	FieldPerilaku   = "perilaku"
	FieldAlasan     = "alasan_hasil_kerja"
	FieldRHK        = "rhk" // an RHK that is not in the plan
)

// FieldRating is the field of sasaran s's rating.
func FieldRating(s Sasaran) string { return "rating:" + s.String() }

// FieldUmpanBalik is the field of sasaran s's umpan balik.
func FieldUmpanBalik(s Sasaran) string { return "umpan_balik:" + s.String() }

// FieldKomentar is the field of sasaran s's self-assessment comment.
func FieldKomentar(s Sasaran) string { return "komentar:" + s.String() }

// The longest texts of a rating and its keberatan, in characters. The checks refuse
// longer ones, the forms carry them as maxlength and as a hint, and the database's
// CHECK constraints repeat them.
const (
	MaxTeks        = 2000 // umpan balik, a comment, the reason for overriding the suggestion
	MaxAlasan      = 4000 // a keberatan's reason, the decision's reason, a justifikasi
	MaxNamaPejabat = 200  // the official who decided, recorded by the Admin BKD
)

var msgLevel = "Pilih salah satu dari tiga tingkat."

// CheckInput applies the rating rules of PermenPANRB 6/2022 to the form, against the
// plan's RHK in order:
//   - each rating is one of the three levels; umpan balik needs a rating; texts are
//     at most 2,000 characters;
//   - Hasil Kerja needs every RHK rated, and is suggested from the RHK ratings
//     (SaranHasilKerja); a Hasil Kerja other than the suggestion needs a reason;
//   - Perilaku Kerja needs all seven values rated.
//
// Unrated items are dropped. It returns the per-field messages (Field* names), or
// nil; an item about an RHK outside the plan is reported under FieldRHK.
func CheckInput(in Input, plan []PlanRHK) (Checked, map[string]string) {
	errs := map[string]string{}
	out := Checked{Checkin: in.Checkin, Version: in.Version, Alasan: strings.TrimSpace(in.Alasan)}
	inPlan := make(map[int64]bool, len(plan))
	for _, r := range plan {
		inPlan[r.Kunci] = true
	}
	rated := map[Sasaran]Rating{}
	for _, it := range in.Items {
		it.UmpanBalik = strings.TrimSpace(it.UmpanBalik)
		switch {
		case !it.Sasaran.Valid() || (it.Sasaran.RHK != 0 && !inPlan[it.Sasaran.RHK]):
			errs[FieldRHK] = "RHK tidak ditemukan pada SKP ini."
			continue
		case it.Rating != "" && !it.Rating.Valid():
			errs[FieldRating(it.Sasaran)] = msgLevel
			continue
		case it.Rating == "" && it.UmpanBalik != "":
			errs[FieldRating(it.Sasaran)] = "Pilih penilaian untuk umpan balik ini."
			continue
		case utf8.RuneCountInString(it.UmpanBalik) > MaxTeks:
			errs[FieldUmpanBalik(it.Sasaran)] = "Umpan balik paling banyak " + angka.Bulat(MaxTeks) + " karakter."
		case it.Rating == "":
			continue
		}
		rated[it.Sasaran] = it.Rating
		out.Items = append(out.Items, it)
	}
	rhk := make([]RHKRating, 0, len(plan))
	allRHK := len(plan) > 0
	for _, r := range plan {
		rt, ok := rated[RHKSasaran(r.Kunci)]
		allRHK = allRHK && ok
		rhk = append(rhk, RHKRating{Utama: r.Utama, Rating: rt})
	}
	allNilai := true
	for n := 1; n <= NilaiCount; n++ {
		_, ok := rated[NilaiSasaran(n)]
		allNilai = allNilai && ok
	}
	out.SaranHK, _ = SaranHasilKerja(rhk)
	hk, pk := in.HasilKerja, in.Perilaku
	switch {
	case hk != "" && !hk.Valid():
		errs[FieldHasilKerja] = msgLevel
	case hk != "" && !allRHK:
		errs[FieldHasilKerja] = "Nilai setiap RHK lebih dulu; Hasil Kerja disarankan dari nilai RHK."
	case hk != "" && hk != out.SaranHK && out.Alasan == "":
		errs[FieldAlasan] = fmt.Sprintf("Hasil Kerja berbeda dari saran (%s): tuliskan alasannya.", out.SaranHK.Label())
	case utf8.RuneCountInString(out.Alasan) > MaxTeks:
		errs[FieldAlasan] = "Alasan paling banyak " + angka.Bulat(MaxTeks) + " karakter."
	}
	switch {
	case pk != "" && !pk.Valid():
		errs[FieldPerilaku] = msgLevel
	case pk != "" && !allNilai:
		errs[FieldPerilaku] = "Nilai ketujuh nilai BerAKHLAK lebih dulu."
	}
	out.HasilKerja, out.Perilaku = hk, pk
	if hk == out.SaranHK {
		out.Alasan = "" // a reason belongs only to a departure from the suggestion
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

// Diri is the pegawai's own rating of one sasaran at a check-in (Checkin 0: the end
// of the period), with a comment.
type Diri struct {
	Sasaran  Sasaran
	Rating   Rating // "" while not rated
	Komentar string
	Version  int // 0: not rated yet
}

// ErrDiriKosong refuses a self-assessment with nothing chosen.
var ErrDiriKosong = apperr.New(apperr.Invalid, "Belum ada penilaian yang dipilih: pilih tingkat untuk paling sedikit satu RHK atau nilai perilaku.")

// CheckDiri checks a self-assessment form: each rating one of the three levels, a
// comment only with a rating, comments at most 2,000 characters, and at least one
// rating chosen (else ErrDiriKosong, through CheckDiriChosen). Entries without a
// rating are kept (the store skips them). It returns the per-field messages or nil.
func CheckDiri(entries []Diri) ([]Diri, map[string]string) {
	errs := map[string]string{}
	for i := range entries {
		e := &entries[i]
		e.Komentar = strings.TrimSpace(e.Komentar)
		switch {
		case !e.Sasaran.Valid():
			errs[FieldRHK] = "RHK tidak ditemukan pada SKP ini."
		case e.Rating != "" && !e.Rating.Valid():
			errs[FieldRating(e.Sasaran)] = msgLevel
		case e.Rating == "" && e.Komentar != "":
			errs[FieldRating(e.Sasaran)] = "Pilih penilaian untuk komentar ini."
		case utf8.RuneCountInString(e.Komentar) > MaxTeks:
			errs[FieldKomentar(e.Sasaran)] = "Komentar paling banyak " + angka.Bulat(MaxTeks) + " karakter."
		}
	}
	if len(errs) > 0 {
		return entries, errs
	}
	return entries, nil
}

// CheckDiriChosen refuses a self-assessment in which no rating is chosen.
func CheckDiriChosen(entries []Diri) error {
	for _, e := range entries {
		if e.Rating != "" {
			return nil
		}
	}
	return ErrDiriKosong
}
