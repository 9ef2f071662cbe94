// Package view holds Kinerja's templ components and the view models they take.
// Components never see database rows: handlers map domain values into these types.
package view

// Meta is what every page's layout needs.
type Meta struct {
	Title       string
	User        *User // nil on public pages
	Nav         []NavGroup
	Active      string // href of the current nav item
	Breadcrumbs []Crumb
	Flash       *Flash
	CSRF        string
	Refresh     int // seconds; reloads the page while long work runs
}

// User is the signed-in person as the header shows them.
type User struct {
	Nama  string
	NIP   string
	Peran []string // role labels
}

// NavGroup is a titled set of navigation links for one role.
type NavGroup struct {
	Title string
	Items []NavItem
}

// NavItem is one navigation link.
type NavItem struct {
	Label string
	Href  string
}

// Crumb is one breadcrumb; the last one has no Href.
type Crumb struct {
	Label string
	Href  string
}

// Flash is a one-time message shown after a redirect.
type Flash struct {
	Kind    string // sukses, info, galat
	Message string
}

// Identity is the identity block of a pegawai.
type Identity struct {
	ID           int64
	Nama         string // with gelar
	NIP          string // formatted
	JenisASN     string
	Pangkat      string
	Jabatan      string
	JenisJabatan string
	Unit         string
	OPD          string
	Atasan       *PersonLink // nil when none
	Aktif        bool
}

// PersonLink is a name that may link to a profile.
type PersonLink struct {
	Nama    string
	NIP     string
	Jabatan string
	Href    string // "" when the viewer may not open it
}

// Pager describes one page of a list.
type Pager struct {
	Page, PerPage, Total int
	BaseURL              string // path and query without the page parameter
}

// LoginForm is the login page's state.
type LoginForm struct {
	NIP     string
	Next    string
	Errors  map[string]string
	Message string // form-level error
}

// Beranda is the home page.
type Beranda struct {
	Identity Identity
	Peran    []string
	Cards    []Card
	Tugas    []Tugas
}

// Tugas is something the signed-in person owes, with its deadline.
type Tugas struct {
	Teks, Href, Link, Tenggat string
	Terlambat                 bool
}

// Card is a role panel on the Beranda with a figure and a link.
type Card struct {
	Title  string
	Figure string
	Text   string
	Href   string
	Link   string
}

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

// Option is one choice of a select; options with a Group are shown under it.
type Option struct {
	Value, Label string
	Selected     bool
	Group        string
}

// PegawaiFormView is the form to add or change a pegawai.
type PegawaiFormView struct {
	Title      string
	Action     string
	Create     bool
	Values     map[string]string
	Kepala     bool
	Errors     map[string]string
	Message    string
	Golongan   []Option
	Units      []Option
	Jenis      []Option
	JenisASN   []Option
	CancelHref string
}

// ConfirmView asks before a consequential action.
type ConfirmView struct {
	Title      string
	Question   string
	Details    []string
	Action     string
	Button     string
	Danger     bool
	Hidden     map[string]string
	Fields     []ConfirmField
	Errors     map[string]string
	Message    string
	CancelHref string
}

// ConfirmField is an input on a confirmation page (a date, a reason).
type ConfirmField struct {
	ID, Label, Type, Value, Hint string
}

// RiwayatRow is one line of placement history.
type RiwayatRow struct {
	TMT, Jenis, Jabatan, Unit, Atasan, Golongan, Keterangan string
}

// AuditRow is one change in an audit list.
type AuditRow struct {
	Waktu, Oleh, Aksi string
	Perubahan         []Diff
}

// Diff is one changed field.
type Diff struct {
	Field, Before, After string
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
	Chain         []PersonLink // the pegawai first, then atasan upward
	Bawahan       []PegawaiRow // the first 200
	JumlahBawahan int
}

// BawahanList lists the signed-in penilai's direct subordinates.
type BawahanList struct {
	Rows  []PegawaiRow
	Pager Pager
}

// ErrorView is a friendly error page.
type ErrorView struct {
	Status  int
	Title   string
	Message string
}

