package penilaian

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"kinerja/internal/angka"
)

// Umpan balik rekan kerja (360), PermenPANRB 6/2022: reviewers nominated by the
// penilai (peers with the same penilai, and the pegawai's direct subordinates) rate
// the seven BerAKHLAK values and may comment, during pelaksanaan.
//
// Anonymity holds against the people who see the most:
//   - An answer is sealed when given: nobody sees it, or any count of answers, until
//     the release. The release is one moment for the whole period, the move to
//     penilaian, when every pegawai's sealed answers are released together in one
//     shuffled batch; nothing is released by single answers, and no answer is taken
//     after it. So a reviewer's status turning "Sudah menjawab", or the minute of
//     the answer in the audit log, never lines up with a change of the aggregate.
//   - The aggregate, and the number of answers in it, is shown only when released
//     with at least the period's threshold of answers (3 by default); otherwise the
//     page says only "belum cukup tanggapan", never "1 dari 3".
//   - Released answers carry no reviewer, no time and no order of answering, and no
//     transaction id shared with the reviewer's status or the audit (they are written
//     by the release, shuffled).

// AggregateShown says the peer aggregate may be shown: the answers were released
// (dirilis), dijawab of them, and the period's anonymity threshold is ambang.
func AggregateShown(dirilis bool, dijawab, ambang int) bool { return dirilis && dijawab >= ambang }

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
