package view

// RatingPage is the penilai's rating page of one subordinate at a check-in (0: the
// year), everything side by side.
type RatingPage struct {
	SKPID        int64
	Tahun        int
	Checkin      int
	Label        string // "Triwulan I", "Tahunan"
	RealLabel    string // the check-in whose realisasi is shown
	Tabs         []Option
	Pegawai      string
	CanEdit      bool
	Hidden       bool // the pegawai before publication: nothing to show yet
	Ditetapkan   string
	Version      int
	CSRF         string
	Message      string
	Errors       map[string]string
	Levels       []Option
	RHK          []RatingRHK
	Nilai        []RatingNilai
	RekanCukup   bool
	RekanJawab   int
	RekanAmbang  int
	HasilKerja   string
	Saran        string
	SaranLabel   string
	Alasan       string
	Perilaku     string
	Predikat     string
	Periodik     []PeriodikRow
	CanKeberatan bool
	Keberatan    string // status label of a keberatan, if any
}

// RatingRHK is one RHK on the rating page.
type RatingRHK struct {
	Sasaran    string
	No         int
	Uraian     string
	Jenis      string
	IKI        []RatingIKI
	Diri       string
	DiriKomen  string
	Rating     string
	UmpanBalik string
	Thread     []FeedbackView
}

// RatingIKI is an indicator with its target, realisasi and evidence.
type RatingIKI struct {
	Indikator, Target, Realisasi string
	Tahun                        []RealisasiCheckin // the year's tab: the realisasi of every check-in
	Bukti                        []BuktiLink
}

// RealisasiCheckin is the realisasi of an indicator at one check-in ("" when none).
type RealisasiCheckin struct {
	Label, Nilai string
}

// RatingNilai is one BerAKHLAK value on the rating page.
type RatingNilai struct {
	Sasaran    string
	No         int
	Nama       string
	Ekspektasi string
	Diri       string
	DiriKomen  string
	Rekan      string // "2 · 1 · 0" (di atas · sesuai · di bawah), or "" below the threshold
	Rating     string
	UmpanBalik string
	Thread     []FeedbackView
}

// PeriodikRow is one periodic rating shown on the annual page.
type PeriodikRow struct {
	Label, HasilKerja, Perilaku, Predikat, Status string
}

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
	Rows []KeberatanRowView
}

// KeberatanRowView is one keberatan on the list.
type KeberatanRowView struct {
	Nama, NIP, Periode, Status, Diajukan, Predikat, Href string
	Peran                                                string
}

// RiwayatPenilaianPage lists the changes to a pegawai's ratings.
type RiwayatPenilaianPage struct {
	SKPID   int64
	Pegawai string
	Rows    []RiwayatPenilaianRow
}

// RiwayatPenilaianRow is one change.
type RiwayatPenilaianRow struct {
	Waktu, Periode, Oleh, Sasaran, Lama, Baru, Alasan string
}

func levelLabel(levels []Option, v string) string {
	for _, l := range levels {
		if l.Value == v {
			return l.Label
		}
	}
	return ""
}

func joinRules(rules []string) string {
	out := ""
	for i, r := range rules {
		if i > 0 {
			out += "; "
		}
		out += r
	}
	return out
}

// EvaluasiPrint is the Dokumen Evaluasi Kinerja Pegawai of one pegawai at a check-in.
type EvaluasiPrint struct {
	InlineCSS   string
	Instansi    string
	Tahun       int
	Rentang     string
	Label       string
	Pegawai     Identity
	Penilai     *Identity
	OrgPredikat string
	Distribusi  []KurvaRow
	RHK         []RatingRHK
	Nilai       []RatingNilai
	HasilKerja  string
	Perilaku    string
	Predikat    string
	Ditetapkan  string
	Tempat      string
	Tanggal     string
}

func ratingText(v string) string {
	return map[string]string{"diatas": "Di Atas Ekspektasi", "sesuai": "Sesuai Ekspektasi", "dibawah": "Di Bawah Ekspektasi"}[v]
}

// UnduhanView is the progress of a ZIP of evaluation documents.
type UnduhanView struct {
	JobID       int64
	Status      string // berjalan, selesai, gagal
	Done, Total int
	Pesan, Nama string
}
