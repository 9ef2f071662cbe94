// Package periode holds the appraisal period (periode penilaian) of PermenPANRB
// 6/2022: its settings, its phases and the moves between them, which activity each
// phase opens, the check-ins, and the predikat kinerja organisasi of each OPD. It
// touches no database.
//
// The rules it implements:
//
//   - One period a year, 1 January to 31 December by default, with check-ins per
//     triwulan (four) or per month (twelve) (Checkins); the last check-in ends on the
//     period's last day. The keberatan window (14 days by default), the peer-review
//     anonymity threshold (3) and how kurva bounds apply to small units are set per
//     period (CheckSettings), as the regulation leaves them to the pemda.
//   - The phases follow the regulation's cycle: Draft → Perencanaan (dialog kinerja,
//     the SKP) → Pelaksanaan (realisasi, bukti dukung, umpan balik berkelanjutan and
//     the periodic ratings) → Penilaian (the annual rating) → Selesai. The Admin BKD
//     moves a period one step at a time (CheckMove); leaving Draft takes the
//     participant snapshot. A closed period accepts no write at all (the database
//     enforces it) until it is reopened to Penilaian with a written reason
//     (CheckReopen), an audited action.
//   - Which activity is open in which phase is one table (Allows, Check): the plan is
//     drafted, revised and approved in Perencanaan and Pelaksanaan; realisasi, bukti,
//     umpan balik, peer review, self-assessment and periodic ratings are recorded in
//     Pelaksanaan and Penilaian; the annual self-assessment, rating and Tetapkan only
//     in Penilaian; keberatan until the period closes. Web asks it to show or hide a
//     form, the store before it writes; each refusal says when the activity is open.
//   - Without ?ke= a page means the current check-in, and the pages with a year view
//     mean the year in the Penilaian phase (CheckinAsked, RatingCheckin).
//   - The predikat kinerja organisasi of an OPD (SE MenPANRB 3/2023) is one of
//     Istimewa, Baik, Butuh Perbaikan, Kurang and Sangat Kurang
//     (CheckPredikatOrganisasi); package penilaian turns it into kurva bounds.
//   - Mutasi during a period (CheckMutasi, Penugasan): a participant whose jabatan,
//     unit kerja or penilai changes with a TMT inside the period gets a new stretch
//     (penugasan) from the TMT, with a new plan cascaded from the new penilai's. The
//     earlier stretch ends the day before the TMT and keeps its plan, realisasi,
//     feedback and ratings; it is rated at the check-ins that start before the TMT
//     (CheckinSejak), by its own penilai. The new stretch is rated at the later
//     check-ins (always the last one) and for the year, by the penilai at the end of
//     the period. A TMT that
//     would move a check-in already rated, or the year, to another penilai is refused.
package periode
