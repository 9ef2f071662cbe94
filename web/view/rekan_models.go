package view

// RekanView is the peer-feedback page of one pegawai, for the pegawai and the penilai.
type RekanView struct {
	PoolLuas  string // why the wider pool of candidates is offered; "" when it is not
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
	ID      int64
	Nama    string
	Terbuka bool
	Nilai   []Option
	// Indikator are each value's behaviour indicators (BerAKHLAK), by the value's number.
	Indikator map[string][]string
	Levels    []Option
	Ratings   map[int]string
	Komentar  string
	CSRF      string
	Errors    map[string]string
	Message   string
}
