package view

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
	Penilai       bool     // the signed-in person is the penilai (writes umpan balik; the pegawai replies)
	Frasa         []Option // the library's umpan balik phrases, for the penilai to pick
	AdaUmpanBalik bool     // the penilai wrote on some RHK or value at this check-in
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
	Satuan    string // the target's unit, the hint for the figure
	Nilai     string // the figure as typed back into the form
	Teks      string
	Tampil    string // the realisasi as shown: figure, unit and note
	Version   int
	Bukti     []BuktiLink
}

// satuanHint tells in which unit the figure is typed.
func satuanHint(satuan string) string {
	if satuan == "" {
		return ""
	}
	return "Dalam satuan target: " + satuan + "."
}

// BuktiLink is one piece of evidence.
type BuktiLink struct {
	ID                int64
	Judul, Href, Info string
	HapusHref         string // the pegawai may still remove it
}
