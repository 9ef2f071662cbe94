package view

// PohonView is an OPD's performance tree in a period.
type PohonView struct {
	Periode       PeriodChoice
	Tahun         int
	OPD           string
	OPDOptions    []Option
	ShowOPDSelect bool
	Roots         []*PohonPerson
	Peserta       int
	BelumAjukan   int
	RHKTanpa      int
	Chart         BarChart
}

// PohonPerson is a participant with their RHK and subordinates.
type PohonPerson struct {
	Nama, Jabatan, Status, Href string
	Missing                     bool // no submitted plan
	RHK                         []PohonRHKView
	Bawahan                     []*PohonPerson
}

// PohonRHKView is one RHK with how many subordinate RHK support it.
type PohonRHKView struct {
	Uraian    string
	Didukung  int
	Tanpa     bool // has subordinates, none support it
	Mendukung string
}
