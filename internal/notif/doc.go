// Package notif holds the rules of Kinerja's notifications (pemberitahuan): who is
// told what, in which words, and by which road. It touches no database; the store
// writes a Pesan in the same transaction as the change it reports, so a change and
// its notice are both kept or both lost.
//
// The rules it implements:
//
//   - A notice goes to one pegawai, has a kind (Jenis), a title and an optional text
//     in Bahasa Indonesia, and a link inside Kinerja (a path, never another site).
//     Its key (Kunci) names the event: the same event told twice is kept once, so a
//     retried job or a rerun reminder sends nothing twice.
//   - The events told: an SKP submitted (to the penilai), returned with the note and
//     approved (to the pegawai); umpan balik written (to the other side of the
//     thread); a peer review requested (to the reviewer); a rating published (to the
//     pegawai rated); a keberatan filed (to the pemutus and the penilai), commented
//     (to the other parties) and decided (to the pegawai and the penilai); an import
//     finished (to the admin who started it); and the reminders of what is owed.
//   - Nobody is told of their own act.
//   - Mail follows each person's preference (Preferensi): immediately (segera, the
//     default), in one daily digest (ringkasan), or not at all (mati). The in-app
//     notice is kept whatever the preference. Mail goes only to an address that is
//     verified: from the SIASN column of the staff import, or entered by the pegawai
//     and confirmed by a link.
package notif
