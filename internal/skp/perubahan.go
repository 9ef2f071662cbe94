package skp

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"kinerja/internal/angka"
	"kinerja/internal/apperr"
)

// FieldAlasanPerubahan is the field of the reason for a perubahan SKP.
const FieldAlasanPerubahan = "alasan_perubahan"

// CheckAlasanPerubahan checks the reason a pegawai gives for a perubahan SKP (a new
// version of an approved plan): required, at least 10 and at most MaxCatatan
// characters, as the note recorded with the new version. It returns it trimmed.
func CheckAlasanPerubahan(alasan string) (string, error) {
	alasan = strings.TrimSpace(alasan)
	switch n := utf8.RuneCountInString(alasan); {
	case n == 0:
		return "", apperr.Validation(map[string]string{FieldAlasanPerubahan: "Tuliskan alasan perubahan SKP, mis. penugasan baru atau perubahan target organisasi."})
	case n < 10:
		return "", apperr.Validation(map[string]string{FieldAlasanPerubahan: "Alasan perubahan terlalu pendek (paling sedikit 10 karakter)."})
	case n > MaxCatatan:
		return "", apperr.Validation(map[string]string{FieldAlasanPerubahan: "Alasan perubahan paling banyak " + angka.Bulat(MaxCatatan) + " karakter."})
	}
	return alasan, nil
}

// Perubahan is one difference between two versions of a plan.
type Perubahan struct {
	Jenis  string // ditambah, dihapus, diubah
	Bagian string // what changed: "RHK 2", "Indikator RHK 1", "Ekspektasi Akuntabel", "Lampiran: skema pertanggungjawaban"
	Lama   string // "" when added
	Baru   string // "" when removed
}

// Bandingkan lists what a new version of a plan changes against an earlier one, in
// the plan's order: each RHK (matched by Kunci, which survives versions) added,
// removed or reworded, with the cascade link; its indicators added or removed (an
// indicator is its text with its target); the ekspektasi per BerAKHLAK value; and the
// lampiran. An empty list means the versions are the same.
func Bandingkan(lama, baru *SKP) []Perubahan {
	var out []Perubahan
	old := map[int64]RHK{}
	for _, r := range lama.RHK {
		old[r.Kunci] = r
	}
	seen := map[int64]bool{}
	for i, r := range baru.RHK {
		label := "RHK " + strconv.Itoa(i+1)
		seen[r.Kunci] = true
		o, ok := old[r.Kunci]
		if !ok {
			out = append(out, Perubahan{Jenis: "ditambah", Bagian: label, Baru: r.Uraian})
			for _, k := range r.IKI {
				out = append(out, Perubahan{Jenis: "ditambah", Bagian: "Indikator " + label, Baru: ikiText(k)})
			}
			continue
		}
		if o.Uraian != r.Uraian || o.Jenis != r.Jenis {
			out = append(out, Perubahan{Jenis: "diubah", Bagian: label, Lama: o.Uraian, Baru: r.Uraian})
		}
		if o.AtasanKunci != r.AtasanKunci {
			out = append(out, Perubahan{Jenis: "diubah", Bagian: "RHK atasan yang didukung " + label, Lama: o.AtasanUraian, Baru: r.AtasanUraian})
		}
		before := map[string]bool{}
		for _, k := range o.IKI {
			before[ikiText(k)] = true
		}
		after := map[string]bool{}
		for _, k := range r.IKI {
			t := ikiText(k)
			after[t] = true
			if !before[t] {
				out = append(out, Perubahan{Jenis: "ditambah", Bagian: "Indikator " + label, Baru: t})
			}
		}
		for _, k := range o.IKI {
			if t := ikiText(k); !after[t] {
				out = append(out, Perubahan{Jenis: "dihapus", Bagian: "Indikator " + label, Lama: t})
			}
		}
	}
	for _, r := range lama.RHK {
		if !seen[r.Kunci] {
			out = append(out, Perubahan{Jenis: "dihapus", Bagian: "RHK", Lama: r.Uraian})
		}
	}
	for _, v := range BerAKHLAK {
		a, b := lama.Ekspektasi[v.No], baru.Ekspektasi[v.No]
		if a != b {
			out = append(out, Perubahan{Jenis: jenis(a, b), Bagian: "Ekspektasi " + v.Nama, Lama: a, Baru: b})
		}
	}
	for i, name := range []string{"dukungan sumber daya", "skema pertanggungjawaban", "konsekuensi"} {
		if a, b := lama.Lampiran[i], baru.Lampiran[i]; a != b {
			out = append(out, Perubahan{Jenis: jenis(a, b), Bagian: "Lampiran: " + name, Lama: a, Baru: b})
		}
	}
	return out
}

func jenis(lama, baru string) string {
	switch {
	case lama == "":
		return "ditambah"
	case baru == "":
		return "dihapus"
	}
	return "diubah"
}

// ikiText is an indicator as the comparison reads it: "Jumlah dokumen (target 12 dokumen)".
func ikiText(k IKI) string {
	var t []string
	if k.Target != nil {
		t = append(t, strings.TrimSpace(angka.Desimal(*k.Target)+" "+k.Satuan))
	}
	if k.TargetTeks != "" {
		t = append(t, k.TargetTeks)
	}
	return k.Indikator + " (target " + strings.Join(t, "; ") + ")"
}
