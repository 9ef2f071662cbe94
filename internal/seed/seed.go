// Package seed generates the demo pemda "Pemerintah Kota Kotalama": OPDs with unit
// trees, a jabatan hierarchy and pegawai with valid NIPs and a consistent atasan chain.
// The same n and seed always give the same dataset.
package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"kinerja/internal/org"
)

// DemoPassword is the password of every demo account.
const DemoPassword = "kinerja2026"

// DefaultSeed is the fixed random seed of the demo data.
const DefaultSeed = 20261122

// Dataset is a whole generated organisation; ids are assigned here so that one COPY
// per table loads it.
type Dataset struct {
	InstansiNama  string
	InstansiJenis string
	IbuKota       string
	OPDs          []OPD
	Units         []Unit
	Jabatan       []Jabatan
	Pegawai       []Pegawai
	AdminIDs      []int64 // pegawai ids whose accounts are Admin BKD
}

type OPD struct {
	ID                    int64
	Kode, Nama, Singkatan string
}

type Unit struct {
	ID, OPDID, ParentID int64 // ParentID 0: the OPD's root unit
	Nama                string
}

type Jabatan struct {
	ID, UnitID  int64
	Nama, Jenis string
	Kepala      bool
}

type Pegawai struct {
	ID                              int64
	NIP                             string
	Nama, GelarDepan, GelarBelakang string
	JenisASN                        org.JenisASN
	JenisKelamin                    string
	TempatLahir                     string
	TanggalLahir                    time.Time
	PangkatID                       int16
	JabatanID, UnitID               int64
	AtasanID                        int64 // 0: none
}

// Login is a demo account worth printing.
type Login struct {
	Peran string // role as shown to people
	NIP   string
	Nama  string
}

type gen struct {
	r        *rand.Rand
	ds       *Dataset
	nips     map[string]int
	unitKind map[int64]string // leaf kind: "kantor", "sekolah", "puskesmas", "kelurahan"
	unitOPD  map[int64]string // OPD kode per unit
	heads    map[int64]int64  // unit id → head pegawai id
	parent   map[int64]int64
	jabByKey map[string]int64
	leaves   []int64
}

type bidangTpl struct {
	nama   string
	jenis  string   // head's jenis
	kepala string   // head's jabatan; "" → "Kepala " + nama
	sub    []string // child units, each with a Pengawas head "Kepala " + name
}

type opdTpl struct {
	kode, nama, singkatan string
	kepala, jenisKepala   string
	bidang                []bidangTpl
}

func sekretariat(subs ...string) bidangTpl {
	if len(subs) == 0 {
		subs = []string{"Subbagian Umum dan Kepegawaian", "Subbagian Keuangan", "Subbagian Perencanaan"}
	}
	return bidangTpl{nama: "Sekretariat", jenis: org.Administrator, kepala: "Sekretaris", sub: subs}
}

func bidang(nama string, sub ...string) bidangTpl {
	return bidangTpl{nama: nama, jenis: org.Administrator, sub: sub}
}

