package view

// PenilaianUnitPage is the penilai's list of subordinates at a check-in with the kurva panel.
type PenilaianUnitPage struct {
	Title         string
	Checkin       int
	Tabs          []Option
	Prefix        string
	Rows          []UnitRowView
	Kurva         KurvaView
	CanSet        bool
	Kalibrasi     bool   // the period calibrates at the OPD: Tetapkan proposes
	KalibrasiHref string // the kepala OPD's kalibrasi page
	CanZIP        bool   // some ratings here are published
	CSRF          string
	Message       string
	Errors        map[string]string
	Justif        string
	OPDHref       string
	OPDOptions    []Option // the Admin BKD's OPD selector
	Periode       PeriodChoice
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

// KalibrasiPage is the OPD's kalibrasi at a check-in.
type KalibrasiPage struct {
	Title          string
	Tabs           []Option
	Prefix         string
	Periode        PeriodChoice
	OPDOptions     []Option
	Action         string
	Hidden         []Param
	Units, Penilai []Option
	Rows           []KalibrasiRowView
	Kurva          KurvaView
	Pending        int
	CanSet         bool
	CSRF           string
	Message        string
	Errors         map[string]string
	Justif         string
}

// KalibrasiRowView is one participant in the kalibrasi.
type KalibrasiRowView struct {
	Nama, NIP, Unit, Penilai       string
	HasilKerja, Perilaku, Predikat string
	Status, UbahHref, BuktiHref    string
	Diubah                         bool
}

// KalibrasiUbah is the form that changes one proposed rating.
type KalibrasiUbah struct {
	Nama, NIP, Unit, Penilai, Predikat string
	LamaHK, LamaPK                     string
	HasilKerja, Perilaku, Alasan       string
	Levels                             []Option
	Version                            int
	Action, Back, BuktiHref, CSRF      string
	Message                            string
	Errors                             map[string]string
}

// hiddenValue is the value of the named parameter.
func hiddenValue(ps []Param, name string) string {
	for _, p := range ps {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}
