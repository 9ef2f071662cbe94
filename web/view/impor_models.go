package view

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
