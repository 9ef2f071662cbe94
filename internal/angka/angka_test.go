package angka_test

import (
	"math"
	"testing"

	"kinerja/internal/angka"
	"kinerja/internal/skp"
)

func TestBulat(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1204: "1.204", 50000: "50.000", 1234567: "1.234.567", -1204: "-1.204"} {
		if got := angka.Bulat(n); got != want {
			t.Errorf("Bulat(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDesimal(t *testing.T) {
	for x, want := range map[float64]string{0: "0", 2: "2", 2.5: "2,5", 0.25: "0,25", 1204.75: "1.204,75", 1e6: "1.000.000", -3.5: "-3,5", math.NaN(): "–"} {
		if got := angka.Desimal(x); got != want {
			t.Errorf("Desimal(%v) = %q, want %q", x, got, want)
		}
	}
	// What it writes reads back as the same number.
	for _, x := range []float64{0, 2, 2.5, 1204.75, 1e6, 12345678.125} {
		if got, ok := skp.ParseAngka(angka.Desimal(x)); !ok || got != x {
			t.Errorf("ParseAngka(Desimal(%v)) = %v %v", x, got, ok)
		}
	}
}

func TestPersen(t *testing.T) {
	for x, want := range map[float64]string{40: "40%", 58.333: "58,3%", 99.96: "100%", 0: "0%", 12.05: "12,1%"} {
		if got := angka.Persen(x); got != want {
			t.Errorf("Persen(%v) = %q, want %q", x, got, want)
		}
	}
}
