package periode_test

import (
	"strings"
	"testing"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/periode"
)

func year2026(j periode.Jadwal) periode.Settings {
	return periode.Settings{Tahun: 2026, Mulai: day("2026-01-01"), Selesai: day("2026-12-31"), Jadwal: j}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCheckinSejak(t *testing.T) {
	q := periode.Checkins(year2026(periode.Triwulan))
	m := periode.Checkins(year2026(periode.Bulanan))
	for _, c := range []struct {
		cs   []periode.Checkin
		tmt  string
		want int
	}{
		{q, "2026-02-15", 2}, // Triwulan I stays with the stretch that supervised its start
		{q, "2026-04-01", 2}, // a TMT on a check-in's first day gives it to the new stretch
		{q, "2026-04-02", 3},
		{q, "2026-11-01", 4}, // inside the last check-in: it goes with the year
		{m, "2026-05-15", 6},
		{m, "2026-05-01", 5},
		{m, "2026-12-20", 12},
	} {
		if got := periode.CheckinSejak(c.cs, day(c.tmt)); got != c.want {
			t.Errorf("CheckinSejak(%d check-ins, %s) = %d, want %d", len(c.cs), c.tmt, got, c.want)
		}
	}
}

func TestCheckMutasi(t *testing.T) {
	s := year2026(periode.Triwulan)
	cur := periode.Penugasan{Ke: 1, Mulai: s.Mulai, Selesai: s.Selesai, CheckinDari: 1}
	m, errs := periode.CheckMutasi(periode.MutasiInput{TMT: "2026-05-15", Alasan: "  SK Wali Kota 821/123  "}, s, cur, []int{1})
	if errs != nil {
		t.Fatalf("valid mutasi refused: %v", errs)
	}
	if m.CheckinDari != 3 || !m.TMT.Equal(day("2026-05-15")) || m.Alasan != "SK Wali Kota 821/123" {
		t.Fatalf("mutasi = %+v", m)
	}
	ended, next := m.Ended(cur), m.Next(cur, s)
	if !ended.Selesai.Equal(day("2026-05-14")) || ended.CheckinSampai != 2 || !ended.Berakhir {
		t.Errorf("ended stretch = %+v", ended)
	}
	if next.Ke != 2 || !next.Mulai.Equal(day("2026-05-15")) || !next.Selesai.Equal(s.Selesai) || next.CheckinDari != 3 || next.Berakhir {
		t.Errorf("next stretch = %+v", next)
	}
	// Each check-in and the year belong to exactly one stretch.
	for _, c := range []int{periode.Year, 1, 2, 3, 4} {
		if ended.Menilai(c) == next.Menilai(c) {
			t.Errorf("check-in %d: ended %v, next %v; want exactly one", c, ended.Menilai(c), next.Menilai(c))
		}
	}
	if got := ended.Masa(); got != "1 Januari 2026 – 14 Mei 2026" {
		t.Errorf("Masa = %q", got)
	}
	if got := ended.Nearest(4, periode.Checkins(s)); got != 2 {
		t.Errorf("ended.Nearest(4) = %d, want 2", got)
	}
	if got := next.Nearest(1, periode.Checkins(s)); got != 3 {
		t.Errorf("next.Nearest(1) = %d, want 3", got)
	}

	for _, c := range []struct {
		name  string
		in    periode.MutasiInput
		cur   periode.Penugasan
		rated []int
		field string
		want  string
	}{
		{"empty TMT", periode.MutasiInput{Alasan: "SK 1/2026"}, cur, nil, periode.FieldTMT, "Isi TMT"},
		{"not a date", periode.MutasiInput{TMT: "15/05/2026", Alasan: "SK 1/2026"}, cur, nil, periode.FieldTMT, "berupa tanggal"},
		{"before the period", periode.MutasiInput{TMT: "2025-12-31", Alasan: "SK 1/2026"}, cur, nil, periode.FieldTMT, "di dalam periode"},
		{"after the period", periode.MutasiInput{TMT: "2027-01-01", Alasan: "SK 1/2026"}, cur, nil, periode.FieldTMT, "periode berikutnya"},
		{"on the first day", periode.MutasiInput{TMT: "2026-01-01", Alasan: "SK 1/2026"}, cur, nil, periode.FieldTMT, "sesudah awal penugasan"},
		{"before the current stretch", periode.MutasiInput{TMT: "2026-03-01", Alasan: "SK 1/2026"}, next, nil, periode.FieldTMT, "15 Mei 2026"},
		{"no reason", periode.MutasiInput{TMT: "2026-05-15", Alasan: " x "}, cur, nil, periode.FieldAlasanMutasi, "alasan mutasi"},
		{"rated check-in would move", periode.MutasiInput{TMT: "2026-05-15", Alasan: "SK 1/2026"}, cur, []int{1, 3, 2}, periode.FieldTMT,
			"Triwulan III sudah diisi oleh penilai saat ini. TMT paling awal yang mempertahankannya adalah 2 Juli 2026"},
		{"year rated", periode.MutasiInput{TMT: "2026-12-01", Alasan: "SK 1/2026"}, cur, []int{periode.Year}, periode.FieldTMT, "tahunan"},
	} {
		_, errs := periode.CheckMutasi(c.in, s, c.cur, c.rated)
		if !strings.Contains(errs[c.field], c.want) {
			t.Errorf("%s: errs = %v, want %s containing %q", c.name, errs, c.field, c.want)
		}
	}
	// The earliest TMT the message names is accepted.
	if _, errs := periode.CheckMutasi(periode.MutasiInput{TMT: "2026-07-02", Alasan: "SK 1/2026"}, s, cur, []int{1, 2, 3}); errs != nil {
		t.Errorf("TMT named by the message refused: %v", errs)
	}
	if !apperr.Is(periode.CheckBerubah(false, false, false), apperr.Invalid) || periode.CheckBerubah(false, true, false) != nil {
		t.Error("CheckBerubah: a mutasi must change the jabatan, the unit or the penilai")
	}
}
