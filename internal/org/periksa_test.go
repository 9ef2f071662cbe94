package org_test

import (
	"testing"

	"kinerja/internal/org"
)

func TestPeriksaRules(t *testing.T) {
	if !org.LintasOPDWajar(true, "") || !org.LintasOPDWajar(false, " Penugasan ") || org.LintasOPDWajar(false, "  ") {
		t.Error("LintasOPDWajar")
	}
	for jenis, want := range map[string]bool{org.JPTPratama: true, org.Administrator: true, org.Pengawas: true, org.Fungsional: true, org.Pelaksana: false} {
		if org.JabatanKepala(jenis) != want {
			t.Errorf("JabatanKepala(%s) = %v", jenis, !want)
		}
	}
	if org.BawahanTakWajarAt(30, 30) || !org.BawahanTakWajarAt(31, 30) || org.BawahanTakWajarAt(99, 0) {
		t.Error("BawahanTakWajarAt")
	}
	for _, k := range org.TemuanList {
		if k.Label() == string(k) || k.Akibat() == "" {
			t.Errorf("%s has no label or consequence", k)
		}
	}
}
