package skp

import (
	"strings"
	"unicode/utf8"

	"kinerja/internal/angka"
)

// A phrase of the library the Admin BKD curates, which a penilai picks and then edits:
// an ekspektasi khusus pimpinan for one BerAKHLAK value, or a common umpan balik.
const (
	FrasaEkspektasi = "ekspektasi"
	FrasaUmpanBalik = "umpan_balik"
)

// Frasa is one phrase of the library.
type Frasa struct {
	ID    int64
	Jenis string
	Nilai int // the BerAKHLAK value of an ekspektasi; 0 for umpan balik
	Teks  string
	Aktif bool
}

// CheckFrasa checks a new phrase: a known kind, a value 1–7 exactly for an
// ekspektasi, and a text of 5 to MaxTeks characters. Errors are per form field
// (jenis, nilai, teks).
func CheckFrasa(jenis string, nilai int, teks string) (Frasa, map[string]string) {
	f := Frasa{Jenis: jenis, Nilai: nilai, Teks: strings.TrimSpace(teks), Aktif: true}
	errs := map[string]string{}
	switch jenis {
	case FrasaEkspektasi:
		if nilai < 1 || nilai > len(BerAKHLAK) {
			errs["nilai"] = "Pilih nilai BerAKHLAK yang diberi ekspektasi."
		}
	case FrasaUmpanBalik:
		f.Nilai = 0
	default:
		errs["jenis"] = "Pilih jenis frasa: ekspektasi khusus pimpinan atau umpan balik."
	}
	switch n := utf8.RuneCountInString(f.Teks); {
	case n < 5:
		errs["teks"] = "Tuliskan frasanya (paling sedikit 5 karakter)."
	case n > MaxTeks:
		errs["teks"] = "Frasa paling banyak " + angka.Bulat(MaxTeks) + " karakter."
	}
	if len(errs) > 0 {
		return f, errs
	}
	return f, nil
}

// PakaiFrasa puts a picked phrase into what the penilai has typed: the phrase alone
// into an empty box, after the text otherwise, for the penilai to edit.
func PakaiFrasa(typed, frasa string) string {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return frasa
	}
	return typed + " " + frasa
}
