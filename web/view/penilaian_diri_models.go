package view

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