// BarChart is a horizontal bar chart drawn as server-side SVG.
type BarChart struct {
	Title string
	Bars  []Bar
}

// Bar is one bar of a chart.
type Bar struct {
	Label string
	Value int
}

// ImporPage is the upload page of Impor Pegawai.
type ImporPage struct {
	Errors  map[string]string
	Message string
	Recent  []ImporRow
}

// ImporRow is one earlier import.
type ImporRow struct {
	Href, Berkas, Waktu, Status, Ringkas string
}

// ImporStatus is one import batch: progress, problems, preview or result.
type ImporStatus struct {
	ID           int64
	Berkas       string
	Status       string
	StatusLabel  string
	Done, Total  int
	Phase        string
	Problems     []ProblemRow
	ProblemTotal int
	Baru, Ubah   int
	Sama         int
	Nonaktif     int
	OPDs         []string
	ContohBaru   []string
	ContohUbah   []string
	Keluar       []string
	Pesan        string
	Waktu        string
	Chart        BarChart
}

// ProblemRow is one problem of a file.
type ProblemRow struct {
	Baris, Kolom, Masalah string
}

// AkunPanel is a pegawai's account on their profile, for admins.
type AkunPanel struct {
	Ada        bool
	Aktif      bool
	AdminBKD   bool
	HarusGanti bool
	LastLogin  string
}

// PasswordShown shows a new initial password once.
type PasswordShown struct {
	Nama, NIP, Password, BackHref string
}

// ChangePasswordView is the form to change one's own password.
type ChangePasswordView struct {
	Forced  bool
	Errors  map[string]string
	Message string
}

// BulkAkunView is the bulk account page: the form, or a job's progress and result.
type BulkAkunView struct {
	OPD         []Option
	Tanpa       int // pegawai without an account in the chosen scope
	JobID       int64
	Status      string // "", berjalan, selesai, gagal
	Done, Total int
	Rows        []Credential
	Pesan       string
	Errors      map[string]string
}

// Credential is one initial login.
type Credential struct {
	Nama, NIP, Password string
}

// FormView is a simple form of labelled fields.
type FormView struct {
	Title, Action, CancelHref, Message, Submit string
	Fields                                     []FormField
	Hidden                                     map[string]string
	Errors                                     map[string]string
}

// FormField is one field: Type is text, select or checkbox.
type FormField struct {
	ID, Label, Type, Value, Hint string
	Options                      []Option
	Placeholder                  string
	Checked                      bool
}

// JabatanRow is one jabatan of a unit.
type JabatanRow struct {
	Nama, Jenis          string
	Kepala, Aktif        bool
	Pejabat              int
	EditHref, ToggleHref string
}

// PeriodeRow is one period in the list.
type PeriodeRow struct {
	Href, Tahun, Rentang, Fase, Peserta string
}

// PeriodeDetail is a period's dashboard.
type PeriodeDetail struct {
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
}

// PredikatPage sets the organisation predikat per OPD for a period.
type PredikatPage struct {
	PeriodeID int64
	Tahun     int
	Open      bool
	Rows      []PredikatRow
	Message   string
}

// PredikatRow is one OPD with its predikat choices.
type PredikatRow struct {
	OPDID   int64
	Nama    string
	Options []Option
}

// SKPPage is one SKP version with what the viewer may do.
type SKPPage struct {
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
	Versions   []VersionLink
	Message    string
	Errors     map[string]string
	Catatan    string
	Base       string
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
	Tahun   int
	Fase    string
	CanMake bool
	Message string
	Reason  string
}

// SKPQueue is the penilai's SKP Bawahan.
type SKPQueue struct {
	Tahun int
	Rows  []SKPQueueRow
	Chart BarChart
}

// SKPQueueRow is one subordinate's plan.
type SKPQueueRow struct {
	Nama, NIP, Jabatan, Status, Diajukan, Href string
	Menunggu                                   bool
}

// TextareaField is a labelled textarea for FormPage-like pages.
type TextareaField struct {
	ID, Label, Value, Hint string
}

