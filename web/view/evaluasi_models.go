package view

// EvaluasiPrint is the Dokumen Evaluasi Kinerja Pegawai of one pegawai at a check-in.
type EvaluasiPrint struct {
	InlineCSS string
	Instansi  string
	Tahun     int
	Rentang   string
	Masa      string // the plan's penugasan after a mutasi
	Label     string
	// Sebelumnya and Periodik: for the year after a mutasi, the earlier plans with
	// their dates, realisasi and evidence, and who rated each check-in.
	Sebelumnya  []PenugasanLalu
	Periodik    []PeriodikRow
	Pegawai     Identity
	Penilai     *Identity
	OrgPredikat string
	Distribusi  []KurvaRow
	// LingkupSebaran says whose distribution it is: the penilai's unit, or the whole
	// OPD in kalibrasi OPD mode.
	LingkupSebaran string
	RHK            []RatingRHK
	Nilai          []RatingNilai
	HasilKerja     string
	Perilaku       string
	Predikat       string
	Ditetapkan     string
	Tempat         string
	Tanggal        string
}

// UnduhanView is the progress of a ZIP of evaluation documents.
type UnduhanView struct {
	JobID       int64
	Status      string // berjalan, selesai, gagal
	Done, Total int
	Pesan, Nama string
}