var opdTemplates = []opdTpl{
	{"1.01", "Sekretariat Daerah", "Setda", "Sekretaris Daerah", org.JPTPratama, []bidangTpl{
		{nama: "Asisten Pemerintahan dan Kesejahteraan Rakyat", jenis: org.JPTPratama, kepala: "Asisten Pemerintahan dan Kesejahteraan Rakyat",
			sub: []string{"Bagian Pemerintahan", "Bagian Hukum", "Bagian Kesejahteraan Rakyat"}},
		{nama: "Asisten Perekonomian dan Pembangunan", jenis: org.JPTPratama, kepala: "Asisten Perekonomian dan Pembangunan",
			sub: []string{"Bagian Perekonomian", "Bagian Pengadaan Barang dan Jasa", "Bagian Administrasi Pembangunan"}},
		{nama: "Asisten Administrasi Umum", jenis: org.JPTPratama, kepala: "Asisten Administrasi Umum",
			sub: []string{"Bagian Umum", "Bagian Organisasi", "Bagian Protokol dan Komunikasi Pimpinan"}},
	}},
	{"1.02", "Dinas Pendidikan", "Disdik", "Kepala Dinas Pendidikan", org.JPTPratama, []bidangTpl{
		sekretariat(),
		bidang("Bidang Pembinaan PAUD dan Pendidikan Nonformal", "Seksi Kurikulum PAUD", "Seksi Kelembagaan PAUD"),
		bidang("Bidang Pembinaan Sekolah Dasar", "Seksi Kurikulum SD", "Seksi Sarana Prasarana SD"),
		bidang("Bidang Pembinaan Sekolah Menengah Pertama", "Seksi Kurikulum SMP", "Seksi Sarana Prasarana SMP"),
		bidang("Bidang Pendidik dan Tenaga Kependidikan", "Seksi Pendidik", "Seksi Tenaga Kependidikan"),
	}},
	{"1.03", "Dinas Kesehatan", "Dinkes", "Kepala Dinas Kesehatan", org.JPTPratama, []bidangTpl{
		sekretariat(),
		bidang("Bidang Kesehatan Masyarakat", "Seksi Kesehatan Keluarga dan Gizi", "Seksi Promosi Kesehatan"),
		bidang("Bidang Pencegahan dan Pengendalian Penyakit", "Seksi Surveilans dan Imunisasi", "Seksi Pengendalian Penyakit Menular"),
		bidang("Bidang Pelayanan dan Sumber Daya Kesehatan", "Seksi Pelayanan Kesehatan", "Seksi Kefarmasian dan Alat Kesehatan"),
	}},
	{"1.04", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", org.JPTPratama, []bidangTpl{
		sekretariat("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan dan Perencanaan"),
		bidang("Bidang Pengadaan, Pemberhentian dan Informasi", "Subbidang Pengadaan dan Pemberhentian", "Subbidang Data dan Informasi"),
		bidang("Bidang Mutasi dan Promosi", "Subbidang Mutasi", "Subbidang Promosi dan Jabatan"),
		bidang("Bidang Pengembangan Kompetensi Aparatur", "Subbidang Diklat Struktural", "Subbidang Diklat Teknis dan Fungsional"),
		bidang("Bidang Penilaian Kinerja Aparatur dan Penghargaan", "Subbidang Penilaian Kinerja", "Subbidang Penghargaan dan Disiplin"),
	}},
	{"1.05", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR", "Kepala Dinas Pekerjaan Umum dan Penataan Ruang", org.JPTPratama, []bidangTpl{
		sekretariat(),
		bidang("Bidang Bina Marga", "Seksi Pembangunan Jalan dan Jembatan", "Seksi Pemeliharaan Jalan dan Jembatan"),
		bidang("Bidang Sumber Daya Air", "Seksi Irigasi", "Seksi Drainase"),
		bidang("Bidang Cipta Karya", "Seksi Bangunan Gedung", "Seksi Air Minum dan Sanitasi"),
		bidang("Bidang Penataan Ruang", "Seksi Perencanaan Tata Ruang", "Seksi Pengendalian Pemanfaatan Ruang"),
	}},
	{"1.06", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "Kepala Dinas Kependudukan dan Pencatatan Sipil", org.JPTPratama, []bidangTpl{
		sekretariat(),
		bidang("Bidang Pelayanan Pendaftaran Penduduk", "Seksi Identitas Penduduk", "Seksi Pindah Datang Penduduk"),
		bidang("Bidang Pelayanan Pencatatan Sipil", "Seksi Kelahiran dan Kematian", "Seksi Perkawinan dan Perceraian"),
		bidang("Bidang Pengelolaan Informasi Administrasi Kependudukan", "Seksi Sistem Informasi", "Seksi Pengolahan dan Penyajian Data"),
	}},
	{"1.07", "Badan Perencanaan Pembangunan Daerah", "Bappeda", "Kepala Badan Perencanaan Pembangunan Daerah", org.JPTPratama, []bidangTpl{
		sekretariat(),
		bidang("Bidang Pemerintahan dan Pembangunan Manusia", "Subbidang Pemerintahan", "Subbidang Pembangunan Manusia"),
		bidang("Bidang Perekonomian dan Sumber Daya Alam", "Subbidang Perekonomian", "Subbidang Sumber Daya Alam"),
		bidang("Bidang Infrastruktur dan Kewilayahan", "Subbidang Infrastruktur", "Subbidang Kewilayahan"),
	}},
	{"1.08", "Inspektorat", "Inspektorat", "Inspektur", org.JPTPratama, []bidangTpl{
		sekretariat("Subbagian Umum dan Keuangan", "Subbagian Perencanaan dan Evaluasi"),
		{nama: "Inspektur Pembantu Wilayah I", jenis: org.Administrator, kepala: "Inspektur Pembantu Wilayah I"},
		{nama: "Inspektur Pembantu Wilayah II", jenis: org.Administrator, kepala: "Inspektur Pembantu Wilayah II"},
		{nama: "Inspektur Pembantu Wilayah III", jenis: org.Administrator, kepala: "Inspektur Pembantu Wilayah III"},
	}},
	kecamatan("2.01", "Kotalama Utara"),
	kecamatan("2.02", "Kotalama Selatan"),
	kecamatan("2.03", "Pesisir"),
}

