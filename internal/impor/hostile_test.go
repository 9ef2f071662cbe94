package impor_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kinerja/internal/impor"
)

const hostileHeader = "NIP,NAMA,GELAR_DEPAN,GELAR_BELAKANG,TEMPAT_LAHIR,TANGGAL_LAHIR,JENIS_KELAMIN,JENIS_PEGAWAI,GOLONGAN,JABATAN,JENIS_JABATAN,KEPALA_UNIT,KODE_OPD,UNIT_KERJA,NIP_ATASAN,TMT"

const validRow = "199001012015011001,Budi Santoso,,S.E.,Kotalama,1990-01-01,L,PNS,III/a,Staf,Pelaksana,Tidak,1.02,Bidang SD,,"

// xlsxOf zips the given parts (name → content) as an XLSX.
func xlsxOf(t testing.TB, parts map[string]func(w *bytes.Buffer)) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	base := map[string]func(w *bytes.Buffer){
		"[Content_Types].xml": func(w *bytes.Buffer) {
			w.WriteString(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
		},
		"xl/workbook.xml": func(w *bytes.Buffer) {
			w.WriteString(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>`)
		},
		"xl/_rels/workbook.xml.rels": func(w *bytes.Buffer) {
			w.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
		},
	}
	for k, v := range parts {
		base[k] = v
	}
	for name, write := range base {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		write(&b)
		if _, err := w.Write(b.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetWith is a worksheet of n rows, each cell produced by cell(row, col).
func sheetWith(rows, cols int, cell func(r, c int) string) func(w *bytes.Buffer) {
	return func(w *bytes.Buffer) {
		w.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		for r := 1; r <= rows; r++ {
			fmt.Fprintf(w, `<row r="%d">`, r)
			for c := 1; c <= cols; c++ {
				w.WriteString(cell(r, c))
			}
			w.WriteString(`</row>`)
		}
		w.WriteString(`</sheetData></worksheet>`)
	}
}

func colName(c int) string {
	s := ""
	for c > 0 {
		c--
		s = string(rune('A'+c%26)) + s
		c /= 26
	}
	return s
}

// hostileFiles are one file per kind the outside tester sent, each within the
// 20 MB upload limit.
func hostileFiles(t testing.TB) map[string][]byte {
	t.Helper()
	return map[string][]byte{
		// a CSV whose second line has a million empty columns
		"csv-million-columns": []byte(hostileHeader + "\n" + validRow + strings.Repeat(",", 1_000_000) + "\n"),
		// an XLSX whose shared strings inflate a thousand times its size
		"xlsx-shared-strings-bomb": xlsxOf(t, map[string]func(w *bytes.Buffer){
			"xl/sharedStrings.xml": func(w *bytes.Buffer) {
				w.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
				item := `<si><t>` + strings.Repeat("A", 1000) + `</t></si>`
				for range 40_000 {
					w.WriteString(item)
				}
				w.WriteString(`</sst>`)
			},
			"xl/worksheets/sheet1.xml": sheetWith(2, 16, func(r, c int) string { return fmt.Sprintf(`<c r="%s%d" t="s"><v>0</v></c>`, colName(c), r) }),
		}),
		// an XLSX whose every cell is a formula
		"xlsx-formulas": xlsxOf(t, map[string]func(w *bytes.Buffer){
			"xl/worksheets/sheet1.xml": sheetWith(20_000, 16, func(r, c int) string {
				return fmt.Sprintf(`<c r="%s%d"><f>SUM(A1:A%d)</f><v>1</v></c>`, colName(c), r, r)
			}),
		}),
		// an XLSX with cells far to the right
		"xlsx-wide": xlsxOf(t, map[string]func(w *bytes.Buffer){
			"xl/worksheets/sheet1.xml": sheetWith(2, 1, func(r, c int) string { return fmt.Sprintf(`<c r="XFD%d" t="inlineStr"><is><t>x</t></is></c>`, r) }),
		}),
		// an XLSX with more rows than a province has pegawai, all empty
		"xlsx-rows": xlsxOf(t, map[string]func(w *bytes.Buffer){
			"xl/worksheets/sheet1.xml": sheetWith(150_000, 1, func(r, c int) string { return fmt.Sprintf(`<c r="A%d" t="inlineStr"><is><t>x</t></is></c>`, r) }),
		}),
	}
}

// TestHostileFilesStopAtALimit checks that every kind of hostile file is refused
// with a message, quickly, before it is parsed whole.
func TestHostileFilesStopAtALimit(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"csv-million-columns":      "lebih dari 64 kolom",
		"xlsx-shared-strings-bomb": "terlalu besar saat dibuka",
		"xlsx-formulas":            "lebih dari 1000 rumus",
		"xlsx-wide":                "lebih dari 64 kolom",
		"xlsx-rows":                "lebih dari 100000 baris",
	}
	for name, data := range hostileFiles(t) {
		if len(data) > 20<<20 {
			t.Fatalf("%s is %d bytes, over the upload limit", name, len(data))
		}
		start := time.Now()
		_, _, err := impor.Read(data, impor.DefaultLimits)
		if err == nil || !strings.Contains(err.Error(), want[name]) {
			t.Errorf("%s (%d KB): %v, want %q", name, len(data)>>10, err, want[name])
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%s took %v", name, d)
		}
	}
}

// TestProblemsStopAtTheLimit checks that a file with a problem on every line
// reports the first MaxProblems and says it stopped.
func TestProblemsStopAtTheLimit(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(hostileHeader + "\n")
	for range 5000 {
		b.WriteString(`199001012015011001,"=1+1",,,,,,PNS,III/a,Staf,Pelaksana,,1.02,Bidang SD,,` + "\n")
	}
	_, probs, err := impor.Read([]byte(b.String()), impor.DefaultLimits)
	if err != nil || len(probs) != impor.DefaultLimits.MaxProblems+1 || !strings.Contains(probs[len(probs)-1].Message, "pembacaan dihentikan") {
		t.Fatalf("%d problems, last %v, err %v", len(probs), probs[len(probs)-1], err)
	}
}

// peakHeap runs f and returns the highest heap in use while it ran, sampled every
// millisecond, above the heap before it.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// BenchmarkImportRead reads each hostile file, and beside them the baseline of a
// valid 50,000-row CSV, and reports the peak heap of each read (make bench prints
// them; the target is under 300 MB for any file the upload limit admits).
func BenchmarkImportRead(b *testing.B) {
	var valid strings.Builder
	valid.WriteString(hostileHeader + "\n")
	for i := range 50_000 {
		fmt.Fprintf(&valid, "1990010120150%05d,Pegawai %d,,S.E.,Kotalama,1990-01-01,L,PNS,III/a,Staf,Pelaksana,Tidak,1.02,Bidang SD,,\n", i, i)
	}
	// The largest CSV the upload limit admits: MaxRows rows of long values, ~20 MB.
	var full strings.Builder
	full.WriteString(hostileHeader + "\n")
	long := strings.Repeat("x", 50)
	for i := range impor.DefaultLimits.MaxRows {
		fmt.Fprintf(&full, "1990010120150%05d,Pegawai %s %d,,S.E.,Kotalama %s,1990-01-01,L,PNS,III/a,Staf,Pelaksana,Tidak,1.02,Bidang SD,,\n", i%100000, long, i, long)
	}
	files := hostileFiles(b)
	files["baseline-csv-50000-rows"] = []byte(valid.String())
	files["csv-at-the-upload-limit"] = []byte(full.String())
	for _, name := range []string{"baseline-csv-50000-rows", "csv-at-the-upload-limit", "csv-million-columns", "xlsx-shared-strings-bomb", "xlsx-formulas", "xlsx-wide", "xlsx-rows"} {
		data := files[name]
		b.Run(name, func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				if p := peakHeap(func() { _, _, _ = impor.Read(data, impor.DefaultLimits) }); p > peak {
					peak = p
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			b.ReportMetric(float64(len(data))/(1<<20), "file-MB")
		})
	}
}
