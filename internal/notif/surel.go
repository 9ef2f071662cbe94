package notif

import (
	"fmt"
	"net/mail"
	"strings"

	"kinerja/internal/apperr"
)

// Preferensi is how a person wants mail about their notices.
type Preferensi string

// The preferences; Segera is the default.
const (
	Segera    Preferensi = "segera"
	Ringkasan Preferensi = "ringkasan"
	Mati      Preferensi = "mati"
)

// Preferences in the order the settings page lists them, with their labels.
var Preferences = []struct {
	Value Preferensi
	Label string
}{
	{Segera, "Segera, satu surel untuk setiap pemberitahuan"},
	{Ringkasan, "Ringkasan harian, satu surel sehari"},
	{Mati, "Tidak dikirim surel (pemberitahuan tetap ada di Kinerja)"},
}

// FieldPreferensi and FieldSurel name the settings form's fields.
const (
	FieldPreferensi = "preferensi"
	FieldSurel      = "surel"
)

// ParsePreferensi reads a preference from a form.
func ParsePreferensi(s string) (Preferensi, error) {
	for _, p := range Preferences {
		if string(p.Value) == s {
			return p.Value, nil
		}
	}
	return "", apperr.Validation(map[string]string{FieldPreferensi: "Pilih cara menerima surel pemberitahuan."})
}

// MaxSurel is the longest address kept (RFC 5321's limit of a path).
const MaxSurel = 254

// CheckSurel checks and normalises an email address entered by a pegawai or read
// from the staff import: one plain address (no display name), domain in lower case.
func CheckSurel(s string) (string, error) {
	s = strings.TrimSpace(s)
	bad := apperr.Validation(map[string]string{FieldSurel: "Tuliskan alamat surel yang valid, misalnya nama@instansi.go.id."})
	if s == "" || len(s) > MaxSurel || strings.ContainsAny(s, " <>\"") {
		return "", bad
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", bad
	}
	at := strings.LastIndexByte(s, '@')
	if at < 1 || !strings.Contains(s[at+1:], ".") || strings.HasSuffix(s, ".") {
		return "", bad
	}
	return s[:at+1] + strings.ToLower(s[at+1:]), nil
}

// Surel is one mail to hand to SMTP.
type Surel struct {
	Subjek string
	Teks   string // plain text
}

const footer = "\n\n--\nSurel ini dikirim otomatis oleh Kinerja; jangan dibalas.\nAtur surel pemberitahuan: %s/pemberitahuan/pengaturan\n"

// SurelDari is the mail of one notice; base is the site's address (no trailing slash).
func SurelDari(p Pesan, nama, base string) Surel {
	var b strings.Builder
	fmt.Fprintf(&b, "Yth. %s,\n\n%s\n", nama, p.Judul)
	if p.Isi != "" {
		fmt.Fprintf(&b, "\n%s\n", p.Isi)
	}
	fmt.Fprintf(&b, "\nBuka: %s%s", base, p.Tautan)
	fmt.Fprintf(&b, footer, base)
	return Surel{Subjek: "[Kinerja] " + p.Judul, Teks: b.String()}
}

// RingkasanDari is the daily digest of the notices (newest first) that arrived
// since the last one; n is how many there are in all when list holds only the first.
func RingkasanDari(list []Pesan, n int, nama, base string) Surel {
	var b strings.Builder
	fmt.Fprintf(&b, "Yth. %s,\n\nAda %d pemberitahuan baru untuk Anda di Kinerja:\n", nama, n)
	for _, p := range list {
		fmt.Fprintf(&b, "\n- %s\n  %s%s\n", p.Judul, base, p.Tautan)
	}
	if n > len(list) {
		fmt.Fprintf(&b, "\n... dan %d lainnya.\n", n-len(list))
	}
	fmt.Fprintf(&b, "\nSemua pemberitahuan: %s/pemberitahuan", base)
	fmt.Fprintf(&b, footer, base)
	return Surel{Subjek: fmt.Sprintf("[Kinerja] Ringkasan harian: %d pemberitahuan baru", n), Teks: b.String()}
}

// VerifikasiSurel is the mail that confirms an address the pegawai entered.
func VerifikasiSurel(nama, link string) Surel {
	return Surel{Subjek: "[Kinerja] Konfirmasi alamat surel",
		Teks: fmt.Sprintf("Yth. %s,\n\nAlamat ini dimasukkan sebagai alamat surel Anda di Kinerja. Untuk mengonfirmasinya, buka tautan berikut dalam 24 jam:\n\n%s\n\nBila Anda tidak memasukkannya, abaikan surel ini.\n\n--\nSurel ini dikirim otomatis oleh Kinerja; jangan dibalas.\n", nama, link)}
}

// ResetSurel is the mail with a link to choose a new password.
func ResetSurel(nama, link string, menit int) Surel {
	return Surel{Subjek: "[Kinerja] Atur ulang kata sandi",
		Teks: fmt.Sprintf("Yth. %s,\n\nAda permintaan untuk mengatur ulang kata sandi akun Kinerja Anda. Buka tautan berikut dalam %d menit untuk memilih kata sandi baru; tautan hanya dapat dipakai sekali:\n\n%s\n\nBila Anda tidak memintanya, abaikan surel ini; kata sandi Anda tidak berubah.\n\n--\nSurel ini dikirim otomatis oleh Kinerja; jangan dibalas.\n", nama, menit, link)}
}

// Backoff is how long a mail waits after its attempt-th failed attempt (1-based):
// one minute, doubling, at most six hours. A mail is never given up by age alone;
// after MaxAttempts failures it is marked failed for the Admin BKD to see and resend.
func Backoff(attempt int) (minutes int) {
	m := 1
	for i := 1; i < attempt && m < 360; i++ {
		m *= 2
	}
	return min(m, 360)
}

// MaxAttempts is how many times a mail is tried before it is marked gagal.
const MaxAttempts = 12