// extraKecamatan are added for large datasets, so that a kecamatan holds about 2,000
// pegawai (a province-sized benchmark has one kecamatan per 8,000 pegawai).
var extraKecamatan = []string{"Kotalama Timur", "Kotalama Barat", "Bukit Raya", "Sungai Pinang", "Tanjung Harapan", "Muara Baru", "Padang Hijau",
	"Lembah Sari", "Tepian Raya"}

func kecamatan(kode, nama string) opdTpl {
	return opdTpl{kode, "Kecamatan " + nama, "Kec. " + nama, "Camat " + nama, org.Administrator, []bidangTpl{
		{nama: "Sekretariat Kecamatan", jenis: org.Pengawas, kepala: "Sekretaris Camat"},
		{nama: "Seksi Pemerintahan", jenis: org.Pengawas},
		{nama: "Seksi Ketenteraman dan Ketertiban Umum", jenis: org.Pengawas},
		{nama: "Seksi Pemberdayaan Masyarakat", jenis: org.Pengawas},
	}}
}

// Generate builds a dataset of exactly n pegawai. n must be at least MinPegawai.
func Generate(n int, seed uint64) (*Dataset, error) {
	if n < MinPegawai {
		return nil, fmt.Errorf("seed: at least %d pegawai are needed for the organisation, got %d", MinPegawai, n)
	}
	g := &gen{
		r:        rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		ds:       &Dataset{InstansiNama: "Pemerintah Kota Kotalama", InstansiJenis: "kota", IbuKota: "Kotalama"},
		nips:     map[string]int{},
		unitKind: map[int64]string{},
		unitOPD:  map[int64]string{},
		heads:    map[int64]int64{},
		parent:   map[int64]int64{},
		jabByKey: map[string]int64{},
	}
	g.structure(n)
	// Satuan (schools, puskesmas, kelurahan) scale with n: about 25 pegawai each.
	satuan := (n - len(g.ds.Pegawai)) / 26
	if satuan < 8 {
		satuan = 8
	}
	g.satuan(satuan)
	if len(g.ds.Pegawai) > n {
		return nil, fmt.Errorf("seed: the structure needs %d heads, more than %d pegawai", len(g.ds.Pegawai), n)
	}
	g.staff(n - len(g.ds.Pegawai))
	g.pickLogins()
	return g.ds, nil
}

// MinPegawai is the smallest dataset: the fixed structure's heads plus a few staff.
const MinPegawai = 200

func (g *gen) addUnit(opdID, parentID int64, nama, opdKode string) int64 {
	id := int64(len(g.ds.Units) + 1)
	g.ds.Units = append(g.ds.Units, Unit{ID: id, OPDID: opdID, ParentID: parentID, Nama: nama})
	g.unitOPD[id] = opdKode
	g.parent[id] = parentID
	return id
}

func (g *gen) jabatan(unitID int64, nama, jenis string, kepala bool) int64 {
	key := fmt.Sprintf("%d|%s", unitID, nama)
	if id, ok := g.jabByKey[key]; ok {
		return id
	}
	id := int64(len(g.ds.Jabatan) + 1)
	g.ds.Jabatan = append(g.ds.Jabatan, Jabatan{ID: id, UnitID: unitID, Nama: nama, Jenis: jenis, Kepala: kepala})
	g.jabByKey[key] = id
	return id
}

