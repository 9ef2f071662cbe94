package penilaian

import (
	"strings"
	"time"
	"unicode/utf8"

	"kinerja/internal/angka"
	"kinerja/internal/apperr"
	"kinerja/internal/periode"
)

// The keberatan rules of PermenPANRB 6/2022: within the period's window (14 days by
// default) after a rating is published, the pegawai may file a keberatan with reasons
// to the atasan pejabat penilai, who asks both sides and decides, once: reject, or
// change Hasil Kerja and Perilaku Kerja (the predikat follows the matrix). Where the
// penilai has no atasan in the period (the head of an OPD, rated by the Sekretaris
// Daerah), the Admin BKD records the decision of the official who made it, by name.

// StatusKeberatan is where a keberatan stands.
type StatusKeberatan string

const (
	KeberatanDiajukan StatusKeberatan = "diajukan" // open: explanations, then a decision
	KeberatanDitolak  StatusKeberatan = "ditolak"  // decided: the rating stands
	KeberatanDiubah   StatusKeberatan = "diubah"   // decided: the rating was changed
)

// Label is the status as shown.
func (s StatusKeberatan) Label() string {
	switch s {
	case KeberatanDiajukan:
		return "Keberatan diajukan"
	case KeberatanDitolak:
		return "Keberatan ditolak"
	case KeberatanDiubah:
		return "Keberatan diterima, nilai diubah"
	}
	return ""
}

// Keberatan is a pegawai's appeal against a published rating. PemutusID is the atasan
// penilai who decides; 0 when the penilai has none, and the decision is the one of
// the official named in AtasNama, recorded by the Admin BKD.
type Keberatan struct {
	ID, PenilaianID, PegawaiID, PemutusID int64
	Checkin                               int
	Alasan                                string
	Status                                StatusKeberatan
	Keputusan, AtasNama                   string
	// HasilKerja and Perilaku are the contested rating as it stands: a decision
	// that changes it starts from them.
	HasilKerja, Perilaku Rating
	DiajukanAt           time.Time
	DiputuskanAt         *time.Time
	Version              int
	Komentar             []KomentarKeberatan
}

// Open says the keberatan waits for a decision.
func (k Keberatan) Open() bool { return k.Status == KeberatanDiajukan }

// KomentarKeberatan is one explanation asked for or given while a keberatan is open.
type KomentarKeberatan struct {
	Oleh string
	// Peran is PeranAtasan, PeranPenilai or PeranPegawai.
	Peran, Teks string
	At          time.Time
}

// Who takes part in a keberatan, for its comments.
const (
	PeranAtasan  = "atasan"
	PeranPenilai = "penilai"
	PeranPegawai = "pegawai"
)

// PeranLabel names a commenter's part.
func PeranLabel(peran string) string {
	return map[string]string{PeranAtasan: "Atasan penilai", PeranPenilai: "Penilai", PeranPegawai: "Pegawai"}[peran]
}

// Pihak is what a person is to the rated pegawai's plan in the period.
type Pihak struct {
	Pegawai, Penilai, AtasanPenilai, AdminBKD bool
	// AtasanPenilaiID is the rated pegawai's atasan penilai in the period; 0: none.
	AtasanPenilaiID int64
}

// MayView says the person may read the keberatan: the three parties and the Admin BKD.
func (p Pihak) MayView() bool { return p.Party() || p.AdminBKD }

// MayFile says the person may file a keberatan: the rated pegawai only.
func (p Pihak) MayFile() bool { return p.Pegawai }

// Party says the person takes part in the exchange: the pegawai, the penilai and the
// atasan penilai; they comment while it is open.
func (p Pihak) Party() bool { return p.Pegawai || p.Penilai || p.AtasanPenilai }

// Pemutus says the person decides keberatan against this pegawai's ratings: the
// atasan penilai, or, when there is none, the Admin BKD recording the decision.
func (p Pihak) Pemutus() bool { return p.AtasanPenilai || (p.AdminBKD && p.AtasanPenilaiID == 0) }

// Decides says the person decides keberatan k: its pemutus is still the pegawai's
// atasan penilai (none for none), and the person is that pemutus.
func (p Pihak) Decides(k Keberatan) bool { return p.Pemutus() && k.PemutusID == p.AtasanPenilaiID }

// Peran is the part the person's comments are shown with: the atasan penilai over the
// penilai over the pegawai.
func (p Pihak) Peran() string {
	switch {
	case p.AtasanPenilai:
		return PeranAtasan
	case p.Penilai:
		return PeranPenilai
	}
	return PeranPegawai
}

// CheckFiling refuses a keberatan against a rating that is not published, or after
// the window of hari days (BatasKeberatan) has closed, naming the day it closed. It
// returns the reason as trimmed, or a validation error on FieldAlasanKeberatan.
func CheckFiling(ditetapkan *time.Time, hari int, now time.Time, loc *time.Location, alasan string) (string, error) {
	if ditetapkan == nil {
		return "", apperr.New(apperr.Conflict, "Keberatan diajukan setelah penilaian ditetapkan.")
	}
	if batas := BatasKeberatan(*ditetapkan, hari, loc); now.After(batas) {
		return "", apperr.New(apperr.Conflict, "Batas pengajuan keberatan sudah lewat: jendela %d hari ditutup pada %s.", hari, periode.Tanggal(batas))
	}
	alasan = strings.TrimSpace(alasan)
	switch n := utf8.RuneCountInString(alasan); {
	case n == 0:
		return "", apperr.Validation(map[string]string{FieldAlasanKeberatan: "Tuliskan alasan keberatan."})
	case n > MaxAlasan:
		return "", apperr.Validation(map[string]string{FieldAlasanKeberatan: "Alasan paling banyak " + angka.Bulat(MaxAlasan) + " karakter."})
	}
	return alasan, nil
}

