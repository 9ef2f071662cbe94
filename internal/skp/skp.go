package skp

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"kinerja/internal/angka"
	"kinerja/internal/apperr"
	"kinerja/internal/periode"
)

// Status of an SKP version.
type Status string

const (
	Draft        Status = "draft"
	Diajukan     Status = "diajukan"
	Disetujui    Status = "disetujui"
	Dikembalikan Status = "dikembalikan"
)

// Label is the status as shown.
func (s Status) Label() string {
	switch s {
	case Draft:
		return "Draf"
	case Diajukan:
		return "Diajukan"
	case Disetujui:
		return "Disetujui"
	case Dikembalikan:
		return "Dikembalikan"
	}
	return string(s)
}

// Editable says whether the pegawai may change the plan in this status.
func (s Status) Editable() bool { return s == Draft || s == Dikembalikan }

// InForce says a plan version is the one the year is recorded on: the latest
// version, approved. Realisasi, bukti, umpan balik, penilaian diri and ratings go on
// it only; an older version or one under perubahan is read-only history.
func InForce(s Status, latest bool) bool { return latest && s == Disetujui }

// CheckInForce refuses activity a on a plan version that is not in force, saying
// what is recorded on which plan.
func CheckInForce(s Status, latest bool, a periode.Activity) error {
	if InForce(s, latest) {
		return nil
	}
	switch a {
	case periode.Rate, periode.Publish:
		return apperr.New(apperr.Conflict, "Penilaian diberikan pada SKP terakhir yang sudah disetujui.")
	case periode.SelfAssess:
		return apperr.New(apperr.Conflict, "Penilaian diri diisi pada SKP terakhir yang sudah disetujui.")
	}
	return apperr.New(apperr.Conflict, "Realisasi dicatat pada SKP terakhir yang sudah disetujui.")
}

// CheckPenugasanBerjalan refuses a change to a plan of a penugasan that ended with a
// mutasi: it is history, kept with its realisasi and ratings.
func CheckPenugasanBerjalan(berakhir bool) error {
	if berakhir {
		return apperr.New(apperr.Conflict, "SKP ini milik penugasan yang sudah berakhir karena mutasi; rencananya tidak dapat diubah lagi. Buka SKP penugasan saat ini.")
	}
	return nil
}

// CheckPenugasan refuses activity a at checkin on a plan whose penugasan is not
// reported on or rated then (periode.Penugasan.Menilai), saying where it belongs.
func CheckPenugasan(g periode.Penugasan, a periode.Activity, checkin int) error {
	if g.Menilai(checkin) {
		return nil
	}
	if checkin == periode.Year {
		return apperr.New(apperr.Conflict, "Penilaian dan realisasi tahunan dicatat pada SKP penugasan terakhir (sesudah mutasi).")
	}
	return apperr.New(apperr.Conflict, "Check-in ini tidak termasuk masa penugasan SKP ini (%s); catat pada SKP penugasan yang berlaku saat itu.", g.Masa())
}

// CheckSubmit allows submitting a draft or returned plan.
func CheckSubmit(s Status) error {
	if !s.Editable() {
		return apperr.New(apperr.Conflict, "SKP berstatus %s tidak dapat diajukan.", s.Label())
	}
	return nil
}

