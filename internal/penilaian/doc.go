// Package penilaian holds the rating rules of PermenPANRB 6/2022 and SE MenPANRB
// 3/2023: the rating input and its validation, the Hasil Kerja suggestion, the
// predikat matrix, the distribution curve (kurva distribusi) that an OPD's
// organisation predikat puts on its pegawai, Tetapkan, and keberatan. It touches no
// database.
//
// The rules it implements:
//
//   - Three levels for each RHK, each BerAKHLAK value, Hasil Kerja (HK) and Perilaku
//     Kerja (PK): Di Atas, Sesuai and Di Bawah Ekspektasi; no numeric weighting.
//   - The Hasil Kerja suggestion (SaranHasilKerja): Di Atas when more than half of the
//     RHK are above and no RHK Utama is below; Di Bawah when more than half are below;
//     else Sesuai. The penilai may choose otherwise only with a written reason; HK
//     needs every RHK rated and PK every value (CheckInput). A rating's target is a
//     Sasaran: an RHK by its key, or a value.
//   - The predikat (PredikatOf) follows the matrix below, Hasil Kerja by row and
//     Perilaku Kerja by column; the database computes it as a generated column.
//   - The kurva (SE MenPANRB 3/2023; Bounds, CheckKurva): Istimewa allows at most 70%
//     Sangat Baik; Baik at most 70% Baik and at least one Butuh Perbaikan or
//     Kurang/Misconduct; Butuh Perbaikan at most 10% Sangat Baik and at least 60%
//     Butuh Perbaikan; Kurang at most 10% Sangat Baik, at least 10% Butuh Perbaikan and
//     60% Kurang/Misconduct; Sangat Kurang no Sangat Baik, at least 10% Butuh
//     Perbaikan + Kurang/Misconduct and 60% Sangat Kurang. Small units use exact
//     percentages of the rated head count (an "at least N%" with N > 0 needs one
//     person) or bounds rounded to whole persons, a period setting.
//   - Tetapkan publishes and locks ratings once every subordinate with an approved
//     SKP has both ratings (CheckLengkap); a breached bound is a warning that needs a
//     written justification, recorded with the distribution (CheckJustifikasi).
//   - Keberatan: within the period's window after publication
//     (BatasKeberatan, CheckFiling, end of the day in the configured zone) the rated
//     pegawai files a keberatan with reasons; the pegawai, the penilai and the atasan
//     penilai exchange explanations while it is open (Pihak, CheckKomentar); the atasan
//     penilai alone decides, once: reject, or change HK, PK or both, whose predikat
//     then follows the matrix; a change names only what changes, and one that changes
//     nothing is refused (CheckPutusan). The web shows the decision for confirmation
//     before it is recorded. Without an atasan penilai the Admin BKD records
//     the decision of the official who made it, by name.
//   - Penilaian diri (the pegawai's own rating per check-in and for the year) uses the
//     same levels (CheckDiri).
//
// The predikat matrix:
//
//	HK \ PK     Di Bawah           Sesuai            Di Atas
//	Di Atas     Kurang/Misconduct  Baik              Sangat Baik
//	Sesuai      Kurang/Misconduct  Baik              Baik
//	Di Bawah    Sangat Kurang      Butuh Perbaikan   Butuh Perbaikan
package penilaian
