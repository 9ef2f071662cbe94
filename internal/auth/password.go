// Package auth holds password hashing, the login throttle policy and the signed-in
// user's roles. Roles other than Admin BKD follow from the organisation tree.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: the OWASP minimum (19 MiB, 2 passes, 1 lane).
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// kdfSlots bounds how many argon2id derivations run at once. Each takes 19 MiB, so a
// storm of logins (the morning of a deadline, or a flood of POSTs from anyone) would
// otherwise grow memory without limit; the work is CPU-bound, so more at once than
// there are processors would not finish sooner. Callers beyond the bound wait.
var kdfSlots = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

// kdfRunning and kdfPeak count derivations in progress, and the most at once.
var kdfRunning, kdfPeak atomic.Int32

func idKey(password, salt []byte, t, m uint32, p uint8, keyLen uint32) []byte {
	kdfSlots <- struct{}{}
	defer func() { <-kdfSlots }()
	n := kdfRunning.Add(1)
	defer kdfRunning.Add(-1)
	for {
		peak := kdfPeak.Load()
		if n <= peak || kdfPeak.CompareAndSwap(peak, n) {
			break
		}
	}
	return argon2.IDKey(password, salt, t, m, p, keyLen)
}

// ErrMalformedHash is returned when a stored hash cannot be parsed.
var ErrMalformedHash = errors.New("auth: malformed password hash")

// HashPassword returns an argon2id hash in the PHC string format.
func HashPassword(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	key := idKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches the PHC-format argon2id hash.
// It returns ErrMalformedHash when the hash cannot be parsed.
func VerifyPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformedHash
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 {
		return false, ErrMalformedHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, ErrMalformedHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, ErrMalformedHash
	}
	got := idKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is verified against when no account matches, so a wrong NIP costs
// the same time as a wrong password and response timing does not reveal it.
var dummyHash, _ = HashPassword("kinerja-dummy-password")

// BurnVerify spends the time of one verification without an account.
func BurnVerify(password string) { _, _ = VerifyPassword(dummyHash, password) }