// head fills the head position of a unit; its atasan is the head of the parent unit
// or, for an OPD's root unit, the Sekretaris Daerah.
func (g *gen) head(unitID int64, nama, jenis string) {
	jid := g.jabatan(unitID, nama, jenis, true)
	var atasan int64
	if p := g.parent[unitID]; p != 0 {
		atasan = g.heads[p]
	} else if len(g.ds.Pegawai) > 0 {
		atasan = 1 // the Sekretaris Daerah is the first pegawai
	}
	kind := "struktural"
	if jenis == org.Fungsional {
		kind = "guru"
	}
	id := g.person(jid, unitID, atasan, jenis, kind, org.PNS)
	g.heads[unitID] = id
}

func (g *gen) structure(n int) {
	templates := append([]opdTpl(nil), opdTemplates...)
	for i := 0; i < n/8000-3 && i < len(extraKecamatan); i++ {
		templates = append(templates, kecamatan(fmt.Sprintf("2.%02d", 4+i), extraKecamatan[i]))
	}
	for i, t := range templates {
		opdID := int64(i + 1)
		g.ds.OPDs = append(g.ds.OPDs, OPD{ID: opdID, Kode: t.kode, Nama: t.nama, Singkatan: t.singkatan})
		root := g.addUnit(opdID, 0, t.nama, t.kode)
		g.head(root, t.kepala, t.jenisKepala)
		for _, b := range t.bidang {
			bu := g.addUnit(opdID, root, b.nama, t.kode)
			k := b.kepala
			if k == "" {
				k = "Kepala " + b.nama
			}
			g.head(bu, k, b.jenis)
			if len(b.sub) == 0 {
				g.leaf(bu, "kantor")
			}
			for _, s := range b.sub {
				su := g.addUnit(opdID, bu, s, t.kode)
				jenis := org.Pengawas
				if t.kode == "1.01" {
					jenis = org.Administrator // Kepala Bagian
				}
				g.head(su, "Kepala "+s, jenis)
				g.leaf(su, "kantor")
			}
		}
	}
}

func (g *gen) leaf(unitID int64, kind string) {
	g.unitKind[unitID] = kind
	g.leaves = append(g.leaves, unitID)
}

func (g *gen) unitByName(opdKode, nama string) int64 {
	for _, u := range g.ds.Units {
		if u.Nama == nama && g.unitOPD[u.ID] == opdKode {
			return u.ID
		}
	}
	panic("seed: no unit " + nama)
}

// satuan adds n schools, puskesmas and kelurahan under their bidang or kecamatan.
func (g *gen) satuan(n int) {
	sd := g.unitByName("1.02", "Bidang Pembinaan Sekolah Dasar")
	smp := g.unitByName("1.02", "Bidang Pembinaan Sekolah Menengah Pertama")
	pkm := g.unitByName("1.03", "Bidang Pelayanan dan Sumber Daya Kesehatan")
	var kec []int64
	for _, u := range g.ds.Units {
		if u.ParentID == 0 && strings.HasPrefix(u.Nama, "Kecamatan ") {
			kec = append(kec, u.ID)
		}
	}
	var nSD, nSMP, nPKM, nKel int
	for i := 0; i < n; i++ {
		switch i % 20 {
		case 0, 2, 4, 6, 8, 10, 12, 14, 16: // 45% SD
			nSD++
			u := g.addUnit(g.ds.Units[sd-1].OPDID, sd, fmt.Sprintf("SD Negeri %d Kotalama", nSD), "1.02")
			g.head(u, "Kepala Sekolah", org.Fungsional)
			g.leaf(u, "sekolah")
		case 1, 5, 9: // 15% SMP
			nSMP++
			u := g.addUnit(g.ds.Units[smp-1].OPDID, smp, fmt.Sprintf("SMP Negeri %d Kotalama", nSMP), "1.02")
			g.head(u, "Kepala Sekolah", org.Fungsional)
			g.leaf(u, "sekolah")
		case 3, 7, 11: // 15% puskesmas
			nPKM++
			nama := "UPTD Puskesmas " + numbered(puskesmasNames, nPKM)
			u := g.addUnit(g.ds.Units[pkm-1].OPDID, pkm, nama, "1.03")
			g.head(u, "Kepala "+nama, org.Administrator)
			g.leaf(u, "puskesmas")
		default: // 25% kelurahan
			nKel++
			k := kec[nKel%len(kec)]
			var opd OPD
			for _, o := range g.ds.OPDs {
				if o.ID == g.ds.Units[k-1].OPDID {
					opd = o
				}
			}
			nama := "Kelurahan " + numbered(kelurahanNames, nKel)
			u := g.addUnit(opd.ID, k, nama, opd.Kode)
			g.head(u, "Lurah "+nama[len("Kelurahan "):], org.Pengawas)
			g.leaf(u, "kelurahan")
		}
	}
}

