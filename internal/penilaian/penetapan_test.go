package penilaian_test

import (
	"strings"
	"testing"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
)

func TestPenetapanRules(t *testing.T) {
	if err := penilaian.CheckLengkap([]string{"Ani", "Budi"}, 3); apperr.As(err) == nil || !strings.Contains(apperr.As(err).Fields[penilaian.FieldUnit], "Ani, Budi") {
		t.Errorf("incomplete: %v", err)
	}
	if err := penilaian.CheckLengkap(nil, 0); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("nothing pending: %v", err)
	}
	if err := penilaian.CheckLengkap(nil, 2); err != nil {
		t.Errorf("complete: %v", err)
	}
	// Baik: at most 70% Baik, at least one Butuh Perbaikan or Kurang/Misconduct.
	breach := penilaian.Distribusi{OrgPredikat: penilaian.OrgBaik, Counts: map[penilaian.Predikat]int{penilaian.Baik: 3, penilaian.SangatBaik: 1}}
	if b, _, err := penilaian.CheckJustifikasi(breach, "  "); len(b) != 2 || apperr.As(err) == nil || apperr.As(err).Fields[penilaian.FieldJustifikasi] == "" {
		t.Errorf("breach without justification: %v %v", b, err)
	}
	if b, j, err := penilaian.CheckJustifikasi(breach, " Unit kecil, tiga pegawai berprestasi. "); err != nil || len(b) != 2 || j != "Unit kecil, tiga pegawai berprestasi." {
		t.Errorf("breach with justification: %v %q %v", b, j, err)
	}
	if _, _, err := penilaian.CheckJustifikasi(breach, strings.Repeat("j", 4001)); apperr.As(err) == nil {
		t.Errorf("too long: %v", err)
	}
	ok := penilaian.Distribusi{OrgPredikat: penilaian.OrgIstimewa, Counts: map[penilaian.Predikat]int{penilaian.Baik: 3}}
	if b, j, err := penilaian.CheckJustifikasi(ok, ""); err != nil || len(b) != 0 || j != "" {
		t.Errorf("within bounds: %v %q %v", b, j, err)
	}
}
