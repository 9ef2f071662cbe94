package view

// SKPPage is one SKP version with what the viewer may do.
type SKPPage struct {
	AuditHref  string       // for the Admin BKD
	Periode    PeriodChoice // for the owner: their SKP of another period
	ID         int64
	Tahun      int
	Versi      int
	Latest     bool
	Status     string
	StatusKode string
	Version    int
	Pegawai    Identity
	Penilai    *Identity
	Owner      bool
	CanEdit    bool
	CanDecide  bool
	CanExpect  bool
	CanRevise  bool
	CanReport  bool // realisasi may be viewed (approved, pelaksanaan or later)
	JPT, Free  bool
	Groups     []RHKGroup
	Perilaku   []PerilakuView
	Lampiran   [3]string
	Missing    []string
	Notes      []NoteView
	Kembali    *NoteView // the penilai's note while the plan is returned
	Versions   []VersionLink
	Message    string
	Errors     map[string]string
	Catatan    string
	Alasan     string // the reason typed for a perubahan SKP
	// Perubahan is what this version changes against the approved version it was made
	// from (DariVersi); shown for versions after the first.
	DariVersi int
	Perubahan []PerubahanRow
	Base      string
	// Masa is the plan's penugasan when the year has more than one (mutasi), with
	// every penugasan's plan; Berakhir says this one ended.
	Masa      string
	Berakhir  bool
	Penugasan []VersionLink
}

// RHKGroup is a titled group of RHK (Utama/Tambahan, or a perspektif for JPT).
type RHKGroup struct {
	Title string
	RHK   []RHKView
}

// RHKView is one RHK with its indicators.
type RHKView struct {
	No                               int
	Uraian, Atasan, Penugasan        string
	AtasanDraf                       bool     // the supported RHK's plan is not approved yet
	Pendukung                        []string // subordinates whose plans support it: "Nama (SKP disetujui)"
	Draf                             bool     // this plan is not approved: the support is marked
	IKI                              []IKIView
	EditHref, DeleteHref, AddIKIHref string
}

// IKIView is one indicator.
type IKIView struct {
	Indikator, Aspek, Target string
	EditHref, DeleteHref     string
}

// PerilakuView is one BerAKHLAK value with the penilai's expectation.
type PerilakuView struct {
	No         int
	Nama       string
	Indikator  []string
	Ekspektasi string
}

// NoteView is one step of an SKP's history.
type NoteView struct {
	Waktu, Oleh, Aksi, Catatan string
}

// VersionLink links one SKP version.
type VersionLink struct {
	Label, Href string
	Current     bool
}

// SKPEmpty is SKP Saya before a plan exists.
type SKPEmpty struct {
	Periode PeriodChoice
	Tahun   int
	Fase    string
	CanMake bool
	Message string
	Reason  string
}

// SKPQueue is the penilai's SKP Bawahan.
type SKPQueue struct {
	Periode PeriodChoice
	Tahun   int
	// CanBulk: submitted plans may be approved together (the form posts to
	// /skp/bawahan/setujui).
	CanBulk bool
	CSRF    string
	Message string
	Errors  map[string]string
	// FirstPilih is the row of the first checkbox, which an error links to.
	FirstPilih int
	Rows       []SKPQueueRow
	Chart      BarChart
}

// SKPQueueRow is one subordinate's plan.
type SKPQueueRow struct {
	Nama, NIP, Jabatan, Status, Diajukan, Href string
	Menunggu                                   bool
	Pilih                                      string // "id:version" of a submitted plan that may be approved in bulk
	Dipilih                                    bool
}

// SKPPrint is the printable SKP (and the source of its PDF).
type SKPPrint struct {
	InlineCSS string // set for the PDF; the page links /static/print.css otherwise
	Instansi  string
	Tahun     int
	Rentang   string
	Masa      string        // the plan's penugasan after a mutasi; "" without one
	Penugasan []VersionLink // every penugasan's plan of the year, after a mutasi
	Versi     int
	Status    string
	Pegawai   Identity
	Penilai   *Identity
	Groups    []RHKGroup
	Perilaku  []PerilakuView
	Lampiran  [3]string
	Tempat    string
	Tanggal   string
	Back      string
}

// PerubahanRow is one change of a perubahan SKP against the approved version.
type PerubahanRow struct {
	Jenis, Bagian, Lama, Baru string
}