// numbered returns names[i-1], then "name II", "name III"… once the list runs out.
func numbered(names []string, i int) string {
	base := names[(i-1)%len(names)]
	round := (i - 1) / len(names)
	if round == 0 {
		return base
	}
	return fmt.Sprintf("%s %d", base, round+1)
}

type staffJob struct {
	nama, jenis, kind string
}

var officeJobs = []staffJob{
	{"Pengadministrasi Perkantoran", org.Pelaksana, "pelaksana"},
	{"Pengolah Data dan Informasi", org.Pelaksana, "pelaksana"},
	{"Penata Layanan Operasional", org.Pelaksana, "pelaksana"},
	{"Analis Kebijakan Ahli Muda", org.Fungsional, "fungsional"},
	{"Pranata Komputer Ahli Pertama", org.Fungsional, "fungsional"},
	{"Perencana Ahli Pertama", org.Fungsional, "fungsional"},
	{"Arsiparis Terampil", org.Fungsional, "fungsional"},
}

var opdJobs = map[string][]staffJob{
	"1.04": {{"Analis Sumber Daya Manusia Aparatur Ahli Pertama", org.Fungsional, "fungsional"}, {"Analis Sumber Daya Manusia Aparatur Ahli Muda", org.Fungsional, "fungsional"}},
	"1.05": {{"Teknik Jalan dan Jembatan Ahli Pertama", org.Fungsional, "fungsional"}, {"Teknik Pengairan Ahli Pertama", org.Fungsional, "fungsional"}},
	"1.06": {{"Administrator Database Kependudukan Ahli Pertama", org.Fungsional, "fungsional"}},
	"1.08": {{"Auditor Ahli Pertama", org.Fungsional, "fungsional"}, {"Auditor Ahli Muda", org.Fungsional, "fungsional"}},
}

var kindJobs = map[string][]staffJob{
	"sekolah": {{"Guru Ahli Pertama", org.Fungsional, "guru"}, {"Guru Ahli Muda", org.Fungsional, "guru"}, {"Guru Ahli Madya", org.Fungsional, "guru"},
		{"Pengelola Layanan Operasional", org.Pelaksana, "pelaksana"}},
	"puskesmas": {{"Dokter Ahli Pertama", org.Fungsional, "dokter"}, {"Perawat Terampil", org.Fungsional, "perawat"}, {"Perawat Ahli Pertama", org.Fungsional, "perawat"},
		{"Bidan Terampil", org.Fungsional, "bidan"}, {"Apoteker Ahli Pertama", org.Fungsional, "fungsional"}, {"Pengadministrasi Perkantoran", org.Pelaksana, "pelaksana"}},
	"kelurahan": {{"Pengadministrasi Perkantoran", org.Pelaksana, "pelaksana"}, {"Penata Layanan Operasional", org.Pelaksana, "pelaksana"},
		{"Pengelola Umum Operasional", org.Pelaksana, "pelaksana"}},
}

// staff spreads n pegawai over the leaf units round-robin; each reports to the head of its unit.
func (g *gen) staff(n int) {
	for i := 0; i < n; i++ {
		u := g.leaves[i%len(g.leaves)]
		kind := g.unitKind[u]
		jobs := kindJobs[kind]
		if kind == "kantor" {
			jobs = append(append([]staffJob{}, officeJobs...), opdJobs[g.unitOPD[u]]...)
		}
		j := jobs[g.r.IntN(len(jobs))]
		jid := g.jabatan(u, j.nama, j.jenis, false)
		jenisASN := org.PNS
		if g.r.IntN(100) < 12 {
			jenisASN = org.PPPK
		}
		g.person(jid, u, g.heads[u], j.jenis, j.kind, jenisASN)
	}
}

