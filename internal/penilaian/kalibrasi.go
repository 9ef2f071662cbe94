package penilaian

import (
	"strings"
	"unicode/utf8"

	"kinerja/internal/angka"
	"kinerja/internal/apperr"
)

// Kalibrasi at the organisation's level (a period in kalibrasi OPD mode,
// periode.KalibrasiOPD): the penilai's Tetapkan proposes the unit's ratings with no
// justification (the OPD's curve is shown for information); the kepala OPD, or the
// Admin BKD, then sees every proposal of the OPD against the OPD's bounds, may change
// a pegawai's Hasil Kerja or Perilaku Kerja with a written reason (the predikat
// follows the matrix), and publishes the whole OPD at once, with a justification when
// a bound is still breached. Publication locks the ratings and starts the keberatan
// window, as Tetapkan does per penilai.

// MayKalibrasi reports whether a viewer calibrates an OPD: its kepala, or the Admin
// BKD for any OPD.
func MayKalibrasi(adminBKD, kepalaOPD bool, viewerOPD, opd int64) bool {
	return adminBKD || (kepalaOPD && viewerOPD == opd)
}

// FieldAlasanUbah is the reason of a kalibrasi change; its levels use FieldHasilKerja
// and FieldPerilaku.
const FieldAlasanUbah = "alasan"

// Ubah is a kalibrasi change of one rating.
type Ubah struct {
	HasilKerja, Perilaku Rating
	Alasan               string
}

// CheckUbah validates a kalibrasi change against the rating as proposed: both levels
// valid, at least one of them changed, and a reason (at most MaxAlasan characters).
func CheckUbah(lamaHK, lamaPK Rating, u Ubah) (Ubah, error) {
	errs := map[string]string{}
	if !u.HasilKerja.Valid() {
		errs[FieldHasilKerja] = msgLevel
	}
	if !u.Perilaku.Valid() {
		errs[FieldPerilaku] = msgLevel
	}
	u.Alasan = strings.TrimSpace(u.Alasan)
	switch {
	case u.Alasan == "":
		errs[FieldAlasanUbah] = "Tulis alasan perubahan: alasan ini dibaca penilai dan, setelah ditetapkan, pegawai."
	case utf8.RuneCountInString(u.Alasan) > MaxAlasan:
		errs[FieldAlasanUbah] = "Alasan paling banyak " + angka.Bulat(MaxAlasan) + " karakter."
	}
	if len(errs) > 0 {
		return u, apperr.Validation(errs)
	}
	if u.HasilKerja == lamaHK && u.Perilaku == lamaPK {
		return u, apperr.Validation(map[string]string{FieldHasilKerja: "Perubahan ini tidak mengubah Hasil Kerja maupun Perilaku Kerja."})
	}
	return u, nil
}

// CheckLengkapOPD is the first rule of the OPD's publication: every participant with
// an approved SKP has a proposed rating (belum names those without, the first ten
// shown), and something waits to be published.
func CheckLengkapOPD(belum []string, pending int) error {
	if len(belum) > 0 {
		names := belum
		more := ""
		if len(names) > 10 {
			names, more = names[:10], " dan "+angka.Bulat(len(belum)-10)+" lainnya"
		}
		return apperr.Validation(map[string]string{FieldUnit: "Belum semua penilai mengusulkan penilaian. Belum diusulkan: " + strings.Join(names, ", ") + more + "."})
	}
	if pending == 0 {
		return apperr.New(apperr.Conflict, "Tidak ada usulan penilaian yang menunggu ditetapkan.")
	}
	return nil
}

// ErrDiusulkan is the answer to a penilai changing a rating already proposed.
var ErrDiusulkan = apperr.New(apperr.Conflict, "Penilaian ini sudah diusulkan ke kalibrasi OPD; perubahan hanya dilakukan kepala OPD dalam kalibrasi.")
