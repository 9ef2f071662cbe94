package skp_test

import (
	"fmt"
	"strings"
	"testing"

	"kinerja/internal/skp"
)

func TestBandingkan(t *testing.T) {
	twelve, fifteen := 12.0, 15.0
	lama := &skp.SKP{RHK: []skp.RHK{
		{Kunci: 1, Jenis: "utama", Uraian: "Tersusunnya kurikulum", AtasanKunci: 9, AtasanUraian: "Mutu kurikulum",
			IKI: []skp.IKI{{Indikator: "Jumlah dokumen", Target: &twelve, Satuan: "dokumen"}}},
		{Kunci: 2, Jenis: "tambahan", Uraian: "Terlaksananya pelatihan"},
	}, Ekspektasi: map[int]string{1: "Ramah"}}
	baru := &skp.SKP{RHK: []skp.RHK{
		{Kunci: 1, Jenis: "utama", Uraian: "Tersusunnya kurikulum muatan lokal", AtasanKunci: 9, AtasanUraian: "Mutu kurikulum",
			IKI: []skp.IKI{{Indikator: "Jumlah dokumen", Target: &fifteen, Satuan: "dokumen"}}},
		{Kunci: 3, Jenis: "tambahan", Uraian: "Terbitnya modul", IKI: []skp.IKI{{Indikator: "Modul terbit", TargetTeks: "tepat waktu"}}},
	}, Ekspektasi: map[int]string{1: "Ramah dan tuntas", 2: "Jujur"}, Lampiran: [3]string{"", "Laporan bulanan", ""}}
	var got []string
	for _, p := range skp.Bandingkan(lama, baru) {
		got = append(got, fmt.Sprintf("%s %s: %q → %q", p.Jenis, p.Bagian, p.Lama, p.Baru))
	}
	want := []string{
		`diubah RHK 1: "Tersusunnya kurikulum" → "Tersusunnya kurikulum muatan lokal"`,
		`ditambah Indikator RHK 1: "" → "Jumlah dokumen (target 15 dokumen)"`,
		`dihapus Indikator RHK 1: "Jumlah dokumen (target 12 dokumen)" → ""`,
		`ditambah RHK 2: "" → "Terbitnya modul"`,
		`ditambah Indikator RHK 2: "" → "Modul terbit (target tepat waktu)"`,
		`dihapus RHK: "Terlaksananya pelatihan" → ""`,
		`diubah Ekspektasi Berorientasi Pelayanan: "Ramah" → "Ramah dan tuntas"`,
		`ditambah Ekspektasi Akuntabel: "" → "Jujur"`,
		`ditambah Lampiran: skema pertanggungjawaban: "" → "Laporan bulanan"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d := skp.Bandingkan(baru, baru); len(d) != 0 {
		t.Errorf("a version against itself: %v", d)
	}
}

func TestCheckAlasanPerubahan(t *testing.T) {
	for in, want := range map[string]string{"": "Tuliskan alasan", "pendek": "terlalu pendek", strings.Repeat("a", 2001): "paling banyak 2.000"} {
		if _, err := skp.CheckAlasanPerubahan(in); err == nil || !strings.Contains(fmt.Sprint(err), want) {
			t.Errorf("%q: %v", in[:min(len(in), 10)], err)
		}
	}
	if got, err := skp.CheckAlasanPerubahan("  Penugasan baru dari kepala dinas.  "); err != nil || got != "Penugasan baru dari kepala dinas." {
		t.Errorf("valid reason: %q %v", got, err)
	}
}
