package penilaian_test

import (
	"strings"
	"testing"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
)

func TestKalibrasiRules(t *testing.T) {
	if !penilaian.MayKalibrasi(true, false, 1, 2) || !penilaian.MayKalibrasi(false, true, 2, 2) || penilaian.MayKalibrasi(false, true, 1, 2) || penilaian.MayKalibrasi(false, false, 2, 2) {
		t.Error("MayKalibrasi")
	}
	ok := penilaian.Ubah{HasilKerja: penilaian.Sesuai, Perilaku: penilaian.DiAtas, Alasan: "  Sesuai bukti.  "}
	if u, err := penilaian.CheckUbah(penilaian.DiAtas, penilaian.DiAtas, ok); err != nil || u.Alasan != "Sesuai bukti." {
		t.Errorf("a valid change: %+v %v", u, err)
	}
	for name, c := range map[string]struct {
		u     penilaian.Ubah
		field string
	}{
		"no reason":       {penilaian.Ubah{HasilKerja: penilaian.Sesuai, Perilaku: penilaian.DiAtas}, penilaian.FieldAlasanUbah},
		"long reason":     {penilaian.Ubah{HasilKerja: penilaian.Sesuai, Perilaku: penilaian.DiAtas, Alasan: strings.Repeat("a", penilaian.MaxAlasan+1)}, penilaian.FieldAlasanUbah},
		"bad level":       {penilaian.Ubah{HasilKerja: "tinggi", Perilaku: penilaian.DiAtas, Alasan: "x"}, penilaian.FieldHasilKerja},
		"changes nothing": {penilaian.Ubah{HasilKerja: penilaian.DiAtas, Perilaku: penilaian.DiAtas, Alasan: "x"}, penilaian.FieldHasilKerja},
	} {
		if _, err := penilaian.CheckUbah(penilaian.DiAtas, penilaian.DiAtas, c.u); apperr.As(err) == nil || apperr.As(err).Fields[c.field] == "" {
			t.Errorf("%s: %v, want a message on %s", name, err, c.field)
		}
	}
	names := make([]string, 12)
	for i := range names {
		names[i] = "P" + string(rune('A'+i))
	}
	if err := penilaian.CheckLengkapOPD(names, 3); !strings.Contains(err.Error(), "dan 2 lainnya") || strings.Contains(err.Error(), "PK") {
		t.Errorf("missing list: %v", err)
	}
	if err := penilaian.CheckLengkapOPD(nil, 0); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("nothing to publish: %v", err)
	}
}
