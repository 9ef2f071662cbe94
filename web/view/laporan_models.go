package view

// LaporanPage is one report of the Laporan pages.
type LaporanPage struct {
	Title     string
	Reports   []Option // the report tabs: Value is the href
	Intro     string
	Filter    LaporanFilter
	Message   string
	Errors    map[string]string
	Path      []Crumb // the drill-down path inside the report: pemda, OPD, unit
	Notes     []string
	Table     LaporanTable
	Chart     BarChart
	Kurva     *KurvaView
	Lists     []LaporanTable
	Downloads []Crumb // Label, Href
	Related   []Crumb // pages beside the reports: Periksa Data, the OPD's kurva
	Empty     string
}

// LaporanFilter is the report's filter form (GET).
type LaporanFilter struct {
	Action                          string
	Periode, Checkin                []Option
	OPD, Unit, Jabatan, ASN, Status []Option
	ShowOPD                         bool
}

// LaporanTable is a table of a report: rows with a label (linked when it drills down)
// and cells; Heads starting with "#" are numeric columns.
type LaporanTable struct {
	ID      string
	Caption string
	Note    string
	Heads   []string
	Rows    []LaporanRow
	Total   *LaporanRow
	Pager   *Pager
}

// LaporanRow is one row of a report's table.
type LaporanRow struct {
	Label, Href string
	Sub         string // a second line under the label (NIP, jabatan)
	Cells       []string
}

// RekapPrint is the printable rekap predikat, signed by the official named.
type RekapPrint struct {
	Title, Instansi, Lingkup, Periode string
	Heads                             []string
	Rows                              [][]string
	Summary                           []KurvaRow
	Tempat, Tanggal                   string
	Penandatangan                     string // the office that signs
}

// headLabel is column i's title without the numeric mark.
func headLabel(heads []string, i int) string {
	if i >= len(heads) {
		return ""
	}
	if h := heads[i]; len(h) > 0 && h[0] == '#' {
		return h[1:]
	}
	return heads[i]
}

// isNum reports whether column i is numeric.
func isNum(heads []string, i int) bool {
	return i < len(heads) && len(heads[i]) > 0 && heads[i][0] == '#'
}

// PeriksaPage is Periksa data: a section per check.
type PeriksaPage struct {
	Title      string
	OPDOptions []Option // for the Admin BKD
	Notes      []string
	Total      int
	Sections   []PeriksaSection
}

// PeriksaSection is one check with its findings.
type PeriksaSection struct {
	ID, Title, Akibat string
	Count             int
	Table             LaporanTable
}

// AuditPage is the Audit page: the filter and a page of the log.
type AuditPage struct {
	Message                  string
	Errors                   map[string]string
	Pelaku, ID, Dari, Sampai string
	Entitas, Aksi            []Option
	Rows                     []AuditLogRow
	Pager                    Pager
	Downloads                []Crumb
}

// AuditLogRow is one entry of the log.
type AuditLogRow struct {
	Waktu, Oleh, Aksi, Entitas, EntitasID string
	Href, Riwayat                         string
	Perubahan                             []Diff
	IP                                    string
}
