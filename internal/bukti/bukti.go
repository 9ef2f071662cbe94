// Package bukti checks evidence (bukti dukung): uploaded files are recognised by their
// content, never by their name, and links must be web addresses.
package bukti

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"strings"

	"kinerja/internal/apperr"
)

// MaxSize is the largest file accepted: 10 MB.
const MaxSize = 10 << 20

// File is an accepted upload.
type File struct {
	ContentType string
	Ext         string
	SHA256      string
}

// Check identifies a file by its content: PDF, JPEG, PNG, XLSX or DOCX. Anything else
// (an executable renamed to .pdf, say) is refused with a message for the field.
func Check(data []byte) (File, error) {
	if len(data) == 0 {
		return File{}, apperr.Validation(map[string]string{"berkas": "Berkas kosong."})
	}
	if len(data) > MaxSize {
		return File{}, apperr.Validation(map[string]string{"berkas": "Berkas terlalu besar: paling besar 10 MB."})
	}
	sum := sha256.Sum256(data)
	f := File{SHA256: hex.EncodeToString(sum[:])}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		f.ContentType, f.Ext = "application/pdf", "pdf"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		f.ContentType, f.Ext = "image/jpeg", "jpg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		f.ContentType, f.Ext = "image/png", "png"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return File{}, refused()
		}
		if err := checkInflated(zr, len(data)); err != nil {
			return File{}, err
		}
		kind := officeKind(zr)
		switch kind {
		case "xlsx":
			f.ContentType, f.Ext = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
		case "docx":
			f.ContentType, f.Ext = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"
		default:
			return File{}, refused()
		}
	default:
		return File{}, refused()
	}
	return f, nil
}

func refused() error {
	return apperr.Validation(map[string]string{"berkas": "Jenis berkas tidak diterima: unggah PDF, JPG, PNG, XLSX atau DOCX."})
}

// An Office file is a zip, which can expand far beyond its size (a "zip bomb": 2 MB
// that opens to 2 GiB). Its parts together may expand to at most MaxInflated bytes
// and MaxRatio times the file's size. Both are checked on the sizes the zip
// declares and again on the bytes it really inflates to, since the declared sizes
// can lie.
const (
	MaxInflated = 100 << 20
	MaxRatio    = 100
)

func checkInflated(zr *zip.Reader, size int) error {
	limit := int64(MaxInflated)
	if r := int64(size) * MaxRatio; r < limit {
		limit = r
	}
	tooBig := apperr.Validation(map[string]string{"berkas": fmt.Sprintf(
		"Berkas ini mengembang terlalu besar saat dibuka (lebih dari %d kali ukurannya atau lebih dari %d MB). Simpan ulang berkasnya, atau unggah sebagai PDF.", MaxRatio, MaxInflated>>20)})
	switch within, err := Inflates(zr, limit); {
	case !within:
		return tooBig
	case err != nil:
		return refused()
	}
	return nil
}

// Inflates reports whether the parts of a zip together inflate to at most limit
// bytes, by the sizes the zip declares and then by inflating them (into nothing),
// since declared sizes can lie. err is a damaged zip.
func Inflates(zr *zip.Reader, limit int64) (within bool, err error) {
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > uint64(limit) {
			return false, nil
		}
	}
	left := limit
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return true, err
		}
		n, err := io.Copy(io.Discard, io.LimitReader(rc, left+1))
		_ = rc.Close()
		if n > left {
			return false, nil
		}
		if err != nil {
			return true, err
		}
		left -= n
	}
	return true, nil
}

// officeKind tells an XLSX from a DOCX by the parts inside the zip.
func officeKind(zr *zip.Reader) string {
	types := false
	kind := ""
	for _, f := range zr.File {
		switch {
		case f.Name == "[Content_Types].xml":
			types = true
		case strings.HasPrefix(f.Name, "xl/"):
			kind = "xlsx"
		case strings.HasPrefix(f.Name, "word/"):
			kind = "docx"
		}
	}
	if !types {
		return ""
	}
	return kind
}

// CheckLink accepts an http or https address.
func CheckLink(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(raw) > 2000 {
		return "", apperr.Validation(map[string]string{"url": "Tautan harus alamat web lengkap, mis. https://drive.example.id/berkas."})
	}
	return raw, nil
}