// SKPPrint is the printable SKP (and the source of its PDF).
type SKPPrint struct {
	InlineCSS string // set for the PDF; the page links /static/print.css otherwise
	Instansi  string
	Tahun     int
	Rentang   string
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

// PohonView is an OPD's performance tree in a period.
type PohonView struct {
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

// RealisasiPage records realisasi and evidence at one check-in.
type RealisasiPage struct {
	SKPID    int64
	Tahun    int
	Checkins []Option // Value = number, Label, Selected = current
	Checkin  int
	Label    string
	CanEdit  bool
	RHK      []RealisasiRHK
	IKIOpts  []Option
	Perilaku []PerilakuThread
	// CanFeedback: the penilai writes feedback, the pegawai replies.
	CanFeedback   bool
	FeedbackLabel string
	// Drafts keeps submitted feedback text by target after a refusal.
	Drafts  map[string]string
	CSRF    string
	Errors  map[string]string
	Message string
	Judul   string
	URL     string
}

// RealisasiRHK is one RHK with its indicators and feedback at the check-in.
type RealisasiRHK struct {
	No     int
	Kunci  int64
	Uraian string
	IKI    []RealisasiIKI
	Thread []FeedbackView
}

// FeedbackView is one message of a feedback thread.
type FeedbackView struct {
	Oleh, Peran, Waktu, Teks string
}

// PerilakuThread is the feedback on one BerAKHLAK value at the check-in.
type PerilakuThread struct {
	No     int
	Nama   string
	Thread []FeedbackView
}

// TimelineView is an SKP's year as a list of events.
type TimelineView struct {
	SKPID int64
	Tahun int
	Items []TimelineRow
}

// TimelineRow is one event.
type TimelineRow struct {
	Waktu, Checkin, Jenis, Oleh, Teks string
}

// RealisasiIKI is one indicator's target, realisasi and evidence.
type RealisasiIKI struct {
	ID        int64
	Indikator string
	Target    string
	Nilai     string
	Teks      string
	Version   int
	Bukti     []BuktiLink
}

// BuktiLink is one piece of evidence.
type BuktiLink struct {
	Judul, Href, Info string
}

// PenilaianDiriPage is the pegawai's self-assessment at one check-in (0: end of period).
type PenilaianDiriPage struct {
	SKPID   int64
	Tahun   int
	Checkin int
	Label   string
	Tabs    []Option
	Levels  []Option
	CanEdit bool
	Items   []PenilaianDiriItem
	CSRF    string
	Errors  map[string]string
	Message string
}

// PenilaianDiriItem is the rating of one RHK or BerAKHLAK value.
type PenilaianDiriItem struct {
	Sasaran, Kelompok, Judul string
	Rating, RatingLabel      string
	Komentar                 string
	Version                  int
}

// RekanView is the peer-feedback page of one pegawai, for the pegawai and the penilai.
type RekanView struct {
	SKPID     int64
	Nama      string
	Penilai   bool // the viewer is the penilai
	Terbuka   bool // the period takes nominations and answers
	Dijawab   int
	Ambang    int
	Cukup     bool
	Ringkasan []RingkasanNilai
	Chart     BarChart
	Komentar  []string
	Peninjau  []PeninjauRow
	Calon     []Option
	CSRF      string
	Errors    map[string]string
	Message   string
}

// RingkasanNilai counts the peer answers on one BerAKHLAK value.
type RingkasanNilai struct {
	Nama                    string
	DiAtas, Sesuai, DiBawah int
}

// PeninjauRow is one nominated reviewer: a name and a status, never an answer.
type PeninjauRow struct {
	ID                       int64
	Nama, NIP, Jabatan       string
	Hubungan, Status, Alasan string
	BisaSetujui, BisaHapus   bool
}

// JawabRekanView is the reviewer's form.
type JawabRekanView struct {
	ID       int64
	Nama     string
	Terbuka  bool
	Nilai    []Option
	Levels   []Option
	Ratings  map[int]string
	Komentar string
	CSRF     string
	Errors   map[string]string
	Message  string
}
