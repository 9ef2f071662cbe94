// Package impor reads staff lists in the column layout of SIASN's "Export Data ASN"
// (CSV or XLSX), checks every row against the rules and the organisation, and works
// out what an import would change. It touches no database: the store applies a Plan.
package impor

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"kinerja/internal/bukti"

	"github.com/xuri/excelize/v2"
)

// Columns of the import file, in template order. Header names match case-insensitively,
// with spaces or underscores.
const (
	ColNIP           = "NIP"
	ColNama          = "NAMA"
	ColGelarDepan    = "GELAR_DEPAN"
	ColGelarBelakang = "GELAR_BELAKANG"
	ColTempatLahir   = "TEMPAT_LAHIR"
	ColTanggalLahir  = "TANGGAL_LAHIR"
	ColJenisKelamin  = "JENIS_KELAMIN"
	ColJenisPegawai  = "JENIS_PEGAWAI"
	ColGolongan      = "GOLONGAN"
	ColJabatan       = "JABATAN"
	ColJenisJabatan  = "JENIS_JABATAN"
	ColKepalaUnit    = "KEPALA_UNIT"
	ColKodeOPD       = "KODE_OPD"
	ColUnitKerja     = "UNIT_KERJA"
	ColNIPAtasan     = "NIP_ATASAN"
	ColTMT           = "TMT"
	// ColEmail is the address of SIASN's EMAIL column (optional). A filled cell sets
	// the pegawai's verified mail address; an empty one keeps what they have.
	ColEmail = "EMAIL"
)

// TemplateExample is the template's example row. It is a valid row on purpose, to
// show each column's format, so Check refuses it by name: a template uploaded
// unchanged must never create "Contoh Pegawai".
var TemplateExample = []string{"199001012015031001", "Contoh Pegawai", "", "S.E.", "Kotalama", "1990-01-01", "L", "PNS", "III/a",
	"Analis Kebijakan Ahli Pertama", "Fungsional", "Tidak", "1.02", "Seksi Kurikulum SD", "", "2026-01-02", "contoh.pegawai@instansi.go.id"}

// isTemplateExample says a row is the template's example (by its NIP and name).
func isTemplateExample(v map[string]string) bool {
	return strings.ReplaceAll(v[ColNIP], " ", "") == TemplateExample[0] && strings.EqualFold(strings.TrimSpace(v[ColNama]), TemplateExample[1])
}

// Header is the template's header row.
var Header = []string{ColNIP, ColNama, ColGelarDepan, ColGelarBelakang, ColTempatLahir, ColTanggalLahir, ColJenisKelamin,
	ColJenisPegawai, ColGolongan, ColJabatan, ColJenisJabatan, ColKepalaUnit, ColKodeOPD, ColUnitKerja, ColNIPAtasan, ColTMT, ColEmail}

var required = []string{ColNIP, ColNama, ColJenisPegawai, ColGolongan, ColJabatan, ColJenisJabatan, ColKodeOPD, ColUnitKerja}

var aliases = map[string]string{
	"NIP_BARU": ColNIP, "NAMA_LENGKAP": ColNama, "JENIS_ASN": ColJenisPegawai, "STATUS_PEGAWAI": ColJenisPegawai,
	"GOL": ColGolongan, "GOLONGAN_RUANG": ColGolongan, "NAMA_JABATAN": ColJabatan, "UNOR": ColUnitKerja,
	"UNIT_ORGANISASI": ColUnitKerja, "OPD": ColKodeOPD, "ATASAN_NIP": ColNIPAtasan, "NIP_ATASAN_LANGSUNG": ColNIPAtasan,
	"EMAIL_GOV": ColEmail, "E_MAIL": ColEmail, "SUREL": ColEmail, "ALAMAT_EMAIL": ColEmail, "ALAMAT_SUREL": ColEmail,
}

// Limits bound what a file may hold, so that reading any file the upload limit
// admits takes bounded memory and time. Each is checked before or while parsing,
// and the first one reached stops the reading with a message.
type Limits struct {
	MaxRows     int   // data rows
	MaxCell     int   // characters in one cell
	MaxColumns  int   // columns of any row
	MaxCells    int   // cells of the whole sheet
	MaxProblems int   // problems reported; past it the reading stops
	MaxUnzipped int64 // bytes an XLSX's parts inflate to, together
	MaxRatio    int64 // how many times its size an XLSX may inflate to
}

