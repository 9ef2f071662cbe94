package skp

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"kinerja/internal/angka"
	"kinerja/internal/apperr"
)

// Through the year (pelaksanaan) the pegawai records, per check-in, a realisasi for
// each IKI of the plan in force, and the penilai and the pegawai exchange umpan balik
// berkelanjutan per RHK and per BerAKHLAK value.

// Realisasi is what was achieved on one indicator at one check-in.
type Realisasi struct {
	IKIID   int64
	Checkin int
	Nilai   *float64
	Teks    string
	Version int // 0: nothing recorded yet
}

// Recorded reports whether anything was recorded.
func (r Realisasi) Recorded() bool { return r.Nilai != nil || r.Teks != "" }

// Akhir is an indicator's realisasi for the year: a check-in's realisasi is what was
// achieved since the start of the period (sampai dengan), so the year's is that of
// the latest check-in with anything recorded. byCheckin holds the check-ins' entries
// by number; ok is false when none has anything.
func Akhir(byCheckin map[int]Realisasi) (Realisasi, bool) {
	best, ok := Realisasi{}, false
	for no, r := range byCheckin {
		if r.Recorded() && (!ok || no > best.Checkin) {
			best, ok = r, true
			best.Checkin = no
		}
	}
	return best, ok
}

// Capaian is a realisasi as a percentage of the indicator's numeric target, rounded
// to one decimal. ok is false for a qualitative target, a zero target or a realisasi
// without a figure.
func Capaian(k IKI, r Realisasi) (float64, bool) {
	if k.Target == nil || *k.Target == 0 || r.Nilai == nil {
		return 0, false
	}
	return math.Round(*r.Nilai / *k.Target * 1000) / 10, true
}

// RealisasiInput is one indicator's realisasi as typed.
type RealisasiInput struct {
	IKIID   int64
	Nilai   string // a number in the Indonesian format, or empty
	Teks    string
	Version int
}

// FieldNilai and FieldTeks are the fields of an indicator's realisasi.
func FieldNilai(ikiID int64) string { return "nilai:" + strconv.FormatInt(ikiID, 10) }

// FieldTeks is the field of an indicator's note.
func FieldTeks(ikiID int64) string { return "teks:" + strconv.FormatInt(ikiID, 10) }

// CheckRealisasi checks the realisasi form: a figure, where given, is a number of 0 or
// more (ParseAngka); a note is at most 2,000 characters. It returns the entries and
// the messages by field (FieldNilai, FieldTeks), or nil.
func CheckRealisasi(in []RealisasiInput) ([]Realisasi, map[string]string) {
	errs := map[string]string{}
	out := make([]Realisasi, 0, len(in))
	for _, x := range in {
		e := Realisasi{IKIID: x.IKIID, Teks: strings.TrimSpace(x.Teks), Version: x.Version}
		if strings.TrimSpace(x.Nilai) != "" {
			f, ok := ParseAngka(x.Nilai)
			if !ok || f < 0 {
				errs[FieldNilai(x.IKIID)] = "Realisasi harus angka 0 atau lebih, mis. 12 atau 12,5."
			} else {
				e.Nilai = &f
			}
		}
		if utf8.RuneCountInString(e.Teks) > MaxTeks {
			errs[FieldTeks(x.IKIID)] = "Keterangan paling banyak " + angka.Bulat(MaxTeks) + " karakter."
		}
		out = append(out, e)
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

// FieldUmpanBalik is the field of an umpan balik's text.
const FieldUmpanBalik = "teks"

// CheckUmpanBalik checks a message of umpan balik: some text, at most 2,000
// characters. It returns the text trimmed.
func CheckUmpanBalik(teks string) (string, error) {
	teks = strings.TrimSpace(teks)
	switch n := utf8.RuneCountInString(teks); {
	case n == 0:
		return "", apperr.Validation(map[string]string{FieldUmpanBalik: "Tuliskan umpan balik."})
	case n > MaxTeks:
		return "", apperr.Validation(map[string]string{FieldUmpanBalik: "Paling banyak " + angka.Bulat(MaxTeks) + " karakter."})
	}
	return teks, nil
}

// CheckHapusBukti allows the pegawai to remove (or, by removing and adding, replace)
// a bukti dukung until the rating of its check-in is published: after that the
// evidence is part of the record the rating rests on.
func CheckHapusBukti(ditetapkan bool, checkinLabel string) error {
	if ditetapkan {
		return apperr.New(apperr.Conflict, "Penilaian %s sudah ditetapkan; bukti dukungnya tidak dapat lagi dihapus atau diganti.", checkinLabel)
	}
	return nil
}