// Field names of the keberatan's validation errors.
const (
	FieldAlasanKeberatan = "alasan"
	FieldKomentarTeks    = "teks"
	FieldPutusan         = "putusan"
	FieldKeputusan       = "keputusan"
	FieldAtasNama        = "atas_nama"
)

// CheckKomentar checks an explanation: some text, at most 2,000 characters. It
// returns the text trimmed.
func CheckKomentar(teks string) (string, error) {
	teks = strings.TrimSpace(teks)
	switch n := utf8.RuneCountInString(teks); {
	case n == 0:
		return "", apperr.Validation(map[string]string{FieldKomentarTeks: "Tuliskan komentar."})
	case n > MaxTeks:
		return "", apperr.Validation(map[string]string{FieldKomentarTeks: "Komentar paling banyak " + angka.Bulat(MaxTeks) + " karakter."})
	}
	return teks, nil
}

// CheckCommentable refuses a comment on a decided keberatan.
func (k Keberatan) CheckCommentable() error {
	if !k.Open() {
		return apperr.New(apperr.Conflict, "Keberatan ini sudah diputuskan.")
	}
	return nil
}

// Putusan is the decision on a keberatan: reject (Ubah false) or change Hasil Kerja
// and Perilaku Kerja, which is all a decision may change; the predikat follows the
// matrix. Keputusan is the reason; AtasNama the official who decided, where there is
// no atasan penilai.
type Putusan struct {
	Ubah                 bool
	HasilKerja, Perilaku Rating
	Keputusan            string
	AtasNama             string
	Version              int // the keberatan's version the form was read with
}

// ParsePilihan reads the decision chosen on the form: "tolak" or "ubah".
func ParsePilihan(v string) (ubah bool, err error) {
	switch v {
	case "ubah":
		return true, nil
	case "tolak":
		return false, nil
	}
	return false, apperr.Validation(map[string]string{FieldPutusan: "Pilih keputusan: tolak atau ubah nilai."})
}

// CheckPutusan checks a decision on k: a reason (at most 4,000 characters), and the
// deciding official's name when k has no pemutus (at most 200 characters; dropped
// otherwise). A change names only what it changes: a rating left empty keeps the
// contested one (k.HasilKerja, k.Perilaku), and a change that changes nothing is
// refused (that decision is a rejection). A decided keberatan is final. Validation
// comes first; then a decided keberatan is a conflict.
func CheckPutusan(k Keberatan, d Putusan) (Putusan, error) {
	d.Keputusan = strings.TrimSpace(d.Keputusan)
	d.AtasNama = strings.TrimSpace(d.AtasNama)
	errs := map[string]string{}
	if utf8.RuneCountInString(d.AtasNama) > MaxNamaPejabat {
		errs[FieldAtasNama] = "Nama pejabat paling banyak " + angka.Bulat(MaxNamaPejabat) + " karakter."
	}
	if d.Keputusan == "" {
		errs[FieldKeputusan] = "Tuliskan alasan keputusan."
	} else if utf8.RuneCountInString(d.Keputusan) > MaxAlasan {
		errs[FieldKeputusan] = "Alasan keputusan paling banyak " + angka.Bulat(MaxAlasan) + " karakter."
	}
	if d.Ubah {
		if d.HasilKerja == "" {
			d.HasilKerja = k.HasilKerja
		}
		if d.Perilaku == "" {
			d.Perilaku = k.Perilaku
		}
		switch {
		case !d.HasilKerja.Valid() || !d.Perilaku.Valid():
			if !d.HasilKerja.Valid() {
				errs[FieldHasilKerja] = "Pilih Hasil Kerja setelah keputusan."
			}
			if !d.Perilaku.Valid() {
				errs[FieldPerilaku] = "Pilih Perilaku Kerja setelah keputusan."
			}
		case d.HasilKerja == k.HasilKerja && d.Perilaku == k.Perilaku:
			errs[FieldHasilKerja] = "Ubah sekurang-kurangnya satu nilai. Bila kedua nilai tetap, pilih “Tolak keberatan”."
		}
	}
	if k.PemutusID != 0 {
		d.AtasNama = ""
	} else if d.AtasNama == "" {
		errs[FieldAtasNama] = "Tuliskan pejabat yang memutuskan keberatan ini, misalnya Wali Kota Kotalama."
	}
	if len(errs) > 0 {
		return d, apperr.Validation(errs)
	}
	if !k.Open() {
		return d, apperr.New(apperr.Conflict, "Keberatan ini sudah diputuskan; keputusan bersifat final.")
	}
	return d, nil
}

// AlasanKeputusan is the reason a change by a keberatan decision carries in the
// rating's history.
func AlasanKeputusan(keputusan string) string { return "Keputusan keberatan: " + keputusan }
