package view

// KinerjaPage is a pegawai's Riwayat Kinerja: one row per period.
type KinerjaPage struct {
	Nama, NIP   string
	ProfilHref  string
	Self        bool
	Rows        []KinerjaRow
	Tersembunyi int // periods the viewer may not read (another penilai, another OPD)
}

// KinerjaRow is one period of the riwayat.
type KinerjaRow struct {
	Tahun         int
	Fase          string
	Aktif         bool
	Jabatan, Unit string
	Penilai       string
	SKP, SKPHref  string
	Predikat      string
	Rincian       string
	PenilaianHref string
	Berkala       []string
	Dokumen       []Link
	Keberatan     []Link
}

// Link is a labelled link.
type Link struct{ Label, Href string }
