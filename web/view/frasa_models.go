package view

// FrasaPage is the Admin BKD's phrase library: the phrases by kind and a form to add one.
type FrasaPage struct {
	Rows    []FrasaRow
	Jenis   []Option
	Nilai   []Option
	Teks    string
	Errors  map[string]string
	Message string
	CSRF    string
}

// FrasaRow is one phrase on the list.
type FrasaRow struct {
	ID          int64
	Untuk, Teks string
	Aktif       bool
}
