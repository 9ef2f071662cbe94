package auth

import (
	"crypto/rand"
	"math/big"
	"strings"
	"unicode/utf8"

	"kinerja/internal/apperr"
)

// passwordAlphabet leaves out look-alikes (0/O, 1/l/I) so a printed password reads back.
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random initial password of three groups of four, e.g.
// "k7Qm-XbN4-pR2s" (about 70 bits).
func GeneratePassword() string {
	var b strings.Builder
	max := big.NewInt(int64(len(passwordAlphabet)))
	for i := 0; i < 12; i++ {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err) // crypto/rand does not fail on supported platforms
		}
		b.WriteByte(passwordAlphabet[n.Int64()])
	}
	return b.String()
}

// CheckNewPassword applies the rules for a password a person chooses. It returns an
// Invalid error whose message is safe to show.
func CheckNewPassword(pw, nip string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < 10:
		return apperr.New(apperr.Invalid, "Kata sandi paling sedikit 10 karakter.")
	case n > 200:
		return apperr.New(apperr.Invalid, "Kata sandi paling banyak 200 karakter.")
	case nip != "" && strings.Contains(pw, nip):
		return apperr.New(apperr.Invalid, "Kata sandi tidak boleh memuat NIP.")
	case strings.Trim(pw, pw[:1]) == "":
		return apperr.New(apperr.Invalid, "Kata sandi tidak boleh satu karakter yang diulang.")
	}
	for _, weak := range []string{"kinerja2026", "password123", "1234567890", "qwertyuiop"} {
		if strings.EqualFold(pw, weak) {
			return apperr.New(apperr.Invalid, "Kata sandi ini terlalu mudah ditebak.")
		}
	}
	return nil
}
