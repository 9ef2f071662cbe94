package penilaian

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"kinerja/internal/angka"
)

// Umpan balik rekan kerja (360), PermenPANRB 6/2022: reviewers nominated by the
// penilai (peers with the same penilai, and the pegawai's direct subordinates) rate
// the seven BerAKHLAK values and may comment. Answers are kept apart from any name;
// the pegawai and the penilai see only the aggregate, and only once at least the
// period's threshold of reviewers (3 by default) have answered.

// AggregateShown says the peer aggregate may be shown: dijawab reviewers answered,
// and the period's anonymity threshold is ambang.
func AggregateShown(dijawab, ambang int) bool { return dijawab >= ambang }

// FieldJawaban is the field of a reviewer's rating of value n; FieldKomentarRekan the
// comment.
func FieldJawaban(n int) string { return "jawaban:" + strconv.Itoa(n) }

// FieldKomentarRekan is the field of a reviewer's comment.
const FieldKomentarRekan = "komentar"

// CheckJawaban checks a reviewer's answer: all seven values rated on the three levels,
// a comment of at most 2,000 characters. It returns the comment trimmed and the
// messages by field, or nil.
func CheckJawaban(ratings map[int]Rating, komentar string) (string, map[string]string) {
	errs := map[string]string{}
	for n := 1; n <= NilaiCount; n++ {
		if !ratings[n].Valid() {
			errs[FieldJawaban(n)] = msgLevel
		}
	}
	komentar = strings.TrimSpace(komentar)
	if utf8.RuneCountInString(komentar) > MaxTeks {
		errs[FieldKomentarRekan] = "Komentar paling banyak " + angka.Bulat(MaxTeks) + " karakter."
	}
	if len(errs) > 0 {
		return komentar, errs
	}
	return komentar, nil
}

// PoolLuas says the penilai may nominate peers from the wider pool (same-level jabatan
// in the OPD, and the pegawai's atasan): when the pegawai's rekan and direct
// subordinates are fewer than the anonymity threshold, so that enough answers are
// possible at all.
func PoolLuas(rekanDanBawahan, ambang int) bool { return rekanDanBawahan < ambang }
