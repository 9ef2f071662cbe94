// Package angka writes numbers the Indonesian way, for pages, documents and the
// domain's messages alike: a full stop between thousands, a comma before decimals,
// and no needless trailing zero (1.204; 12,5; 58,3%). It is the one formatter of
// numbers; skp.ParseAngka reads what it writes.
package angka

import (
	"math"
	"strconv"
	"strings"
)

// Bulat formats an integer: 1.204.
func Bulat(n int) string { return group(strconv.Itoa(n)) }

// Desimal formats a number with as many decimals as it has: 1.204,75; 2; 0,5.
func Desimal(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	whole, frac, _ := strings.Cut(strconv.FormatFloat(x, 'f', -1, 64), ".")
	if frac != "" {
		return group(whole) + "," + frac
	}
	return group(whole)
}

// Persen formats a percentage with one decimal, dropped when it is zero: 58,3%; 40%.
func Persen(x float64) string { return Desimal(math.Round(x*10)/10) + "%" }

// group puts a full stop between each group of three digits of an integer's text.
func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}
