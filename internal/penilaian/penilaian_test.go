package penilaian_test

import (
	"reflect"
	"testing"
	"time"

	"kinerja/internal/penilaian"
)

func TestPredikatMatrix(t *testing.T) {
	A, S, B := penilaian.DiAtas, penilaian.Sesuai, penilaian.DiBawah
	cases := []struct {
		hk, pk penilaian.Rating
		want   penilaian.Predikat
	}{
		{A, B, "Kurang/Misconduct"}, {A, S, "Baik"}, {A, A, "Sangat Baik"},
		{S, B, "Kurang/Misconduct"}, {S, S, "Baik"}, {S, A, "Baik"},
		{B, B, "Sangat Kurang"}, {B, S, "Butuh Perbaikan"}, {B, A, "Butuh Perbaikan"},
	}
	for _, c := range cases {
		t.Run(string(c.hk)+"_"+string(c.pk), func(t *testing.T) {
			got, ok := penilaian.PredikatOf(c.hk, c.pk)
			if !ok || got != c.want {
				t.Fatalf("PredikatOf(%s, %s) = %q, %v; want %q", c.hk, c.pk, got, ok, c.want)
			}
		})
	}
	for _, bad := range [][2]penilaian.Rating{{"", S}, {A, ""}, {"baik", S}} {
		if p, ok := penilaian.PredikatOf(bad[0], bad[1]); ok {
			t.Errorf("PredikatOf(%q, %q) = %q; want no predikat", bad[0], bad[1], p)
		}
	}
}

func TestSaranHasilKerja(t *testing.T) {
	u := func(r penilaian.Rating) penilaian.RHKRating { return penilaian.RHKRating{Utama: true, Rating: r} }
	tb := func(r penilaian.Rating) penilaian.RHKRating { return penilaian.RHKRating{Rating: r} }
	A, S, B := penilaian.DiAtas, penilaian.Sesuai, penilaian.DiBawah
	cases := []struct {
		name  string
		items []penilaian.RHKRating
		want  penilaian.Rating
	}{
		{"most above, no utama below", []penilaian.RHKRating{u(A), u(A), tb(B)}, A},
		{"most above but an utama below", []penilaian.RHKRating{u(A), u(A), u(B)}, S},
		{"half above is not most", []penilaian.RHKRating{u(A), u(S)}, S},
		{"most below", []penilaian.RHKRating{u(B), u(B), u(A)}, B},
		{"all sesuai", []penilaian.RHKRating{u(S), tb(S)}, S},
		{"mixed", []penilaian.RHKRating{u(A), u(S), u(B)}, S},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := penilaian.SaranHasilKerja(c.items)
			if !ok || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, ok, c.want)
			}
		})
	}
	if _, ok := penilaian.SaranHasilKerja([]penilaian.RHKRating{u(A), u("")}); ok {
		t.Error("a suggestion while an RHK is unrated")
	}
	if _, ok := penilaian.SaranHasilKerja(nil); ok {
		t.Error("a suggestion without RHK")
	}
}

type counts = map[penilaian.Predikat]int

func messages(v []penilaian.Pelanggaran) []string {
	var out []string
	for _, x := range v {
		out = append(out, x.Message)
	}
	return out
}

