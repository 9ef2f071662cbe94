package skp

import "kinerja/internal/periode"

// Peran is what a person is to a plan: the pegawai it belongs to, their penilai or
// atasan penilai in the period, the kepala of their OPD, or an Admin BKD. These
// follow from the period's participant snapshot, not from flags (except Admin BKD).
type Peran struct {
	Pegawai, Penilai, AtasanPenilai, KepalaOPD, AdminBKD bool
	// PenilaiAkhir is the participant's penilai now, reading the plan of a penugasan
	// that ended with a mutasi: they give the annual rating with it beside them.
	PenilaiAkhir bool
}

// PeranOf is what pegawai pegawaiID is to plan k; kepalaOfOPD is the OPD they head
// (0: none) and admin whether they are an Admin BKD.
func PeranOf(pegawaiID, kepalaOfOPD int64, admin bool, k *SKP) Peran {
	return Peran{
		Pegawai:       k.PegawaiID == pegawaiID,
		Penilai:       k.PenilaiID != 0 && k.PenilaiID == pegawaiID,
		AtasanPenilai: k.AtasanPenilaiID != 0 && k.AtasanPenilaiID == pegawaiID,
		KepalaOPD:     kepalaOfOPD != 0 && kepalaOfOPD == k.OPDID,
		AdminBKD:      admin,
		PenilaiAkhir:  k.Penugasan.Berakhir && k.PenilaiAkhirID != 0 && k.PenilaiAkhirID == pegawaiID,
	}
}

// MayView says the person may read the plan and its year: every Peran.
func (p Peran) MayView() bool {
	return p.Pegawai || p.Penilai || p.AtasanPenilai || p.KepalaOPD || p.AdminBKD || p.PenilaiAkhir
}

// MayEdit says the pegawai may change the plan now: their own latest version, draft
// or returned, in a phase that opens the SKP (periode.EditSKP).
func (p Peran) MayEdit(k *SKP) bool {
	return p.Pegawai && k.Current() && k.Status.Editable() && periode.Allows(k.Fase, periode.EditSKP, periode.Year)
}

// MayRevise says the pegawai may start a perubahan SKP: their latest version is
// approved, in a phase that opens the SKP.
func (p Peran) MayRevise(k *SKP) bool {
	return p.Pegawai && k.Current() && k.Status == Disetujui && periode.Allows(k.Fase, periode.EditSKP, periode.Year)
}

// MayDecide says the penilai may approve or return the plan now: submitted, latest,
// in a phase that opens approval (periode.ApproveSKP).
func (p Peran) MayDecide(k *SKP) bool {
	return p.Penilai && k.Current() && k.Status == Diajukan && periode.Allows(k.Fase, periode.ApproveSKP, periode.Year)
}

// MayExpect says the penilai may write the ekspektasi khusus pimpinan: before
// approval (CheckEkspektasi), on the latest version, in a phase that opens approval.
func (p Peran) MayExpect(k *SKP) bool {
	return p.Penilai && k.Current() && k.Status != Disetujui && periode.Allows(k.Fase, periode.ApproveSKP, periode.Year)
}
