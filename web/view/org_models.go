package view

// OPDRow is one OPD in the list.
type OPDRow struct {
	Aktif                 bool
	Kode, Nama, Singkatan string
	Kepala                string
	JumlahUnit            int
	JumlahPegawai         int
	Href                  string
}

// OPDList is the Organisasi page.
type OPDList struct {
	Rows         []OPDRow
	TotalPegawai int
	Chart        BarChart
}

// TreeNode is a unit in the tree with its children.
type TreeNode struct {
	Nama          string
	Href          string
	Kepala        *PersonLink
	JabatanKepala string
	Jumlah        int // directly in the unit
	Total         int // in the unit and below
	Children      []*TreeNode
}

// OPDDetail is an OPD's unit tree page.
type OPDDetail struct {
	ID                    int64
	Predikat              []Crumb // per year: Label = year, Href = predikat
	CanEdit               bool
	Aktif                 bool
	Inactive              []PersonLink // inactive units, as links
	Nama, Kode, Singkatan string
	Kepala                *PersonLink
	JumlahUnit            int
	JumlahPegawai         int
	Root                  *TreeNode
}

// PegawaiRow is one pegawai in a list.
type PegawaiRow struct {
	Nama, NIP, Jabatan, Pangkat, Unit, OPD string
	Href                                   string
}

// UnitDetail is a unit kerja page with its pegawai.
type UnitDetail struct {
	ID            int64
	CanEdit       bool
	Aktif         bool
	Jabatan       []JabatanRow
	Nama          string
	OPD           string
	OPDHref       string
	Kepala        *PersonLink
	JabatanKepala string
	Rows          []PegawaiRow
	Pager         Pager
}

// PegawaiSearch is the Pegawai page.
type PegawaiSearch struct {
	Q      string
	OPD    []Option
	Jenis  []Option
	ASN    []Option
	Status []Option
	Export string // the filter as a query string
	Rows   []PegawaiRow
	Pager  Pager
	Errors map[string]string
}

// Profile is a pegawai's profile page.
type Profile struct {
	Identity      Identity
	ID            int64
	CanEdit       bool
	Akun          *AkunPanel
	Riwayat       []RiwayatRow
	Audit         []AuditRow
	AuditHref     string       // the Admin BKD's Audit page on this pegawai
	Chain         []PersonLink // the pegawai first, then atasan upward
	Bawahan       []PegawaiRow // the first 200
	JumlahBawahan int
	Periode       []PeriodeIkut // the periods the pegawai takes part in, newest first
	KinerjaHref   string
	Gabung        []PeriodeGabung // for the Admin BKD: open periods the pegawai may join
	CSRF          string
}

// PeriodeGabung is an open period that an active pegawai does not take part in;
// the Admin BKD adds them from the profile.
type PeriodeGabung struct {
	PeriodeID int64
	Tahun     int
	Fase      string
}

// PeriodeIkut is a period a pegawai takes part in, on their profile.
type PeriodeIkut struct {
	Tahun   int
	Fase    string
	Jabatan string
	Penilai string
	Aktif   bool
}

// BawahanList lists the signed-in penilai's direct subordinates.
type BawahanList struct {
	Rows  []PegawaiRow
	Pager Pager
}

// JabatanRow is one jabatan of a unit.
type JabatanRow struct {
	Nama, Jenis          string
	Kepala, Aktif        bool
	Pejabat              int
	EditHref, ToggleHref string
}
