package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
)

// KeySize is the length of the configured secret key (KINERJA_SECRET_KEY): 32
// bytes, given base64-encoded.
const KeySize = 32

// ParseKey decodes a base64 key (standard or URL alphabet, padded or not) and
// checks that it is KeySize bytes long.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil {
			if len(k) != KeySize {
				return nil, errors.New("want 32 bytes, base64-encoded (openssl rand -base64 32)")
			}
			return k, nil
		}
	}
	return nil, errors.New("not base64 (openssl rand -base64 32)")
}

// Sealer encrypts secrets that must rest in the database for a while, such as the
// initial passwords of a bulk account list: AES-256-GCM under the configured key,
// with a fresh random nonce per message. The label binds a sealed value to its row,
// so a value copied into another row does not open.
type Sealer struct{ aead cipher.AEAD }

// NewSealer returns a Sealer for a KeySize key.
func NewSealer(key []byte) (*Sealer, error) {
	if len(key) != KeySize {
		return nil, errors.New("auth: the secret key must be 32 bytes")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead}, nil
}

// Seal encrypts plain for label: the nonce, then the ciphertext and its tag.
func (s *Sealer) Seal(plain []byte, label string) []byte {
	nonce := make([]byte, s.aead.NonceSize(), s.aead.NonceSize()+len(plain)+s.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return s.aead.Seal(nonce, nonce, plain, []byte(label))
}

// ErrUnsealed is returned by Open for a value that was not sealed for label under
// this key (a changed key, a copied or altered value).
var ErrUnsealed = errors.New("auth: the value cannot be decrypted with the configured key")

// Open decrypts a value sealed for label.
func (s *Sealer) Open(sealed []byte, label string) ([]byte, error) {
	n := s.aead.NonceSize()
	if len(sealed) < n+s.aead.Overhead() {
		return nil, ErrUnsealed
	}
	plain, err := s.aead.Open(nil, sealed[:n], sealed[n:], []byte(label))
	if err != nil {
		return nil, ErrUnsealed
	}
	return plain, nil
}
