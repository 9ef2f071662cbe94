package bukti_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

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
