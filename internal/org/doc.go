// Package org holds the organisation of a pemda: perangkat daerah (OPD), unit kerja,
// jabatan and pegawai (ASN, PNS or PPPK), with the rules that need no database. The
// store and the database constraints apply the same rules again as the last line of
// defence.
//
// The rules it implements:
//
//   - NIP (Nomor Induk Pegawai, as BKN issues it to PNS under PP 11/2017 and to PPPK
//     under PP 49/2018): 18 digits, stored without spaces. Digits 1–8 are the birth date
//     (YYYYMMDD, a real calendar date); 9–14 the TMT CPNS as year and month (month
//     01–12 for PNS; for PPPK the year of appointment and a two-digit code); digit 15
//     the gender (1 male, 2 female); 16–18 a sequence. 198609262015051001 is valid,
//     198602302015051001 is not (30 February), nor is 198609262015053001 (gender 3).
//     ParseNIP checks it; the birth date and gender typed elsewhere must agree with it.
//   - Golongan follows the kind of ASN: I/a … IV/e for PNS, I … XVII for PPPK.
//   - Jenis jabatan is one of JPT Pratama, Administrator, Pengawas, Pelaksana and
//     Fungsional (UU 20/2023 on ASN); a unit has at most one head position.
//   - The atasan langsung of a pegawai is by default the head of their unit, and for
//     a head the head of the unit above; nobody is their own atasan and the chain
//     of atasan never loops (CheckAtasan).
//   - Names are shown with gelar: "Dr. Siti Aminah, S.Pd., M.Si." (NamaLengkap).
//
// Roles follow from this tree, not from flags: whoever has subordinates is a penilai
// (pejabat penilai kinerja, PermenPANRB 6/2022), the head of an OPD's root unit is its
// kepala; only Admin BKD is granted.
package org