// CheckDecide allows the penilai to approve or return a submitted plan. A return
// needs a note.
func CheckDecide(s Status, approve bool, note string) (string, error) {
	if s != Diajukan {
		return "", apperr.New(apperr.Conflict, "SKP berstatus %s; hanya SKP yang diajukan yang dapat disetujui atau dikembalikan.", s.Label())
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > MaxCatatan {
		return "", apperr.Validation(map[string]string{"catatan": "Catatan paling banyak " + angka.Bulat(MaxCatatan) + " karakter."})
	}
	if !approve && utf8.RuneCountInString(note) < 5 {
		return "", apperr.Validation(map[string]string{"catatan": "Tuliskan catatan: apa yang perlu diperbaiki."})
	}
	return note, nil
}

// Nilai is one BerAKHLAK core value with its fixed indicators (PermenPANRB 6/2022).
type Nilai struct {
	No        int
	Nama      string
	Indikator []string
}

// BerAKHLAK are the seven core values of ASN.
var BerAKHLAK = []Nilai{
	{1, "Berorientasi Pelayanan", []string{"Memahami dan memenuhi kebutuhan masyarakat", "Ramah, cekatan, solutif, dan dapat diandalkan", "Melakukan perbaikan tiada henti"}},
	{2, "Akuntabel", []string{"Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
		"Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien", "Tidak menyalahgunakan kewenangan jabatan"}},
	{3, "Kompeten", []string{"Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah", "Membantu orang lain belajar", "Melaksanakan tugas dengan kualitas terbaik"}},
	{4, "Harmonis", []string{"Menghargai setiap orang apa pun latar belakangnya", "Suka menolong orang lain", "Membangun lingkungan kerja yang kondusif"}},
	{5, "Loyal", []string{"Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada NKRI serta pemerintahan yang sah",
		"Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara", "Menjaga rahasia jabatan dan negara"}},
	{6, "Adaptif", []string{"Cepat menyesuaikan diri menghadapi perubahan", "Terus berinovasi dan mengembangkan kreativitas", "Bertindak proaktif"}},
	{7, "Kolaboratif", []string{"Memberi kesempatan kepada berbagai pihak untuk berkontribusi", "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
		"Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"}},
}

// Perspektif groups the RHK of a JPT's SKP.
var Perspektif = []struct{ Kode, Label string }{
	{"penerima_layanan", "Perspektif Penerima Layanan"},
	{"proses_bisnis", "Perspektif Proses Bisnis"},
	{"penguatan_internal", "Perspektif Penguatan Internal"},
	{"anggaran", "Perspektif Anggaran"},
}

// PerspektifLabel names a perspektif code.
func PerspektifLabel(k string) string {
	for _, p := range Perspektif {
		if p.Kode == k {
			return p.Label
		}
	}
	return ""
}

// Aspek of an indicator, for non-JPT SKP.
var Aspek = []struct{ Kode, Label string }{{"kuantitas", "Kuantitas"}, {"kualitas", "Kualitas"}, {"waktu", "Waktu"}, {"biaya", "Biaya"}}

// AspekLabel names an aspek code.
func AspekLabel(k string) string {
	for _, a := range Aspek {
		if a.Kode == k {
			return a.Label
		}
	}
	return ""
}

// RHKInput is an RHK as typed.
type RHKInput struct {
	Jenis       string // utama, tambahan
	Uraian      string
	AtasanKunci string // key of the penilai's RHK it supports
	Penugasan   string // for the head of an OPD: "penugasan dari"
	Perspektif  string // for JPT
}

// CheckRHK validates an RHK. jpt says the SKP is a JPT's (perspektif instead of aspek);
// free says the pegawai heads an OPD and names a penugasan instead of an atasan RHK;
// known reports whether a key is one of the penilai's RHK.
func CheckRHK(in RHKInput, jpt, free bool, known func(int64) bool) (RHK, map[string]string) {
	errs := map[string]string{}
	r := RHK{Jenis: in.Jenis, Uraian: strings.TrimSpace(in.Uraian), Penugasan: strings.TrimSpace(in.Penugasan), Perspektif: in.Perspektif}
	if r.Jenis != "utama" && r.Jenis != "tambahan" {
		errs["jenis"] = "Pilih RHK Utama atau Tambahan."
	}
	switch n := utf8.RuneCountInString(r.Uraian); {
	case n == 0:
		errs["uraian"] = "Uraian RHK wajib diisi."
	case n < 5:
		errs["uraian"] = "Uraian RHK terlalu pendek."
	case n > MaxUraian:
		errs["uraian"] = "Uraian RHK paling banyak " + angka.Bulat(MaxUraian) + " karakter."
	}
	if jpt {
		if PerspektifLabel(r.Perspektif) == "" {
			errs["perspektif"] = "Pilih perspektif."
		}
	} else {
		r.Perspektif = ""
	}
	if free {
		if utf8.RuneCountInString(r.Penugasan) > MaxPenugasan {
			errs["penugasan"] = "Penugasan paling banyak " + angka.Bulat(MaxPenugasan) + " karakter."
		}
	} else {
		r.Penugasan = ""
		if strings.TrimSpace(in.AtasanKunci) != "" {
			k, err := strconv.ParseInt(in.AtasanKunci, 10, 64)
			if err != nil || !known(k) {
				errs["atasan"] = "Pilih RHK atasan dari SKP penilai Anda."
			} else {
				r.AtasanKunci = k
			}
		}
	}
	return r, errs
}

// IKIInput is an indicator as typed.
type IKIInput struct {
	Indikator  string
	Aspek      string
	Target     string // a number, Indonesian or plain format
	Satuan     string
	TargetTeks string // for qualitative targets
}

var thousands = regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)

