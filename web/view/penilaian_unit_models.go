package view

// PenilaianUnitPage is the penilai's list of subordinates at a check-in with the kurva panel.
type PenilaianUnitPage struct {
	Title      string
	Checkin    int
	Tabs       []Option
	Prefix     string
	Rows       []UnitRowView
	Kurva      KurvaView
	CanSet     bool
	CanZIP     bool // some ratings here are published
	CSRF       string
	Message    string
	Errors     map[string]string
	Justif     string
	OPDHref    string
	OPDOptions []Option // the Admin BKD's OPD selector
	Periode    PeriodChoice
}

// UnitRowView is a subordinate on the list.
type UnitRowView struct {
	Nama, NIP, SKP, HasilKerja, Perilaku, Predikat, Status, Href string
}

// KurvaView is the live distribution against the organisation's bounds.
type KurvaView struct {
	Scope       string
	OrgPredikat string
	Dinilai     int
	Belum       int
	Rows        []KurvaRow
	Rules       []string
	Pelanggaran []string
	Chart       KurvaChart
}

// KurvaRow is one predikat's count and share.
type KurvaRow struct {
	Predikat string
	Jumlah   int
	Persen   string
}

// KurvaChart draws each predikat's share with the bounds marked.
type KurvaChart struct {
	Title string
	Bars  []KurvaBar
}

// KurvaBar is one predikat: its share in tenths of a percent and the bounds on it.
type KurvaBar struct {
	Label    string
	Permil   int // share × 10
	Text     string
	Max, Min int // bounds in percent; -1 when none
}
