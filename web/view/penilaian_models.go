package view

// RatingPage is the penilai's rating page of one subordinate at a check-in (0: the
// year), everything side by side.
type RatingPage struct {
	// Sebelumnya are the plans of the penugasan that ended with a mutasi, shown
	// beside the annual rating with their realisasi and evidence.
	Sebelumnya   []PenugasanLalu
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
	Indikator, Target, Realisasi string             // Realisasi: the check-in's, or the year's (skp.Akhir)
	Capaian                      string             // the realisasi as a percentage of a numeric target, or ""
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
	Penilai                                       string // after a mutasi: whose penugasan it rated
}

// PenugasanLalu is the plan of an ended penugasan on the annual rating page.
type PenugasanLalu struct {
	Masa, Jabatan, Penilai, Checkins string
	SKPHref                          string
	IKI                              []PenugasanIKI
}

// PenugasanIKI is one indicator of an earlier plan with its year's realisasi.
type PenugasanIKI struct {
	RHK, Indikator, Target, Realisasi, Capaian string
	Bukti                                      []BuktiLink
}

// PeriodikHeaders are the periodic ratings table's columns; after a mutasi it names
// the penilai of each.
func PeriodikHeaders(v RatingPage) []string {
	h := []string{"Periode", "Hasil Kerja", "Perilaku Kerja", "Predikat", "Status"}
	if len(v.Sebelumnya) > 0 {
		h = append(h, "Penilai")
	}
	return h
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

func ratingText(v string) string {
	return map[string]string{"diatas": "Di Atas Ekspektasi", "sesuai": "Sesuai Ekspektasi", "dibawah": "Di Bawah Ekspektasi"}[v]
}