// DefaultLimits fit a province of 50,000 pegawai with room to spare: the template
// has 16 columns, a 50,000-row XLSX inflates to about 40 MB.
var DefaultLimits = Limits{MaxRows: 100_000, MaxCell: 500, MaxColumns: 64, MaxCells: 2_000_000, MaxProblems: 1000,
	MaxUnzipped: 150 << 20, MaxRatio: 100}

// Problem is one thing wrong with a file: line 1 is the header, 0 the whole file.
type Problem struct {
	Line    int    `json:"line"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// Row is one data row: values by column.
type Row struct {
	Line   int
	Values map[string]string
}

// FileError is a problem that stops reading the file at all.
type FileError struct{ Problem }

func (e *FileError) Error() string { return e.Message }

func fileErr(line int, col, format string, args ...any) error {
	return &FileError{Problem{Line: line, Column: col, Message: fmt.Sprintf(format, args...)}}
}

// Read parses a CSV or XLSX file (told apart by content) into rows. A file it cannot
// use at all (empty, wrong encoding, unknown header, formulas, too large) gives a
// *FileError, or for formulas and oversized cells the per-cell problems.
func Read(data []byte, lim Limits) ([]Row, []Problem, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, fileErr(0, "", "Berkas kosong.")
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return readXLSX(data, lim)
	}
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return nil, nil, fileErr(0, "", "Berkas Excel lama (.xls) tidak didukung. Simpan sebagai .xlsx atau CSV UTF-8.")
	}
	return readCSV(data, lim)
}

func readCSV(data []byte, lim Limits) ([]Row, []Problem, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return nil, nil, fileErr(line, "", "Berkas bukan teks UTF-8 (baris %d). Simpan ulang sebagai CSV UTF-8.", line)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, nil, fileErr(0, "", "Berkas ini bukan CSV atau XLSX.")
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	// A line with far more separators than columns allowed is refused before the
	// CSV reader splits it (a million empty columns would take gigabytes). Quoted
	// separators count too, which only makes the bound a little stricter.
	for n, rest := 1, data; len(rest) > 0; n++ {
		line, tail, _ := bytes.Cut(rest, []byte("\n"))
		if bytes.Count(line, []byte{byte(r.Comma)}) >= lim.MaxColumns*2 {
			return nil, nil, fileErr(n, "", "Baris %d berisi lebih dari %d kolom.", n, lim.MaxColumns)
		}
		rest = tail
	}
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	var header []string
	var rows []Row
	var problems []Problem
	cl := cellLimits{lim: lim}
	line := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line++
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, fileErr(pe.StartLine, "", "CSV rusak di baris %d: tanda kutip tidak seimbang atau format tidak dikenal.", pe.StartLine)
			}
			return nil, nil, fileErr(line, "", "CSV tidak dapat dibaca.")
		}
		if err := cl.row(line, len(rec)); err != nil {
			return nil, nil, err
		}
		if header == nil {
			h, err := mapHeader(rec)
			if err != nil {
				return nil, nil, err
			}
			header = h
			continue
		}
		row, probs := makeRow(line, header, rec, lim)
		problems = append(problems, probs...)
		if row != nil {
			rows = append(rows, *row)
		}
		if len(rows) > lim.MaxRows {
			return nil, nil, fileErr(line, "", "Berkas berisi lebih dari %d baris data.", lim.MaxRows)
		}
		if len(problems) >= lim.MaxProblems {
			return rows, tooManyProblems(problems, lim), nil
		}
	}
	if header == nil {
		return nil, nil, fileErr(0, "", "Berkas kosong.")
	}
	if len(rows) == 0 && len(problems) == 0 {
		return nil, nil, fileErr(2, "", "Berkas hanya berisi judul kolom, tanpa data pegawai.")
	}
	return rows, problems, nil
}

// cellLimits counts the columns and cells of a file as it is read.
type cellLimits struct {
	lim   Limits
	cells int
}

func (c *cellLimits) row(line, columns int) error {
	if columns > c.lim.MaxColumns {
		return fileErr(line, "", "Baris %d berisi lebih dari %d kolom.", line, c.lim.MaxColumns)
	}
	c.cells += columns
	if c.cells > c.lim.MaxCells {
		return fileErr(line, "", "Berkas berisi lebih dari %d sel (berhenti di baris %d).", c.lim.MaxCells, line)
	}
	return nil
}

// tooManyProblems ends a list that reached the limit with a note that reading
// stopped there.
func tooManyProblems(problems []Problem, lim Limits) []Problem {
	return append(problems[:lim.MaxProblems:lim.MaxProblems], Problem{Line: 0, Message: fmt.Sprintf(
		"Lebih dari %d masalah: pembacaan dihentikan. Perbaiki yang tercantum, lalu unggah lagi.", lim.MaxProblems)})
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func normHeader(s string) string {
	s = strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF")))
	s = strings.NewReplacer(" ", "_", "-", "_", ".", "").Replace(s)
	if a, ok := aliases[s]; ok {
		return a
	}
	return s
}

// mapHeader names each column; unknown columns are kept but ignored.
func mapHeader(rec []string) ([]string, error) {
	out := make([]string, len(rec))
	seen := map[string]bool{}
	for i, h := range rec {
		out[i] = normHeader(h)
		if out[i] != "" && seen[out[i]] {
			return nil, fileErr(1, out[i], "Kolom %s muncul dua kali di baris judul.", out[i])
		}
		seen[out[i]] = true
	}
	var missing []string
	for _, c := range required {
		if !seen[c] {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fileErr(1, "", "Baris judul tidak sesuai templat: kolom %s tidak ada. Unduh templat untuk susunan kolom yang benar.", strings.Join(missing, ", "))
	}
	return out, nil
}

// TanpaAtasan in NIP_ATASAN says the pegawai has no atasan; an empty cell means the
// default atasan (the head of the unit, for a head the head of the unit above).
// The export writes it for a pegawai without an atasan, so the file imports back
// unchanged.
const TanpaAtasan = "-"

// formulaStart are the first characters that make a spreadsheet read a cell as a
// formula.
const formulaStart = "=+-@\t\r"

// Protect keeps a spreadsheet from reading an exported value as a formula: a value
// that starts like one, and is not a number, gets a leading apostrophe, which
// spreadsheets show as text. Unprotect, on import, takes it off again.
func Protect(v string) string {
	if v != "" && v != TanpaAtasan && strings.ContainsRune(formulaStart, rune(v[0])) && !numberLike(v) {
		return "'" + v
	}
	return v
}

// Unprotect removes the apostrophe Protect adds, and reports whether it did: the
// value was written as text, so it is not a formula.
func Unprotect(v string) (string, bool) {
	if len(v) > 1 && v[0] == '\'' && Protect(v[1:]) != v[1:] {
		return v[1:], true
	}
	return v, false
}

func numberLike(v string) bool {
	_, err := strconv.ParseFloat(v, 64)
	return err == nil
}

func makeRow(line int, header, rec []string, lim Limits) (*Row, []Problem) {
	values := make(map[string]string, len(header))
	var probs []Problem
	empty := true
	for i, v := range rec {
		if i >= len(header) || header[i] == "" {
			continue
		}
		v = strings.TrimSpace(v)
		if v != "" {
			empty = false
		}
		if utf8.RuneCountInString(v) > lim.MaxCell {
			probs = append(probs, Problem{line, header[i], fmt.Sprintf("Isi sel terlalu panjang (paling banyak %d karakter).", lim.MaxCell)})
			continue
		}
		v, protected := Unprotect(v)
		if !protected && strings.HasPrefix(v, "=") {
			probs = append(probs, Problem{line, header[i], "Sel berisi rumus; impor hanya menerima nilai."})
			continue
		}
		values[header[i]] = v
	}
	if empty && len(probs) == 0 {
		return nil, nil // blank lines are skipped
	}
	return &Row{Line: line, Values: values}, probs
}

func readXLSX(data []byte, lim Limits) ([]Row, []Problem, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, fileErr(0, "", "Berkas XLSX rusak atau tidak dapat dibuka.")
	}
	limit := lim.MaxUnzipped
	if r := int64(len(data)) * lim.MaxRatio; lim.MaxRatio > 0 && r < limit {
		limit = r
	}
	switch within, err := bukti.Inflates(zr, limit); {
	case !within:
		return nil, nil, fileErr(0, "", "Isi berkas XLSX terlalu besar saat dibuka (lebih dari %d MB atau %d kali ukurannya). Simpan ulang hanya lembar data, atau gunakan CSV.",
			lim.MaxUnzipped>>20, lim.MaxRatio)
	case err != nil:
		return nil, nil, fileErr(0, "", "Berkas XLSX rusak atau tidak dapat dibuka.")
	}
	formulas, err := xlsxFormulas(zr, lim)
	if err != nil {
		return nil, nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: lim.MaxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, nil, fileErr(0, "", "Berkas XLSX rusak atau tidak dapat dibuka.")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, fileErr(0, "", "Berkas XLSX tidak memiliki lembar kerja.")
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, nil, fileErr(0, "", "Lembar kerja pertama tidak dapat dibaca.")
	}
	defer it.Close()
	var header []string
	var rows []Row
	var problems []Problem
	cl := cellLimits{lim: lim}
	line := 0
	for it.Next() {
		line++
		rec, err := it.Columns()
		if err != nil {
			return nil, nil, fileErr(line, "", "Baris %d tidak dapat dibaca.", line)
		}
		if err := cl.row(line, len(rec)); err != nil {
			return nil, nil, err
		}
		for _, v := range rec {
			if !utf8.ValidString(v) {
				return nil, nil, fileErr(line, "", "Baris %d berisi teks yang bukan UTF-8.", line)
			}
		}
		if header == nil {
			if allBlank(rec) {
				continue
			}
			h, err := mapHeader(rec)
			if err != nil {
				return nil, nil, err
			}
			header = h
			continue
		}
		for i, h := range header {
			if cols := formulas[line]; cols != nil && cols[i] {
				problems = append(problems, Problem{line, h, "Sel berisi rumus; impor hanya menerima nilai."})
				if i < len(rec) {
					rec[i] = ""
				}
			}
		}
		row, probs := makeRow(line, header, rec, lim)
		problems = append(problems, probs...)
		if row != nil {
			rows = append(rows, *row)
		}
		if len(rows) > lim.MaxRows {
			return nil, nil, fileErr(line, "", "Berkas berisi lebih dari %d baris data.", lim.MaxRows)
		}
		if len(problems) >= lim.MaxProblems {
			return rows, tooManyProblems(problems, lim), nil
		}
	}
	if err := it.Error(); err != nil {
		return nil, nil, fileErr(line, "", "Lembar kerja tidak dapat dibaca sampai habis.")
	}
	if header == nil {
		return nil, nil, fileErr(0, "", "Berkas kosong.")
	}
	if len(rows) == 0 && len(problems) == 0 {
		return nil, nil, fileErr(2, "", "Berkas hanya berisi judul kolom, tanpa data pegawai.")
	}
	return rows, problems, nil
}

func allBlank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// xlsxFormulas finds the cells of the first worksheet that hold a formula, by row
// number and zero-based column, reading the sheet's XML as a stream. It also
// counts the sheet's rows, columns and cells against the limits before the sheet
// is parsed for its values, and the shared strings, which a file can multiply.
func xlsxFormulas(zr *zip.Reader, lim Limits) (map[int]map[int]bool, error) {
	var sheet *zip.File
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			sheet = f
		}
	}
	if sheet == nil {
		return nil, nil
	}
	rc, err := sheet.Open()
	if err != nil {
		return nil, fileErr(0, "", "Berkas XLSX rusak atau tidak dapat dibuka.")
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: lim.MaxUnzipped}
	dec := xml.NewDecoder(lr)
	out := map[int]map[int]bool{}
	cell := ""
	rows, cells, formulas := 0, 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if lr.N <= 0 {
				return nil, fileErr(0, "", "Isi berkas XLSX terlalu besar.")
			}
			return nil, fileErr(0, "", "Berkas XLSX rusak atau tidak dapat dibuka.")
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "row":
			if rows++; rows > lim.MaxRows+1 {
				return nil, fileErr(0, "", "Berkas berisi lebih dari %d baris data.", lim.MaxRows)
			}
		case "c":
			if cells++; cells > lim.MaxCells {
				return nil, fileErr(0, "", "Berkas berisi lebih dari %d sel.", lim.MaxCells)
			}
			cell = ""
			for _, a := range se.Attr {
				if a.Name.Local == "r" {
					cell = a.Value
				}
			}
			if col, row, err := excelize.CellNameToCoordinates(cell); err == nil && col > lim.MaxColumns {
				return nil, fileErr(row, "", "Baris %d berisi lebih dari %d kolom.", row, lim.MaxColumns)
			}
		case "f":
			if formulas++; formulas > lim.MaxProblems {
				return nil, fileErr(0, "", "Berkas berisi lebih dari %d rumus; impor hanya menerima nilai. Simpan ulang sebagai nilai (Tempel Khusus → Nilai) atau gunakan CSV.", lim.MaxProblems)
			}
			if col, row, err := excelize.CellNameToCoordinates(cell); err == nil {
				if out[row] == nil {
					out[row] = map[int]bool{}
				}
				out[row][col-1] = true
			}
		}
	}
	return out, nil
}
