package org

import "strings"

// Periksa data: the organisation errors that break appraisals (wrong atasan and unit
// links are the most common complaint about the national system). Each check names
// the records to fix; the store finds the candidates and these rules decide.

// Temuan names a kind of finding.
type Temuan string

const (
	TanpaPenilai        Temuan = "tanpa_penilai"         // a participant without a penilai
	PenilaiBukanPeserta Temuan = "penilai_bukan_peserta" // the penilai is not an active participant
	PenilaiNonaktif     Temuan = "penilai_nonaktif"      // the penilai's record is inactive
	PenilaiLintasOPD    Temuan = "penilai_lintas_opd"    // the penilai is in another OPD, with no reason given
	KepalaKosong        Temuan = "kepala_kosong"         // a unit whose head position is vacant
	KepalaBukanJabatan  Temuan = "kepala_bukan_jabatan"  // a head whose jabatan is not a head position
	BawahanTakWajar     Temuan = "bawahan_tak_wajar"     // a penilai with an unusual number of subordinates
	OPDNonaktif         Temuan = "opd_nonaktif"          // a pegawai in a unit whose OPD (or the unit) is inactive
	KemungkinanGanda    Temuan = "kemungkinan_ganda"     // pegawai with the same name and birth date
)

// TemuanList lists the checks in the order of the page.
var TemuanList = []Temuan{TanpaPenilai, PenilaiBukanPeserta, PenilaiNonaktif, PenilaiLintasOPD, KepalaKosong, KepalaBukanJabatan,
	BawahanTakWajar, OPDNonaktif, KemungkinanGanda}

// Label is the check's title on the page.
func (t Temuan) Label() string {
	switch t {
	case TanpaPenilai:
		return "Peserta tanpa penilai"
	case PenilaiBukanPeserta:
		return "Penilai yang bukan peserta periode"
	case PenilaiNonaktif:
		return "Penilai yang nonaktif"
	case PenilaiLintasOPD:
		return "Penilai di perangkat daerah lain tanpa keterangan"
	case KepalaKosong:
		return "Jabatan kepala unit yang kosong"
	case KepalaBukanJabatan:
		return "Kepala unit dengan jabatan yang bukan jabatan pimpinan"
	case BawahanTakWajar:
		return "Penilai dengan jumlah bawahan tidak wajar"
	case OPDNonaktif:
		return "Pegawai di perangkat daerah atau unit yang nonaktif"
	case KemungkinanGanda:
		return "Kemungkinan data ganda (nama dan tanggal lahir sama)"
	}
	return string(t)
}

// Akibat says why the finding matters, shown under the title.
func (t Temuan) Akibat() string {
	switch t {
	case TanpaPenilai:
		return "SKP peserta ini tidak dapat diajukan dan tidak ada yang menilainya."
	case PenilaiBukanPeserta, PenilaiNonaktif:
		return "Penilai ini tidak dapat menyetujui SKP atau menetapkan penilaian."
	case PenilaiLintasOPD:
		return "Penilai dari perangkat daerah lain hanya wajar dengan keterangan (misalnya penugasan)."
	case KepalaKosong:
		return "Atasan bawaan pegawai unit ini melompat ke unit di atasnya."
	case KepalaBukanJabatan:
		return "Kepala unit menduduki jabatan struktural (JPT, Administrator, Pengawas) atau fungsional dengan tugas tambahan, bukan pelaksana."
	case BawahanTakWajar:
		return "Jumlah bawahan langsung yang sangat besar biasanya berarti atasan pegawai salah."
	case OPDNonaktif:
		return "Pegawai ini tidak muncul di laporan perangkat daerah yang aktif."
	case KemungkinanGanda:
		return "Satu orang dengan dua NIP membuat dua SKP dan dua penilaian."
	}
	return ""
}

// DefaultMaxBawahan is the number of direct subordinates above which a penilai is
// listed, unless the configuration sets another.
const DefaultMaxBawahan = 30

// LintasOPDWajar reports whether a penilai in another OPD needs no fixing: the head
// of an OPD is rated above the OPD, and any other participant needs a written reason
// (the participant's keterangan).
func LintasOPDWajar(kepalaOPD bool, keterangan string) bool {
	return kepalaOPD || strings.TrimSpace(keterangan) != ""
}

// JabatanKepala reports whether a jenis jabatan may head a unit: a structural
// position (JPT, Administrator, Pengawas), or a fungsional with an additional duty
// (tugas tambahan) such as a kepala sekolah or kepala puskesmas. A pelaksana never
// heads a unit.
func JabatanKepala(jenis string) bool {
	return jenis == JPTPratama || jenis == Administrator || jenis == Pengawas || jenis == Fungsional
}

// BawahanTakWajarAt reports whether n direct subordinates are more than max.
func BawahanTakWajarAt(n, max int) bool { return max > 0 && n > max }
