package view

// KeberatanPage shows a keberatan and the forms the viewer may use.
type KeberatanPage struct {
	SKPID      int64
	Checkin    int
	Label      string
	Pegawai    string
	HasilKerja string
	Perilaku   string
	Predikat   string
	Ditetapkan string
	Batas      string
	Ada        bool
	Alasan     string
	Status     string
	Diajukan   string
	Keputusan  string
	Diputuskan string
	Komentar   []FeedbackView
	CanAjukan  bool
	CanKomen   bool
	CanPutus   bool
	Version    int
	// AtasNama names the official who decided when there is no atasan penilai; the
	// Admin BKD then records the decision and must fill it in (AtasNamaWajib).
	AtasNama      string
	AtasNamaWajib bool
	TanpaAtasan   bool // the pegawai's penilai has no atasan in the period
	Levels        []Option
	CSRF          string
	Message       string
	Errors        map[string]string
	Values        map[string]string
}

// KeberatanList is the Keberatan menu: appeals to decide and one's own.
type KeberatanList struct {
	Tahun   int
	Periode PeriodChoice
	Rows    []KeberatanRowView
}

// KeberatanRowView is one keberatan on the list.
type KeberatanRowView struct {
	Nama, NIP, Periode, Status, Diajukan, Predikat, Href string
	Peran                                                string
}
