// Package laporan holds the rules of the Laporan pages: who sees which part of the
// pemda, how a report's filter is read and narrowed to the viewer, how participants
// are counted, and the column layout of the files sent on to the national system.
// It touches no database.
//
// The rules it implements:
//
//   - Scope (ScopeOf): the Admin BKD sees the whole pemda; a kepala OPD their OPD;
//     a penilai the participants below them in the period's chain of penilai (their
//     direct subordinates, theirs, and so on). Anyone else has no Laporan. A filter
//     that names an OPD or a unit outside the scope is refused as forbidden, never
//     silently widened or emptied (Scope.Narrow).
//   - Drill-down (Filter.Level): without an OPD the rows are the OPDs; with an OPD
//     the units; with a unit the named pegawai.
//   - Counting (StatusOf): every stretch of a participant's year (penugasan) is
//     counted in the OPD and unit it was spent in. The current stretch of an active
//     participant is Aktif; a participant taken out of the period is Dikeluarkan; one
//     whose pegawai record is no longer active is Nonaktif; a stretch that ended in a
//     mutasi is Dipindahkan in the OPD that was left. Only Aktif stretches are the
//     base of a percentage; the others are counted in their own columns, never as
//     missing work.
//   - The plan (StatusSKP): a stretch whose plan has an approved version counts as
//     Disetujui even while a revision is in draft; otherwise its latest version's
//     status counts, and no version at all is Tanpa SKP.
//   - Late (Terlambat): a person is late when the phase's deadline (or, for a
//     check-in, the end of the check-in) has passed and their part is not done.
//   - Percentages are of the Aktif count, with one decimal (angka.Persen); an empty
//     base shows a dash, not 0%.
//   - Rekap predikat lists only published ratings; an unpublished one is "Belum
//     ditetapkan". Rekonsiliasi is the year's published rating per participant in
//     KolomRekonsiliasi's layout, the one place that follows the national format.
//   - Tunggakan lists the escalations of the period (package notif): each penilai who
//     still owed decisions or ratings days after a deadline, and to whom it was
//     reported. A penilai sees those reported to them and their own.
package laporan
