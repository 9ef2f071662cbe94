package view

// PeriodeRow is one period in the list.
type PeriodeRow struct {
	Href, Tahun, Rentang, Fase, Peserta string
}

// PeriodeDetail is a period's dashboard.
type PeriodeDetail struct {
	AuditHref    string
	Periode      PeriodChoice
	ID           int64
	Tahun        int
	Fase         string
	FaseKode     string
	Next         string // label of the next phase, "" when closed
	Closed       bool
	Info         []Crumb // label → value pairs (Label, Href used as value)
	OPD          []PeriodeOPDRow
	Chart        BarChart
	TanpaPenilai []PegawaiRow
	JumlahTanpa  int
	Peserta      int
}

// PeriodeOPDRow is one OPD on the dashboard.
type PeriodeOPDRow struct {
	Nama, Predikat                string
	Peserta, TanpaPenilai, Keluar int
	Href                          string
}

// PesertaList is the participants page of a period.
type PesertaList struct {
	Periode   PeriodChoice
	PeriodeID int64
	Tahun     int
	Open      bool
	Q         string
	OPD       []Option
	Tanpa     bool
	Rows      []PesertaRow
	Pager     Pager
	Errors    map[string]string
	Message   string
	AddNIP    string
	AddKet    string
}

// PesertaRow is one participant.
type PesertaRow struct {
	Nama, NIP, Jabatan, Unit, Penilai, Href string
	Aktif                                   bool
}

// PesertaDetail is one participant with the forms to change them.
type PesertaDetail struct {
	PeriodeID     int64
	PegawaiID     int64
	Tahun         int
	Open          bool
	Nama, NIP     string
	Jabatan, Unit string
	OPD           string
	Golongan      string
	Penilai       string
	AtasanPenilai string
	Aktif         bool
	Keterangan    string
	Version       int
	NIPPenilai    string
	Errors        map[string]string
	Message       string
	Penugasan     []PenugasanRow // the stretches of the year, in order (one without mutasi)
	Mutasi        MutasiForm
}

// PenugasanRow is one stretch of a participant's period (mutasi).
type PenugasanRow struct {
	Masa          string
	Jabatan, Unit string
	Penilai       string // "" for none
	Checkins      string // the check-ins rated on its plan: "Triwulan I, Triwulan II dan tahunan"
	SKPHref       string // "" when it has no plan
	SKPStatus     string
	Alasan        string // why it ended
	Berjalan      bool
}

// MutasiForm is the Admin BKD's form recording a mutasi, with the values typed.
type MutasiForm struct {
	TMT, NIPPenilai, Alasan string
	Min, Max                string // the period's dates, for the date input
}

// PredikatPage sets the organisation predikat per OPD for a period.
type PredikatPage struct {
	Periode   PeriodChoice
	PeriodeID int64
	Tahun     int
	Open      bool
	Rows      []PredikatRow
	Message   string
	Errors    map[string]string
}

// PredikatRow is one OPD with its predikat choices.
type PredikatRow struct {
	OPDID   int64
	Field   string // the form field of its predikat
	Nama    string
	Options []Option
}
