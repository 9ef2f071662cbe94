package view

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