// ParseAngka reads "1.204", "12,5", "12.5" or "1.204,75".
func ParseAngka(s string) (float64, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, " ", ""))
	if s == "" {
		return 0, false
	}
	switch {
	case strings.Contains(s, ","):
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case thousands.MatchString(s):
		s = strings.ReplaceAll(s, ".", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// CheckIKI validates an indicator; aspek is required unless jpt.
func CheckIKI(in IKIInput, jpt bool) (IKI, map[string]string) {
	errs := map[string]string{}
	k := IKI{Indikator: strings.TrimSpace(in.Indikator), Aspek: in.Aspek, Satuan: strings.TrimSpace(in.Satuan), TargetTeks: strings.TrimSpace(in.TargetTeks)}
	switch n := utf8.RuneCountInString(k.Indikator); {
	case n == 0:
		errs["indikator"] = "Indikator wajib diisi."
	case n < 5:
		errs["indikator"] = "Indikator terlalu pendek."
	case n > MaxUraian:
		errs["indikator"] = "Indikator paling banyak " + angka.Bulat(MaxUraian) + " karakter."
	}
	if AspekLabel(k.Aspek) == "" {
		if jpt && k.Aspek == "" {
			k.Aspek = ""
		} else {
			errs["aspek"] = "Pilih aspek: Kuantitas, Kualitas, Waktu atau Biaya."
		}
	}
	if strings.TrimSpace(in.Target) != "" {
		f, ok := ParseAngka(in.Target)
		switch {
		case !ok:
			errs["target"] = "Target harus angka, mis. 12 atau 12,5."
		case f <= 0:
			errs["target"] = "Target harus lebih besar dari 0."
		case f >= 1e15:
			errs["target"] = "Target terlalu besar."
		default:
			f = math.Round(f*100) / 100
			k.Target = &f
		}
		if k.Satuan == "" {
			errs["satuan"] = "Satuan wajib diisi untuk target angka, mis. dokumen, persen, hari."
		}
	} else if k.TargetTeks == "" {
		errs["target"] = "Isi target angka dengan satuannya, atau target kualitatif."
	}
	if utf8.RuneCountInString(k.Satuan) > MaxSatuan {
		errs["satuan"] = "Satuan paling banyak " + angka.Bulat(MaxSatuan) + " karakter."
	}
	if utf8.RuneCountInString(k.TargetTeks) > MaxTargetTeks {
		errs["target_teks"] = "Target kualitatif paling banyak " + angka.Bulat(MaxTargetTeks) + " karakter."
	}
	return k, errs
}

// Plan is what the submission check needs to know about an SKP.
type Plan struct {
	Free bool // the pegawai heads an OPD: RHK name a penugasan, not an atasan RHK
	JPT  bool
	RHK  []PlanRHK
}

// PlanRHK is one RHK with its indicator count.
type PlanRHK struct {
	No         int
	Jenis      string
	Uraian     string
	Linked     bool // supports an atasan RHK (or names a penugasan)
	Perspektif string
	IKI        int
}

// Missing lists everything a plan lacks before it can be submitted, in order.
func Missing(p Plan) []string {
	var out []string
	utama := 0
	for _, r := range p.RHK {
		if r.Jenis == "utama" {
			utama++
		}
		label := fmt.Sprintf("RHK %d (%s)", r.No, short(r.Uraian))
		if r.IKI == 0 {
			out = append(out, label+" belum memiliki indikator (IKI).")
		}
		if r.Jenis == "utama" && !r.Linked {
			if p.Free {
				out = append(out, label+" belum menyebut penugasan dari pimpinan.")
			} else {
				out = append(out, label+" belum dikaitkan dengan RHK atasan yang diintervensi.")
			}
		}
		if p.JPT && r.Perspektif == "" {
			out = append(out, label+" belum memiliki perspektif.")
		}
	}
	if utama == 0 {
		out = append([]string{"Belum ada RHK Utama."}, out...)
	}
	return out
}

func short(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

// FieldEkspektasi is the field of the ekspektasi khusus pimpinan for value n.
func FieldEkspektasi(n int) string { return "ekspektasi_" + strconv.Itoa(n) }

// CheckEkspektasi checks the penilai's Ekspektasi Khusus Pimpinan, one text per
// BerAKHLAK value (empty: none), at most 2,000 characters each. They are written
// while the plan is not approved; afterwards only through a perubahan SKP. It returns
// the texts trimmed.
func CheckEkspektasi(s Status, in map[int]string) (map[int]string, error) {
	if s == Disetujui {
		return nil, apperr.New(apperr.Conflict, "SKP sudah disetujui; ekspektasi dapat diubah melalui perubahan SKP.")
	}
	out := make(map[int]string, len(BerAKHLAK))
	for _, v := range BerAKHLAK {
		e := strings.TrimSpace(in[v.No])
		if utf8.RuneCountInString(e) > MaxEkspektasi {
			return nil, apperr.Validation(map[string]string{FieldEkspektasi(v.No): "Paling banyak " + angka.Bulat(MaxEkspektasi) + " karakter."})
		}
		out[v.No] = e
	}
	return out, nil
}

// CheckLampiran validates the three attachment texts.
func CheckLampiran(sumberDaya, skema, konsekuensi string) ([3]string, map[string]string) {
	errs := map[string]string{}
	vals := [3]string{strings.TrimSpace(sumberDaya), strings.TrimSpace(skema), strings.TrimSpace(konsekuensi)}
	for i, f := range []string{"sumber_daya", "skema", "konsekuensi"} {
		if utf8.RuneCountInString(vals[i]) > MaxLampiran {
			errs[f] = "Paling banyak " + angka.Bulat(MaxLampiran) + " karakter."
		}
	}
	return vals, errs
}

// Blank says nothing was typed in an indicator row of the RHK form.
func (in IKIInput) Blank() bool {
	return strings.TrimSpace(in.Indikator+in.Aspek+in.Target+in.Satuan+in.TargetTeks) == ""
}

// MaxIKIBaris is the most indicator rows the RHK form shows at once.
const MaxIKIBaris = 10

// FieldIKIBaris is the form field f (indikator, aspek, target, satuan, target_teks)
// of indicator row n (from 1) of the RHK form.
func FieldIKIBaris(n int, f string) string { return "iki_" + strconv.Itoa(n) + "_" + f }

// CheckIKIBaris checks the indicator rows written with a new RHK: blank rows are
// skipped, every other row is checked as CheckIKI does, its errors under its row's
// fields (FieldIKIBaris).
func CheckIKIBaris(rows []IKIInput, jpt bool) ([]IKI, map[string]string) {
	var out []IKI
	errs := map[string]string{}
	for i, in := range rows {
		if in.Blank() {
			continue
		}
		k, e := CheckIKI(in, jpt)
		for f, m := range e {
			errs[FieldIKIBaris(i+1, f)] = m
		}
		out = append(out, k)
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}
