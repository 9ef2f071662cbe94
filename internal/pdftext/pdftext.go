// Package pdftext reads the text of a PDF with pdftotext (poppler-utils, which
// `make test` installs), so that tests can check what a document says.
package pdftext

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Extract returns the PDF's text with runs of white space joined to one space.
func Extract(pdf []byte) (string, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", errors.New("pdftotext not found: run `make test`, which installs poppler-utils")
	}
	dir, err := os.MkdirTemp("", "pdftext")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return "", err
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command(bin, "-raw", in, "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return "", errors.New("pdftotext: " + err.Error() + ": " + stderr.String())
	}
	return strings.Join(strings.Fields(out.String()), " "), nil
}
