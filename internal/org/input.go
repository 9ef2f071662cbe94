package org

import (
	"strings"

	"kinerja/internal/apperr"
	"time"
	"unicode/utf8"
)

// PegawaiInput is a pegawai as typed in the form or read from an import row: strings,
// not yet checked. Field names are the form's field names in Errors.
type PegawaiInput struct {
	NIP           string
	Nama          string
	GelarDepan    string
	GelarBelakang string
	JenisASN      string
	TempatLahir   string
	Golongan      string // "III/a" for PNS, "IX" for PPPK
	Jabatan       string
	JenisJabatan  string // a code or its label
	KepalaUnit    bool
	NIPAtasan     string // "" for the default atasan
	TMT           string // YYYY-MM-DD; "" for today
	Keterangan    string
}

// Pegawai fields checked by CheckPegawaiInput, in form order.
const (
	FieldNIP           = "nip"
	FieldNama          = "nama"
	FieldGelarDepan    = "gelar_depan"
	FieldGelarBelakang = "gelar_belakang"
	FieldJenisASN      = "jenis_asn"
	FieldTempatLahir   = "tempat_lahir"
	FieldGolongan      = "golongan"
	FieldUnit          = "unit"
	FieldJabatan       = "jabatan"
	FieldJenisJabatan  = "jenis_jabatan"
	FieldNIPAtasan     = "nip_atasan"
	FieldTMT           = "tmt"
	FieldKeterangan    = "keterangan"
)

// CheckedPegawai is a PegawaiInput that passed CheckPegawaiInput.
type CheckedPegawai struct {
	NIP           NIP
	JenisASN      JenisASN
	Nama          string
	GelarDepan    string
	GelarBelakang string
	TempatLahir   string
	Golongan      string
	Jabatan       string
	JenisJabatan  string // code
	KepalaUnit    bool
	NIPAtasan     string
	TMT           time.Time
	Keterangan    string
}

// ParseJenisJabatan accepts a code or an official label, case-insensitively.
func ParseJenisJabatan(s string) (string, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, code := range []string{JPTPratama, Administrator, Pengawas, Pelaksana, Fungsional} {
		if k == code || k == strings.ToLower(JenisJabatanLabel(code)) {
			return code, true
		}
	}
	switch k {
	case "jpt", "jabatan pimpinan tinggi", "jabatan pimpinan tinggi pratama", "struktural":
		return JPTPratama, k != "struktural"
	case "jabatan fungsional", "fungsional tertentu", "jft":
		return Fungsional, true
	case "jabatan pelaksana", "fungsional umum", "jfu":
		return Pelaksana, true
	}
	return "", false
}

// ParseDate reads YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02-01-2006", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// CheckPegawaiInput applies the rules that need no database: NIP validity, lengths,
// known kinds, a TMT not in the future. golongan reports whether a golongan exists
// for a jenis ASN. today is the current date in the configured time zone.
// It returns the checked value and, per field, a message in Bahasa Indonesia.
func CheckPegawaiInput(in PegawaiInput, golongan func(jenis JenisASN, gol string) bool, today time.Time) (CheckedPegawai, map[string]string) {
	errs := map[string]string{}
	out := CheckedPegawai{
		Nama: strings.TrimSpace(in.Nama), GelarDepan: strings.TrimSpace(in.GelarDepan), GelarBelakang: strings.TrimSpace(in.GelarBelakang),
		TempatLahir: strings.TrimSpace(in.TempatLahir), Golongan: strings.TrimSpace(in.Golongan), Jabatan: strings.TrimSpace(in.Jabatan),
		KepalaUnit: in.KepalaUnit, NIPAtasan: NormalizeNIP(in.NIPAtasan), Keterangan: strings.TrimSpace(in.Keterangan),
	}
	switch strings.ToUpper(strings.TrimSpace(in.JenisASN)) {
	case "PNS":
		out.JenisASN = PNS
	case "PPPK":
		out.JenisASN = PPPK
	default:
		errs[FieldJenisASN] = "Pilih PNS atau PPPK."
	}
	if out.JenisASN != "" {
		n, err := ParseNIP(in.NIP, out.JenisASN)
		if e := apperr.As(err); e != nil {
			errs[FieldNIP] = e.Message
		}
		out.NIP = n
	}
	length := func(field, v, label string, lo, hi int) {
		n := utf8.RuneCountInString(v)
		switch {
		case lo > 0 && n == 0:
			errs[field] = label + " wajib diisi."
		case n < lo:
			errs[field] = label + " terlalu pendek."
		case n > hi:
			errs[field] = label + " paling banyak " + itoa(hi) + " karakter."
		}
	}
	length(FieldNama, out.Nama, "Nama", 2, 150)
	length(FieldGelarDepan, out.GelarDepan, "Gelar depan", 0, 30)
	length(FieldGelarBelakang, out.GelarBelakang, "Gelar belakang", 0, 60)
	length(FieldTempatLahir, out.TempatLahir, "Tempat lahir", 0, 100)
	length(FieldJabatan, out.Jabatan, "Nama jabatan", 2, 200)
	length(FieldKeterangan, out.Keterangan, "Keterangan", 0, 500)
	if out.Golongan == "" {
		errs[FieldGolongan] = "Golongan wajib diisi."
	} else if out.JenisASN != "" && !golongan(out.JenisASN, out.Golongan) {
		if out.JenisASN == PNS {
			errs[FieldGolongan] = "Golongan PNS tidak dikenal: gunakan I/a sampai IV/e."
		} else {
			errs[FieldGolongan] = "Golongan PPPK tidak dikenal: gunakan I sampai XVII."
		}
	}
	if code, ok := ParseJenisJabatan(in.JenisJabatan); ok {
		out.JenisJabatan = code
	} else {
		errs[FieldJenisJabatan] = "Jenis jabatan harus JPT Pratama, Administrator, Pengawas, Pelaksana atau Fungsional."
	}
	if out.NIPAtasan != "" {
		if len(out.NIPAtasan) != 18 || strings.Trim(out.NIPAtasan, "0123456789") != "" {
			errs[FieldNIPAtasan] = "NIP atasan harus 18 digit angka."
		} else if out.NIP.Raw != "" && out.NIPAtasan == out.NIP.Raw {
			errs[FieldNIPAtasan] = "Pegawai tidak dapat menjadi atasan langsung dirinya sendiri."
		}
	}
	out.TMT = today
	if strings.TrimSpace(in.TMT) != "" {
		t, ok := ParseDate(in.TMT)
		switch {
		case !ok:
			errs[FieldTMT] = "TMT harus tanggal yang valid (TTTT-BB-HH)."
		case t.After(today):
			errs[FieldTMT] = "TMT tidak boleh setelah hari ini."
		case !out.NIP.TanggalLahir.IsZero() && !t.After(out.NIP.TanggalLahir):
			errs[FieldTMT] = "TMT harus setelah tanggal lahir."
		default:
			out.TMT = t
		}
	}
	return out, errs
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
