package org_test

import (
	"strings"
	"testing"

	"kinerja/internal/apperr"
	"kinerja/internal/org"
)

func TestCheckAtasan(t *testing.T) {
	ani := org.Person{ID: 1, Nama: "Ani"}
	budi := org.Person{ID: 2, Nama: "Budi"}
	citra := org.Person{ID: 3, Nama: "Citra"}
	dedi := org.Person{ID: 4, Nama: "Dedi"}
	tests := []struct {
		name    string
		p       org.Person
		chain   []org.Person
		wantErr string
	}{
		{"no atasan", ani, nil, ""},
		{"plain chain", ani, []org.Person{budi, citra}, ""},
		{"own atasan", ani, []org.Person{ani}, "dirinya sendiri"},
		{"two-step cycle", ani, []org.Person{budi, ani}, "Ani → Budi → Ani"},
		{"longer cycle names the chain", ani, []org.Person{budi, citra, dedi, ani}, "Ani → Budi → Citra → Dedi → Ani"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := org.CheckAtasan(tt.p, tt.chain)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckAtasan = %v, want nil", err)
				}
				return
			}
			if !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("CheckAtasan = %v, want Invalid mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestNamaLengkap(t *testing.T) {
	tests := []struct{ gd, nama, gb, want string }{
		{"", "Siti Aminah", "", "Siti Aminah"},
		{"Dr.", "Siti Aminah", "S.Pd., M.Si.", "Dr. Siti Aminah, S.Pd., M.Si."},
		{"dr.", " Budi ", "", "dr. Budi"},
		{"", "Budi", "S.E.", "Budi, S.E."},
	}
	for _, tt := range tests {
		if got := org.NamaLengkap(tt.gd, tt.nama, tt.gb); got != tt.want {
			t.Errorf("NamaLengkap(%q, %q, %q) = %q, want %q", tt.gd, tt.nama, tt.gb, got, tt.want)
		}
	}
}

func TestPangkatGolongan(t *testing.T) {
	pns := org.Pegawai{Pangkat: "Penata Muda", Golongan: "III/a"}
	if got := pns.PangkatGolongan(); got != "Penata Muda (III/a)" {
		t.Errorf("PNS = %q", got)
	}
	pppk := org.Pegawai{Golongan: "IX"}
	if got := pppk.PangkatGolongan(); got != "IX" {
		t.Errorf("PPPK = %q", got)
	}
}
