package web_test

import (
	"testing"

	"kinerja/internal/pdftext"
)

// pdfText extracts a PDF's text (pdftext.Extract).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	s, err := pdftext.Extract(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
