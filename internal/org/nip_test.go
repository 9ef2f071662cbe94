package org_test

import (
	"testing"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/org"
)

func TestParseNIP(t *testing.T) {
	tests := []struct {
		name    string
		nip     string
		jenis   org.JenisASN
		wantErr string // substring of the message; "" means valid
		born    string
		gender  string
	}{
		{"domain example valid", "198609262015051001", org.PNS, "", "1986-09-26", "L"},
		{"domain example 30 February", "198602302015051001", org.PNS, "tanggal lahir", "", ""},
		{"domain example gender digit 3", "198609262015053001", org.PNS, "jenis kelamin", "", ""},
		{"female", "199001312019032005", org.PNS, "", "1990-01-31", "P"},
		{"leap day in a leap year", "199602292020122001", org.PNS, "", "1996-02-29", "P"},
		{"leap day in a common year", "199702292020122001", org.PNS, "tanggal lahir", "", ""},
		{"month 13 in birth date", "198613012015051001", org.PNS, "tanggal lahir", "", ""},
		{"day 00", "198601002015051001", org.PNS, "tanggal lahir", "", ""},
		{"TMT month 00 for PNS", "198609262015001001", org.PNS, "Bulan TMT", "", ""},
		{"TMT month 13 for PNS", "198609262015131001", org.PNS, "Bulan TMT", "", ""},
		{"PPPK code 21 is not a month", "198609262021211001", org.PPPK, "", "1986-09-26", "L"},
		{"PPPK with gender 0", "198609262021210001", org.PPPK, "jenis kelamin", "", ""},
		{"TMT before birth", "198609261980051001", org.PNS, "Tahun TMT", "", ""},
		{"gender digit 0", "198609262015050001", org.PNS, "jenis kelamin", "", ""},
		{"17 digits", "19860926201505100", org.PNS, "18 digit", "", ""},
		{"19 digits", "1986092620150510011", org.PNS, "18 digit", "", ""},
		{"letters", "19860926201505100A", org.PNS, "angka", "", ""},
		{"empty", "", org.PNS, "wajib", "", ""},
		{"spaces are stripped", "19860926 201505 1 001", org.PNS, "", "1986-09-26", "L"},
		{"year before 1900", "189909262015051001", org.PNS, "tanggal lahir", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := org.ParseNIP(tt.nip, tt.jenis)
			if tt.wantErr != "" {
				e := apperr.As(err)
				if e == nil || e.Code != apperr.Invalid {
					t.Fatalf("ParseNIP(%q) error = %v, want an Invalid error", tt.nip, err)
				}
				if !contains(e.Message, tt.wantErr) {
					t.Fatalf("message %q does not mention %q", e.Message, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseNIP(%q) = %v, want valid", tt.nip, err)
			}
			if got := n.TanggalLahir.Format(time.DateOnly); got != tt.born {
				t.Errorf("birth date = %s, want %s", got, tt.born)
			}
			if n.Gender != tt.gender {
				t.Errorf("gender = %s, want %s", n.Gender, tt.gender)
			}
			if len(n.Raw) != 18 {
				t.Errorf("raw = %q, want 18 digits", n.Raw)
			}
		})
	}
}

func TestFormatNIP(t *testing.T) {
	if got := org.FormatNIP("198609262015051001"); got != "19860926 201505 1 001" {
		t.Fatalf("FormatNIP = %q", got)
	}
	if got := org.FormatNIP("123"); got != "123" {
		t.Fatalf("FormatNIP of a short value = %q, want it unchanged", got)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
