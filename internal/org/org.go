package org

import (
	"fmt"
	"strings"

	"kinerja/internal/apperr"
)

// Jenis jabatan codes, as stored.
const (
	JPTPratama    = "jpt_pratama"
	Administrator = "administrator"
	Pengawas      = "pengawas"
	Pelaksana     = "pelaksana"
	Fungsional    = "fungsional"
)

// JenisJabatanLabel returns the official label of a jenis jabatan code.
func JenisJabatanLabel(code string) string {
	switch code {
	case JPTPratama:
		return "JPT Pratama"
	case Administrator:
		return "Administrator"
	case Pengawas:
		return "Pengawas"
	case Pelaksana:
		return "Pelaksana"
	case Fungsional:
		return "Fungsional"
	}
	return code
}

// NamaLengkap joins a name with its gelar: "Dr. Siti Aminah, S.Pd., M.Si.".
func NamaLengkap(gelarDepan, nama, gelarBelakang string) string {
	s := strings.TrimSpace(nama)
	if g := strings.TrimSpace(gelarDepan); g != "" {
		s = g + " " + s
	}
	if g := strings.TrimSpace(gelarBelakang); g != "" {
		s = s + ", " + g
	}
	return s
}

// Person is the short form of a pegawai used in chains and lists.
type Person struct {
	ID   int64
	Nama string // with gelar
	NIP  string
}

// CheckAtasan refuses an atasan assignment that makes p their own atasan or closes a
// cycle. chain is the atasan's own chain upward, nearest first, starting with the
// proposed atasan. The message names the chain so the admin can see where it loops.
func CheckAtasan(p Person, chain []Person) error {
	if len(chain) == 0 {
		return nil
	}
	if chain[0].ID == p.ID {
		return apperr.New(apperr.Invalid, "Pegawai tidak dapat menjadi atasan langsung dirinya sendiri.")
	}
	for i, c := range chain {
		if c.ID == p.ID {
			names := make([]string, 0, i+2)
			names = append(names, p.Nama)
			for _, x := range chain[:i+1] {
				names = append(names, x.Nama)
			}
			return apperr.New(apperr.Invalid, "Atasan ini membuat rantai melingkar: %s.", strings.Join(names, " → "))
		}
	}
	return nil
}

// Pegawai is a civil servant with what the Beranda and profile pages show.
type Pegawai struct {
	ID            int64
	NIP           string
	Nama          string
	GelarDepan    string
	GelarBelakang string
	JenisASN      JenisASN
	JenisKelamin  string
	Golongan      string
	Pangkat       string
	JabatanID     int64
	Jabatan       string
	JenisJabatan  string
	KepalaUnit    bool
	UnitID        int64
	Unit          string
	OPDID         int64
	OPD           string
	AtasanID      int64  // 0 when none
	AtasanNama    string // with gelar
	AtasanNIP     string
	AtasanJabatan string
	AtasanOPDID   int64
	Aktif         bool
}

// NamaLengkap returns the name with gelar.
func (p Pegawai) NamaLengkap() string { return NamaLengkap(p.GelarDepan, p.Nama, p.GelarBelakang) }

// Atasan returns the atasan langsung as far as this row knows them (id and OPD),
// for access checks.
func (p Pegawai) Atasan() Pegawai {
	return Pegawai{ID: p.AtasanID, OPDID: p.AtasanOPDID, Nama: p.AtasanNama, NIP: p.AtasanNIP, Jabatan: p.AtasanJabatan}
}

// PangkatGolongan is "Penata Muda (III/a)" for PNS and "IX" for PPPK.
func (p Pegawai) PangkatGolongan() string {
	if p.Pangkat == "" {
		return p.Golongan
	}
	return fmt.Sprintf("%s (%s)", p.Pangkat, p.Golongan)
}

// OPD is a perangkat daerah with its head count.
type OPD struct {
	ID            int64
	Kode          string
	Nama          string
	Singkatan     string
	Aktif         bool
	Kepala        string // name of the head, "" when vacant
	KepalaID      int64
	JumlahUnit    int
	JumlahPegawai int
}

// Unit is one unit kerja in an OPD tree.
type Unit struct {
	ID            int64
	OPDID         int64
	ParentID      int64 // 0 for the OPD's root unit
	Nama          string
	Depth         int
	KepalaID      int64
	Kepala        string // head's name, "" when vacant
	JabatanKepala string
	JumlahPegawai int // pegawai directly in this unit
	JumlahTotal   int // pegawai in this unit and below
}
