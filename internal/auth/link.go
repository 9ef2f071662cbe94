package auth

import (
	"crypto/rand"
	"encoding/base64"
	"time"
)

// Mailed links (a password reset, the confirmation of an address) carry a token of
// 32 random bytes; only its SHA-256 is kept, the link works once and expires:
//
//   - a reset link after ResetTTL, and at most ResetPerHour are mailed to one
//     pegawai in an hour, whoever asks; the page that asks gives the same answer
//     whether or not the NIP exists, has an address or was throttled;
//   - a confirmation link after VerifikasiTTL, at most VerifikasiPerHour an hour.
const (
	ResetTTL          = 30 * time.Minute
	ResetPerHour      = 3
	VerifikasiTTL     = 24 * time.Hour
	VerifikasiPerHour = 5
)

// NewLinkToken returns a fresh token for a mailed link, URL-safe.
func NewLinkToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// LinkTokenValid says s has the shape of a token NewLinkToken makes, so that a
// mangled link is told apart before any lookup.
func LinkTokenValid(s string) bool {
	if len(s) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}