func TestKurva(t *testing.T) {
	SB, B, BP, KM, SK := penilaian.SangatBaik, penilaian.Baik, penilaian.ButuhPerbaikan, penilaian.KurangMisconduct, penilaian.SangatKurang
	cases := []struct {
		name string
		org  string
		c    counts
		mode penilaian.Pembulatan
		want []string
	}{
		{"istimewa within", "Istimewa", counts{SB: 7, B: 3}, penilaian.Persen, nil},
		{"istimewa sangat baik over 70%", "Istimewa", counts{SB: 8, B: 2}, penilaian.Persen, []string{"Sangat Baik 80% melebihi batas 70%"}},
		{"baik within", "Baik", counts{SB: 2, B: 7, BP: 1}, penilaian.Persen, nil},
		{"baik over 70%", "Baik", counts{B: 3, KM: 1}, penilaian.Persen, []string{"Baik 75% melebihi batas 70%"}},
		{"baik needs someone below", "Baik", counts{SB: 4, B: 6}, penilaian.Persen,
			[]string{"belum ada pegawai dengan predikat Butuh Perbaikan atau Kurang/Misconduct"}},
		{"baik: kurang/misconduct counts as below", "Baik", counts{SB: 3, B: 6, KM: 1}, penilaian.Persen, nil},
		{"baik: sangat kurang does not count", "Baik", counts{SB: 3, B: 6, SK: 1}, penilaian.Persen,
			[]string{"belum ada pegawai dengan predikat Butuh Perbaikan atau Kurang/Misconduct"}},
		{"butuh perbaikan within", "Butuh Perbaikan", counts{SB: 1, B: 3, BP: 6}, penilaian.Persen, nil},
		{"butuh perbaikan both bounds", "Butuh Perbaikan", counts{SB: 2, B: 3, BP: 5}, penilaian.Persen,
			[]string{"Sangat Baik 20% melebihi batas 10%", "Butuh Perbaikan 50% kurang dari batas minimal 60%"}},
		{"kurang within", "Kurang", counts{SB: 1, BP: 1, KM: 6, B: 2}, penilaian.Persen, nil},
		{"kurang all three", "Kurang", counts{SB: 2, B: 4, KM: 4}, penilaian.Persen,
			[]string{"Sangat Baik 20% melebihi batas 10%", "Butuh Perbaikan 0% kurang dari batas minimal 10%", "Kurang/Misconduct 40% kurang dari batas minimal 60%"}},
		{"sangat kurang within", "Sangat Kurang", counts{B: 2, BP: 1, SK: 7}, penilaian.Persen, nil},
		{"sangat kurang no sangat baik", "Sangat Kurang", counts{SB: 1, BP: 2, SK: 7}, penilaian.Persen,
			[]string{"Sangat Baik 10% padahal tidak boleh ada (batas 0%)"}},
		{"sangat kurang group and share", "Sangat Kurang", counts{B: 5, SK: 5}, penilaian.Persen,
			[]string{"Butuh Perbaikan + Kurang/Misconduct 0% kurang dari batas minimal 10%", "Sangat Kurang 50% kurang dari batas minimal 60%"}},
		{"decimal comma", "Istimewa", counts{SB: 7, B: 1}, penilaian.Persen, []string{"Sangat Baik 87,5% melebihi batas 70%"}},
		{"no organisation predikat", "", counts{SB: 10}, penilaian.Persen, nil},
		{"nobody rated", "Baik", counts{}, penilaian.Persen, nil},

		// Small units. Exact percentages: an "at least" bound needs at least one person,
		// and a share is compared as it is.
		{"small: one of three is 33,3% >= 10%", "Kurang", counts{BP: 1, KM: 2}, penilaian.Persen, nil},
		{"small: at least 10% of 3 needs one", "Kurang", counts{KM: 3}, penilaian.Persen,
			[]string{"Butuh Perbaikan 0% kurang dari batas minimal 10%"}},
		{"small: 2 of 3 meets 60%", "Butuh Perbaikan", counts{B: 1, BP: 2}, penilaian.Persen, nil},
		{"small: 1 of 2 misses 60%", "Butuh Perbaikan", counts{B: 1, BP: 1}, penilaian.Persen,
			[]string{"Butuh Perbaikan 50% kurang dari batas minimal 60%"}},
		{"small: 1 sangat baik of 5 is over 10%", "Butuh Perbaikan", counts{SB: 1, BP: 4}, penilaian.Persen,
			[]string{"Sangat Baik 20% melebihi batas 10%"}},
		{"small: 3 baik of 4 over 70%", "Baik", counts{B: 3, BP: 1}, penilaian.Persen, []string{"Baik 75% melebihi batas 70%"}},
		// Rounded to whole persons: 10% of 5 is 0.5, so one person is allowed; 70% of 4 is
		// 2.8, so three; an "at least" bound still needs one person.
		{"rounded: 1 sangat baik of 5 allowed", "Butuh Perbaikan", counts{SB: 1, BP: 4}, penilaian.Orang, nil},
		{"rounded: 3 baik of 4 allowed", "Baik", counts{B: 3, BP: 1}, penilaian.Orang, nil},
		{"rounded: 1 of 2 meets 60%", "Butuh Perbaikan", counts{B: 1, BP: 1}, penilaian.Orang, nil},
		{"rounded: at least 10% of 3 still needs one", "Kurang", counts{KM: 3}, penilaian.Orang,
			[]string{"Butuh Perbaikan 0% kurang dari batas minimal 10%"}},
		{"rounded: 2 sangat baik of 5 over", "Butuh Perbaikan", counts{SB: 2, BP: 3}, penilaian.Orang,
			[]string{"Sangat Baik 40% melebihi batas 10%"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := messages(penilaian.CheckKurva(c.org, c.c, c.mode))
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestBoundRules(t *testing.T) {
	var got []string
	for _, b := range penilaian.Bounds("Baik") {
		got = append(got, b.Rule())
	}
	want := []string{"Baik paling banyak 70%", "paling sedikit satu pegawai Butuh Perbaikan atau Kurang/Misconduct"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if r := penilaian.Bounds("Sangat Kurang")[0].Rule(); r != "tidak boleh ada Sangat Baik" {
		t.Fatalf("got %q", r)
	}
	if penilaian.Bounds("Luar biasa") != nil {
		t.Fatal("bounds for an unknown organisation predikat")
	}
}

func TestBatasKeberatan(t *testing.T) {
	jkt, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	// Published 23 November 2026 at 20.00 WIB (13.00 UTC): 14 days end on 7 December.
	pub := time.Date(2026, 11, 23, 13, 0, 0, 0, time.UTC)
	b := penilaian.BatasKeberatan(pub, 14, jkt)
	if want := time.Date(2026, 12, 7, 23, 59, 59, 999999999, jkt); !b.Equal(want) {
		t.Fatalf("got %v, want %v", b, want)
	}
	// Published just after midnight WIB on 24 November (still the 23rd in UTC).
	pub = time.Date(2026, 11, 23, 17, 30, 0, 0, time.UTC)
	if b := penilaian.BatasKeberatan(pub, 14, jkt); b.Day() != 8 {
		t.Fatalf("got %v, want the end of 8 December WIB", b)
	}
}
