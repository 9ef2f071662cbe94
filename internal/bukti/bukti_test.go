package bukti_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"kinerja/internal/apperr"
	"kinerja/internal/bukti"
)

func zipWith(names ...string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range names {
		f, _ := w.Create(n)
		f.Write([]byte("<x/>"))
	}
	w.Close()
	return b.Bytes()
}

func TestCheck(t *testing.T) {
	ok := map[string][]byte{
		"application/pdf": []byte("%PDF-1.7\n..."),
		"image/jpeg":      {0xFF, 0xD8, 0xFF, 0xE0, 1, 2},
		"image/png":       []byte("\x89PNG\r\n\x1a\n...."),
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       zipWith("[Content_Types].xml", "xl/workbook.xml"),
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document": zipWith("[Content_Types].xml", "word/document.xml"),
	}
	for want, data := range ok {
		f, err := bukti.Check(data)
		if err != nil || f.ContentType != want || len(f.SHA256) != 64 {
			t.Errorf("%s: %+v %v", want, f, err)
		}
	}
	bad := map[string][]byte{
		"renamed executable": append([]byte("MZ\x90\x00"), make([]byte, 100)...),
		"ELF binary":         []byte("\x7fELF\x02\x01\x01"),
		"plain zip":          zipWith("a.txt"),
		"html":               []byte("<html><script>alert(1)</script>"),
		"empty":              {},
		"too large":          append([]byte("%PDF-"), make([]byte, bukti.MaxSize)...),
	}
	for name, data := range bad {
		if _, err := bukti.Check(data); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if _, err := bukti.Check(append([]byte("%PDF-"), make([]byte, bukti.MaxSize+1)...)); err == nil || !strings.Contains(err.Error(), "10 MB") {
		t.Errorf("size message: %v", err)
	}
}

func TestCheckLink(t *testing.T) {
	for _, u := range []string{"https://drive.example.id/a", "http://intranet.kotalama.go.id/laporan?id=3"} {
		if _, err := bukti.CheckLink(u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	for _, u := range []string{"", "javascript:alert(1)", "ftp://x/y", "drive.example.id/a", "https://"} {
		if _, err := bukti.CheckLink(u); err == nil {
			t.Errorf("%q accepted", u)
		}
	}
}

func TestCleanName(t *testing.T) {
	for _, c := range []struct{ raw, ext, want string }{
		{`C:\fakepath\laporan.pdf`, "pdf", "laporan.pdf"},
		{"../../etc/passwd", "", "passwd"},
		{"foto\u202Egpj.exe", "png", "fotogpj.png"},
		{"a\u200Bb\u0000c\tnama  panjang .docx", "docx", "abc nama panjang.docx"},
		{"...", "pdf", "berkas.pdf"},
		{"", "", "berkas"},
		{"laporan \"final\".pdf", "pdf", "laporan final.pdf"},
		{"Laporan Triwulan I — Dinas Kesehatan.xlsx", "xlsx", "Laporan Triwulan I — Dinas Kesehatan.xlsx"},
		{strings.Repeat("é", 300) + ".pdf", "pdf", strings.Repeat("é", bukti.MaxNameRunes-4) + ".pdf"},
	} {
		if got := bukti.CleanName(c.raw, c.ext); got != c.want {
			t.Errorf("CleanName(%q, %q) = %q, want %q", c.raw, c.ext, got, c.want)
		}
	}
}

func TestDisposition(t *testing.T) {
	got := bukti.Disposition("Laporan “akhir” 100%.pdf")
	want := `attachment; filename="Laporan _akhir_ 100_.pdf"; filename*=UTF-8''Laporan%20%E2%80%9Cakhir%E2%80%9D%20100%25.pdf`
	if got != want {
		t.Errorf("Disposition = %s\nwant          %s", got, want)
	}
	if got := bukti.Disposition("a\u202Eb\\c.pdf"); strings.ContainsAny(got, "\u202E\\") {
		t.Errorf("Disposition keeps a bidi override or backslash: %q", got)
	}
}

// bomb is an XLSX-shaped zip whose one sheet inflates to n zero bytes.
func bomb(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(name)
		_, _ = w.Write([]byte("<x/>"))
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for left := n; left > 0; left -= len(chunk) {
		if left < len(chunk) {
			chunk = chunk[:left]
		}
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// declaredBomb is an XLSX-shaped zip whose sheet says it inflates to n bytes (its
// real content is small; the declared size alone must be refused).
func declaredBomb(t *testing.T, n uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(name)
		_, _ = w.Write([]byte("<x/>"))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, UncompressedSize64: n, CompressedSize64: 4})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write([]byte("<x/>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestOfficeBombIsRefused(t *testing.T) {
	for name, data := range map[string][]byte{
		"declared past MaxInflated": declaredBomb(t, 200<<20),
		"past MaxRatio":             bomb(t, 2<<20),
	} {
		_, err := bukti.Check(data)
		e := apperr.As(err)
		if e == nil || !strings.Contains(e.Fields["berkas"], "mengembang terlalu besar") {
			t.Errorf("%s (%d bytes): %v", name, len(data), err)
		}
	}
	// A declared size that lies is caught while inflating.
	data := bomb(t, 2<<20)
	lie := bytes.ReplaceAll(data, []byte{0x00, 0x00, 0x20, 0x00}, []byte{0x10, 0x00, 0x00, 0x00}) // 2 MiB declared as 16 bytes
	if _, err := bukti.Check(lie); err == nil {
		t.Error("a zip whose declared sizes lie was accepted")
	}
	// An ordinary Office file passes.
	if f, err := bukti.Check(zipWith("[Content_Types].xml", "xl/workbook.xml")); err != nil || f.Ext != "xlsx" {
		t.Errorf("plain xlsx: %+v %v", f, err)
	}
}
