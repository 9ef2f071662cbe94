package laporan

import (
	"strconv"

	"kinerja/internal/penilaian"
)

// BarisRekap is one participant's result at a check-in (or the year), as the rekap
// and the reconciliation file print it.
type BarisRekap struct {
	NIP, Nama, Jabatan, Golongan, Unit, OPD string
	NIPPenilai, NamaPenilai                 string
	JenisASN                                string
	HasilKerja, Perilaku                    penilaian.Rating
	Predikat                                penilaian.Predikat
	Ditetapkan                              bool
	Tahun                                   int
}

// BelumDitetapkan is the predikat column of a rating not published.
const BelumDitetapkan = "Belum ditetapkan"

// PredikatResmi is the predikat the official recap shows: only a published one.
func (b BarisRekap) PredikatResmi() string {
	if !b.Ditetapkan || b.Predikat == "" {
		return BelumDitetapkan
	}
	return string(b.Predikat)
}

// MasukRekap reports whether a stretch of the status belongs in the rekap and the
// reconciliation file: the participants still in the period, active or with a record
// deactivated during the year. A stretch left by mutasi is rated in the OPD the
// pegawai moved to, and a participant taken out of the period is not rated.
func MasukRekap(s Status) bool { return s == Aktif || s == Nonaktif }

// Kolom is one column of an exported file.
type Kolom struct {
	Judul string
	Nilai func(BarisRekap) string
}

// Header is the columns' titles.
func Header(cols []Kolom) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Judul
	}
	return out
}

// Record is one row's values under cols.
func Record(cols []Kolom, b BarisRekap) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Nilai(b)
	}
	return out
}

// KolomRekap is the official recap (Rekap Predikat) that BKPSDM uses for TPP.
var KolomRekap = []Kolom{
	{"NIP", func(b BarisRekap) string { return b.NIP }},
	{"Nama", func(b BarisRekap) string { return b.Nama }},
	{"Jabatan", func(b BarisRekap) string { return b.Jabatan }},
	{"Golongan", func(b BarisRekap) string { return b.Golongan }},
	{"Unit Kerja", func(b BarisRekap) string { return b.Unit }},
	{"Perangkat Daerah", func(b BarisRekap) string { return b.OPD }},
	{"Predikat", BarisRekap.PredikatResmi},
}

// ratingResmi is a published rating's level, empty before publication.
func ratingResmi(b BarisRekap, r penilaian.Rating) string {
	if !b.Ditetapkan {
		return ""
	}
	return r.Label()
}

// KolomRekonsiliasi is the layout of the reconciliation upload of the national
// e-Kinerja/SIASN, one row per participant and year. It is the one place that
// follows that format: when BKN changes the template, change the titles or the
// order here (and the README's table), nothing else.
var KolomRekonsiliasi = []Kolom{
	{"NIP", func(b BarisRekap) string { return b.NIP }},
	{"NAMA", func(b BarisRekap) string { return b.Nama }},
	{"JENIS_ASN", func(b BarisRekap) string { return b.JenisASN }},
	{"NIP_PENILAI", func(b BarisRekap) string { return b.NIPPenilai }},
	{"NAMA_PENILAI", func(b BarisRekap) string { return b.NamaPenilai }},
	{"UNIT_KERJA", func(b BarisRekap) string { return b.Unit }},
	{"INSTANSI_UNIT", func(b BarisRekap) string { return b.OPD }},
	{"TAHUN", func(b BarisRekap) string { return strconv.Itoa(b.Tahun) }},
	{"HASIL_KERJA", func(b BarisRekap) string { return ratingResmi(b, b.HasilKerja) }},
	{"PERILAKU_KERJA", func(b BarisRekap) string { return ratingResmi(b, b.Perilaku) }},
	{"PREDIKAT_KINERJA", func(b BarisRekap) string {
		if !b.Ditetapkan {
			return ""
		}
		return string(b.Predikat)
	}},
}
