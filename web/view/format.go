package view

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"kinerja/internal/angka"
	"kinerja/internal/org"
	"kinerja/internal/skp"
)

var bulan = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// Angka formats an integer the Indonesian way: 1.204.
func Angka(n int) string { return angka.Bulat(n) }

// Desimal formats a number with the decimals it has: 1.204,75.
func Desimal(x float64) string { return angka.Desimal(x) }

// Persen formats a percentage: 58,3%.
func Persen(x float64) string { return angka.Persen(x) }

// Besaran formats a figure with its unit: "12 dokumen"; "" when there is no figure.
func Besaran(x *float64, satuan string) string {
	if x == nil {
		return ""
	}
	return strings.TrimSpace(angka.Desimal(*x) + " " + satuan)
}

// Target formats an indicator's target: its figure and unit, with the qualitative
// target in brackets, or the qualitative target alone.
func Target(k skp.IKI) string {
	if k.Target == nil {
		return k.TargetTeks
	}
	if k.TargetTeks != "" {
		return Besaran(k.Target, k.Satuan) + " (" + k.TargetTeks + ")"
	}
	return Besaran(k.Target, k.Satuan)
}

// Realisasi formats a realisasi with the target's unit and its note: "7 dokumen
// (termasuk 2 susulan)"; "" when nothing is recorded.
func Realisasi(r skp.Realisasi, satuan string) string {
	switch f := Besaran(r.Nilai, satuan); {
	case f == "":
		return r.Teks
	case r.Teks == "":
		return f
	default:
		return f + " (" + r.Teks + ")"
	}
}

// NIP groups a NIP as it is printed: 19860926 201505 1 001.
func NIP(s string) string { return org.FormatNIP(s) }

// Kalimat ends a sentence with one full stop, also after a name whose gelar already
// ends with one ("… untuk Siti, S.H.").
func Kalimat(s string) string {
	s = strings.TrimRight(s, " ")
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// Tanggal formats a date in Indonesian: 22 November 2026.
func Tanggal(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return fmt.Sprintf("%d %s %d", t.Day(), bulan[t.Month()-1], t.Year())
}

// Waktu formats a date and time: 22 November 2026 14.05.
func Waktu(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return fmt.Sprintf("%s %02d.%02d", Tanggal(t), t.Hour(), t.Minute())
}

// Pages returns the last page number (at least 1).
func (p Pager) Pages() int {
	if p.PerPage <= 0 || p.Total <= 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}

// From and To are the 1-based positions of the first and last row shown.
func (p Pager) From() int {
	if p.Total == 0 {
		return 0
	}
	return (p.Page-1)*p.PerPage + 1
}

func (p Pager) To() int { return min(p.Page*p.PerPage, p.Total) }

// URL returns the link to page n, keeping the other query parameters.
func (p Pager) URL(n int) string {
	u, err := url.Parse(p.BaseURL)
	if err != nil {
		return "?page=" + strconv.Itoa(n)
	}
	q := u.Query()
	q.Del("page")
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Window returns the page numbers to show around the current one; 0 marks a gap.
func (p Pager) Window() []int {
	last := p.Pages()
	var out []int
	prev := 0
	for n := 1; n <= last; n++ {
		if n == 1 || n == last || (n >= p.Page-2 && n <= p.Page+2) {
			if prev != 0 && n-prev > 1 {
				out = append(out, 0)
			}
			out = append(out, n)
			prev = n
		}
	}
	return out
}

// OptGroup is a labelled group of options.
type OptGroup struct {
	Label   string
	Options []Option
}

// Groups splits options into consecutive groups by their Group.
func Groups(opts []Option) []OptGroup {
	var out []OptGroup
	for _, o := range opts {
		if len(out) == 0 || out[len(out)-1].Label != o.Group {
			out = append(out, OptGroup{Label: o.Group})
		}
		out[len(out)-1].Options = append(out[len(out)-1].Options, o)
	}
	return out
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// LimitHint adds a text field's limit (its maxlength, the server's limit) to its
// hint: "satu per baris. Paling banyak 4.000 karakter."
func LimitHint(hint string, max int) string {
	if max <= 0 {
		return hint
	}
	l := "Paling banyak " + angka.Bulat(max) + " karakter."
	if hint == "" {
		return l
	}
	return strings.TrimRight(hint, ". ") + ". " + l
}

// maxAttr is the maxlength attribute of a text input; none for 0.
func maxAttr(max int) templ.Attributes {
	if max <= 0 {
		return nil
	}
	return templ.Attributes{"maxlength": strconv.Itoa(max)}
}

// queueHeads are the columns of SKP Bawahan; with a choice column for bulk approval.
func queueHeads(bulk bool) []string {
	h := []string{"Nama", "NIP", "Jabatan", "Status", "Diajukan"}
	if bulk {
		return append([]string{"Pilih"}, h...)
	}
	return h
}

// fromPenilai says the thread holds a message of the penilai, which the pegawai may answer.
func fromPenilai(items []FeedbackView) bool {
	for _, f := range items {
		if f.Peran == "Penilai" {
			return true
		}
	}
	return false
}

// Daftar lists items in Indonesian: "A", "A dan B", "A, B dan C"; "–" for none.
func Daftar(items []string) string {
	switch len(items) {
	case 0:
		return "–"
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " dan " + items[len(items)-1]
}
