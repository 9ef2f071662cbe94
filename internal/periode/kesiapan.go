package periode

// Kekurangan is a kind of unfinished work among a period's participants that moving
// the period forward warns about, by count and by name, before the Admin BKD
// confirms the move.
type Kekurangan string

// The kinds of unfinished work.
const (
	TanpaPenilai    Kekurangan = "tanpa_penilai"    // no penilai in the period's snapshot
	TanpaSKP        Kekurangan = "tanpa_skp"        // no approved SKP
	TanpaRealisasi  Kekurangan = "tanpa_realisasi"  // no realisasi recorded in any check-in
	TanpaPenilaian  Kekurangan = "tanpa_penilaian"  // no annual rating saved
	BelumDitetapkan Kekurangan = "belum_ditetapkan" // annual rating saved, not published
	KeberatanBuka   Kekurangan = "keberatan_buka"   // a keberatan waiting for its decision
)

// Label describes the participants of a kind, after their number: "12 peserta …".
func (k Kekurangan) Label() string {
	switch k {
	case TanpaPenilai:
		return "peserta tanpa penilai"
	case TanpaSKP:
		return "peserta belum memiliki SKP yang disetujui"
	case TanpaRealisasi:
		return "peserta belum mengisi realisasi sama sekali"
	case TanpaPenilaian:
		return "peserta belum dinilai (penilaian tahunan)"
	case BelumDitetapkan:
		return "penilaian tahunan sudah diisi tetapi belum ditetapkan"
	case KeberatanBuka:
		return "peserta dengan keberatan yang belum diputuskan (setelah periode ditutup tidak dapat diputuskan lagi)"
	}
	return string(k)
}

// Peringatan lists what a move to phase `to` warns about, in the order shown: what
// the phase being left was for and what can no longer be done after it.
//   - to Pelaksanaan (plans should be approved): no penilai, no approved SKP;
//   - to Penilaian (realisasi should be in): no penilai, no approved SKP, no realisasi;
//   - to Selesai (closing: nothing can be written after): no approved SKP, no
//     realisasi, no annual rating, rating not published, keberatan open.
//
// Leaving Draft warns about nothing of this kind: there are no participants yet.
func Peringatan(to Fase) []Kekurangan {
	switch to {
	case Pelaksanaan:
		return []Kekurangan{TanpaPenilai, TanpaSKP}
	case Penilaian:
		return []Kekurangan{TanpaPenilai, TanpaSKP, TanpaRealisasi}
	case Selesai:
		return []Kekurangan{TanpaSKP, TanpaRealisasi, TanpaPenilaian, BelumDitetapkan, KeberatanBuka}
	}
	return nil
}