// person creates one pegawai with a NIP consistent with birth date and gender.
func (g *gen) person(jabatanID, unitID, atasanID int64, jenis, kind string, jenisASN org.JenisASN) int64 {
	r := g.r
	jk := "L"
	if r.IntN(2) == 1 {
		jk = "P"
	}
	var nama string
	if jk == "L" {
		nama = namaDepanL[r.IntN(len(namaDepanL))] + " " + namaBelakang[r.IntN(len(namaBelakang))]
	} else {
		last := namaBelakang
		if r.IntN(3) == 0 {
			last = namaBelakangP
		}
		nama = namaDepanP[r.IntN(len(namaDepanP))] + " " + last[r.IntN(len(last))]
	}
	lo, hi := 1970, 2000
	switch jenis {
	case org.JPTPratama:
		lo, hi = 1967, 1976
	case org.Administrator:
		lo, hi = 1969, 1982
	case org.Pengawas:
		lo, hi = 1974, 1990
	}
	born := time.Date(lo+r.IntN(hi-lo+1), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	var tmt string
	if jenisASN == org.PPPK {
		tmt = fmt.Sprintf("%04d21", 2019+r.IntN(6))
	} else {
		y := born.Year() + 23 + r.IntN(6)
		if y > 2024 {
			y = 2024
		}
		tmt = fmt.Sprintf("%04d%02d", y, 1+r.IntN(12))
	}
	gender := "1"
	if jk == "P" {
		gender = "2"
	}
	prefix := born.Format("20060102") + tmt + gender
	g.nips[prefix]++
	nip := fmt.Sprintf("%s%03d", prefix, g.nips[prefix])

	gd, gb := "", ""
	switch kind {
	case "struktural":
		gb = gelarStruktural[r.IntN(len(gelarStruktural))]
		if jenis == org.JPTPratama && r.IntN(3) == 0 {
			gd = "Dr."
		}
	case "guru":
		gb = gelarGuru[r.IntN(len(gelarGuru))]
	case "dokter":
		gd = "dr."
	case "perawat":
		gb = []string{"S.Kep., Ners", "A.Md.Kep."}[r.IntN(2)]
	case "bidan":
		gb = "A.Md.Keb."
	case "fungsional":
		gb = gelarFungsional[r.IntN(len(gelarFungsional))]
	default:
		gb = gelarPelaksana[r.IntN(len(gelarPelaksana))]
	}

	id := int64(len(g.ds.Pegawai) + 1)
	g.ds.Pegawai = append(g.ds.Pegawai, Pegawai{
		ID: id, NIP: nip, Nama: nama, GelarDepan: gd, GelarBelakang: gb,
		JenisASN: jenisASN, JenisKelamin: jk, TempatLahir: tempatLahir[r.IntN(len(tempatLahir))], TanggalLahir: born,
		PangkatID: g.pangkat(jenis, jenisASN, id == 1), JabatanID: jabatanID, UnitID: unitID, AtasanID: atasanID,
	})
	return id
}

// pangkat picks a golongan that fits the jenis jabatan (ids as in the migration).
func (g *gen) pangkat(jenis string, jenisASN org.JenisASN, sekda bool) int16 {
	pick := func(lo, hi int16) int16 { return lo + int16(g.r.IntN(int(hi-lo+1))) }
	if jenisASN == org.PPPK {
		if jenis == org.Fungsional {
			return pick(109, 111) // IX–XI
		}
		return pick(105, 107) // V–VII
	}
	switch {
	case sekda:
		return 16 // IV/d
	case jenis == org.JPTPratama:
		return pick(15, 16) // IV/c–IV/d
	case jenis == org.Administrator:
		return pick(13, 14) // IV/a–IV/b
	case jenis == org.Pengawas:
		return pick(11, 12) // III/c–III/d
	case jenis == org.Fungsional:
		return pick(9, 13) // III/a–IV/a
	}
	return pick(5, 10) // II/a–III/b
}

// pickLogins marks the Admin BKD (DemoLogins chooses the accounts to print).
func (g *gen) pickLogins() {
	ds := g.ds
	find := func(pred func(p Pegawai) bool) *Pegawai {
		for i := range ds.Pegawai {
			if pred(ds.Pegawai[i]) {
				return &ds.Pegawai[i]
			}
		}
		return nil
	}
	bkpsdm := g.unitByName("1.04", "Subbidang Penilaian Kinerja")
	admin := find(func(p Pegawai) bool { return p.UnitID == bkpsdm && g.heads[bkpsdm] != p.ID })
	if admin == nil {
		admin = &ds.Pegawai[g.heads[bkpsdm]-1]
	}
	ds.AdminIDs = []int64{admin.ID}
}
