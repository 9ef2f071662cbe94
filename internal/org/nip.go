package org

import (
	"strings"
	"time"

	"kinerja/internal/apperr"
)

// JenisASN is PNS (permanent) or PPPK (contract).
type JenisASN string

const (
	PNS  JenisASN = "PNS"
	PPPK JenisASN = "PPPK"
)

// NIP is a parsed Nomor Induk Pegawai.
type NIP struct {
	Raw          string    // 18 digits, no spaces
	TanggalLahir time.Time // birth date, UTC midnight
	TMTYear      int       // year of first appointment
	TMTMonth     int       // month of first appointment (PNS); the 2-digit code for PPPK
	Gender       string    // "L" or "P"
	Sequence     int
}

// NormalizeNIP strips the spaces and dots people type between NIP groups.
func NormalizeNIP(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '\t' || r == '-' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// ParseNIP validates a NIP as the package doc says: 18 digits, a real birth date, a TMT
// after the birth year (month 01–12 for PNS), gender digit 1 or 2.
// It returns an Invalid *apperr.Error with a message in Bahasa Indonesia.
func ParseNIP(s string, jenis JenisASN) (NIP, error) {
	raw := NormalizeNIP(s)
	bad := func(msg string) (NIP, error) { return NIP{}, apperr.New(apperr.Invalid, "%s", msg) }
	if raw == "" {
		return bad("NIP wajib diisi.")
	}
	if len(raw) != 18 {
		return bad("NIP harus 18 digit angka.")
	}
	for _, r := range raw {
		if r < '0' || r > '9' {
			return bad("NIP hanya boleh berisi angka.")
		}
	}
	y, m, d := atoi(raw[0:4]), atoi(raw[4:6]), atoi(raw[6:8])
	born := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || m < 1 || m > 12 || born.Day() != d || int(born.Month()) != m {
		return bad("8 digit pertama NIP bukan tanggal lahir yang valid (TTTTBBHH).")
	}
	n := NIP{Raw: raw, TanggalLahir: born, TMTYear: atoi(raw[8:12]), TMTMonth: atoi(raw[12:14]), Sequence: atoi(raw[15:18])}
	if n.TMTYear <= y {
		return bad("Tahun TMT pada NIP (digit 9–12) harus setelah tahun lahir.")
	}
	if jenis != PPPK && (n.TMTMonth < 1 || n.TMTMonth > 12) {
		return bad("Bulan TMT pada NIP (digit 13–14) harus 01–12.")
	}
	switch raw[14] {
	case '1':
		n.Gender = "L"
	case '2':
		n.Gender = "P"
	default:
		return bad("Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).")
	}
	return n, nil
}

// FormatNIP groups a NIP the way it is printed: 19860926 201505 1 001.
func FormatNIP(raw string) string {
	if len(raw) != 18 {
		return raw
	}
	return raw[0:8] + " " + raw[8:14] + " " + raw[14:15] + " " + raw[15:18]
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
