package periode_test

import (
	"strings"
	"testing"

	"kinerja/internal/apperr"
	"kinerja/internal/periode"
)

func TestEveryMove(t *testing.T) {
	allowed := map[[2]periode.Fase]bool{
		{periode.Draft, periode.Perencanaan}:       true,
		{periode.Perencanaan, periode.Pelaksanaan}: true,
		{periode.Pelaksanaan, periode.Penilaian}:   true,
		{periode.Penilaian, periode.Selesai}:       true,
	}
	for _, from := range periode.Order {
		for _, to := range periode.Order {
			err := periode.CheckMove(from, to)
			if allowed[[2]periode.Fase{from, to}] {
				if err != nil {
					t.Errorf("%s → %s refused: %v", from, to, err)
				}
				continue
			}
			if !apperr.Is(err, apperr.Invalid) {
				t.Errorf("%s → %s allowed, want refused", from, to)
			}
		}
	}
	if err := periode.CheckMove(periode.Draft, periode.Penilaian); err == nil || !strings.Contains(err.Error(), "berurutan") {
		t.Errorf("skip: %v", err)
	}
	if err := periode.CheckMove(periode.Selesai, periode.Penilaian); err == nil || !strings.Contains(err.Error(), "Buka kembali") {
		t.Errorf("from closed: %v", err)
	}
	if err := periode.CheckMove("lain", periode.Draft); err == nil {
		t.Error("unknown phase allowed")
	}
}

func TestReopen(t *testing.T) {
	if _, err := periode.CheckReopen(periode.Penilaian, "alasan yang cukup panjang"); err == nil {
		t.Error("reopening an open period allowed")
	}
	if _, err := periode.CheckReopen(periode.Selesai, "singkat"); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("short reason: %v", err)
	}
	if a, err := periode.CheckReopen(periode.Selesai, "  Koreksi nilai setelah putusan keberatan  "); err != nil || a != "Koreksi nilai setelah putusan keberatan" {
		t.Errorf("reopen: %q %v", a, err)
	}
}

func TestSettings(t *testing.T) {
	s, errs := periode.CheckSettings(periode.DefaultInput(2027))
	if len(errs) > 0 || s.Tahun != 2027 || s.Mulai.Format("2006-01-02") != "2027-01-01" || s.Selesai.Format("2006-01-02") != "2027-12-31" ||
		s.Jadwal != periode.Triwulan || s.KeberatanHari != 14 || s.AmbangAnonim != 3 {
		t.Fatalf("defaults: %+v %v", s, errs)
	}
	bad := periode.SettingsInput{Tahun: "1999", Mulai: "2027-05-01", Selesai: "2027-04-01", Jadwal: "mingguan", KeberatanHari: "0", AmbangAnonim: "x",
		TenggatPerencanaan: "2027-03-01", TenggatPelaksanaan: "2027-02-01", TenggatPenilaian: "bukan tanggal"}
	_, errs = periode.CheckSettings(bad)
	for _, f := range []string{"tahun", "selesai", "jadwal", "keberatan_hari", "ambang_anonim", "tenggat_pelaksanaan", "tenggat_penilaian"} {
		if errs[f] == "" {
			t.Errorf("no message for %s: %v", f, errs)
		}
	}
}

func TestPredikatOrganisasi(t *testing.T) {
	for _, p := range periode.PredikatOrganisasi {
		if got, err := periode.CheckPredikatOrganisasi(strings.ToLower(p)); err != nil || got != p {
			t.Errorf("%s: %q %v", p, got, err)
		}
	}
	if _, err := periode.CheckPredikatOrganisasi("Luar Biasa"); err == nil {
		t.Error("unknown predikat accepted")
	}
}

func TestCheckins(t *testing.T) {
	s, _ := periode.CheckSettings(periode.DefaultInput(2026))
	c := periode.Checkins(s)
	if len(c) != 4 || c[0].Label != "Triwulan I" || c[3].Label != "Triwulan IV" ||
		c[0].Selesai.Format("2006-01-02") != "2026-03-31" || c[3].Selesai.Format("2006-01-02") != "2026-12-31" || c[1].Mulai.Format("2006-01-02") != "2026-04-01" {
		t.Fatalf("triwulan: %+v", c)
	}
	s.Jadwal = periode.Bulanan
	c = periode.Checkins(s)
	if len(c) != 12 || c[1].Label != "Februari" || c[1].Selesai.Format("2006-01-02") != "2026-02-28" {
		t.Fatalf("bulanan: %+v", c)
	}
}

// A phase deadline lies within the period (issue 14: 2025-01-01 was accepted for
// 2026); the annual rating's may follow the year's end, by at most 90 days.
func TestDeadlinesInsideThePeriod(t *testing.T) {
	in := periode.DefaultInput(2026)
	in.TenggatPerencanaan, in.TenggatPelaksanaan, in.TenggatPenilaian = "2025-01-01", "2027-01-05", "2027-06-01"
	_, errs := periode.CheckSettings(in)
	if !strings.Contains(errs["tenggat_perencanaan"], "1 Januari 2026") || !strings.Contains(errs["tenggat_pelaksanaan"], "31 Desember 2026") ||
		!strings.Contains(errs["tenggat_penilaian"], "31 Maret 2027") {
		t.Fatalf("deadlines outside the period: %v", errs)
	}
	in.TenggatPerencanaan, in.TenggatPelaksanaan, in.TenggatPenilaian = "2026-01-31", "2026-12-31", "2027-01-31"
	if _, errs := periode.CheckSettings(in); len(errs) > 0 {
		t.Fatalf("deadlines inside the period: %v", errs)
	}
}

func TestParsePengingat(t *testing.T) {
	for in, want := range map[string]string{"": "7, 3, 1", "1,3,7": "7, 3, 1", "14; 14 2": "14, 2", " 5 ": "5"} {
		got, err := periode.ParsePengingat(in)
		if err != nil || periode.FormatPengingat(got) != want {
			t.Errorf("ParsePengingat(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"0", "61", "tujuh", "1,2,3,4,5,6", "-1"} {
		if _, err := periode.ParsePengingat(bad); err == nil {
			t.Errorf("ParsePengingat(%q) accepted", bad)
		}
	}
	in := periode.DefaultInput(2027)
	in.Pengingat, in.EskalasiHari = "7,x", "99"
	_, errs := periode.CheckSettings(in)
	if errs["pengingat"] == "" || errs["eskalasi_hari"] != "Eskalasi harus angka 1 sampai 30." {
		t.Fatalf("bad reminder settings: %v", errs)
	}
}
