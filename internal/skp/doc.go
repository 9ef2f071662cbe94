// Package skp holds the annual plan, the Sasaran Kinerja Pegawai of PermenPANRB
// 6/2022 (Lampiran, Format SKP), and its rules. It touches no database.
//
// The plan (SKP) is one version of a participant's plan in a period: the rencana
// hasil kerja (RHK, Utama and Tambahan), each supporting an RHK of the penilai
// ("RHK atasan yang diintervensi", the cascade) or, for the head of an OPD, naming a
// penugasan; per RHK its indikator kinerja individu (IKI) with aspek (Kuantitas,
// Kualitas, Waktu, Biaya) and a numeric target with its unit or a qualitative target;
// for a JPT the RHK grouped by perspektif (Penerima Layanan, Proses Bisnis, Penguatan
// Internal, Anggaran) instead of aspek; the seven BerAKHLAK core values (SE MenPANRB
// 20/2021) with their fixed indicators and the penilai's ekspektasi khusus pimpinan;
// and the lampiran (dukungan sumber daya, skema pertanggungjawaban, konsekuensi).
//
// The rules it implements:
//
//   - Workflow: Draft → Diajukan → Disetujui, or back as Dikembalikan with a note
//     (CheckSubmit, CheckDecide). The pegawai edits a draft or returned plan only; an
//     approved plan is read-only, and a perubahan SKP makes a new version that needs
//     approval again (the history is kept). The ekspektasi are written before
//     approval (CheckEkspektasi).
//   - Submitting needs at least one RHK Utama, an IKI on every RHK, every RHK Utama
//     linked to an atasan RHK (or a penugasan for an OPD head), and a perspektif on
//     every RHK of a JPT (Missing lists what is lacking, in order).
//   - Inputs: CheckRHK, CheckIKI (numbers in the Indonesian format, ParseAngka),
//     CheckLampiran, with messages in Bahasa Indonesia named by field.
//   - The plan in force is the latest version, approved: realisasi, bukti, umpan
//     balik, penilaian diri and ratings are recorded on it only (InForce,
//     CheckInForce). Which phase opens each of those is package periode's.
//   - The pohon kinerja (BuildPohon) nests an OPD's plans under their penilai and
//     names where the cascade breaks: plans not submitted, and RHK Utama of someone
//     with subordinates that no subordinate RHK supports.
//   - The cascade link is kept: an RHK that a subordinate's current plan supports
//     cannot be deleted (CheckHapusRHK names those plans); the subordinate first
//     drops the link through its own plan or a perubahan. Editing it is allowed and
//     the edit page names the plans that will read the new wording. A link to an RHK
//     of a plan not yet approved is marked on both sides (AtasanDraf, Pendukung) until
//     it is. The database refuses a link that points at no RHK.
package skp
