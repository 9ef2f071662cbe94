package auth

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"testing"
)

func TestSealerRoundTripAndRefusals(t *testing.T) {
	key := make([]byte, KeySize)
	_, _ = rand.Read(key)
	s, err := NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	plain := []byte("NIP,KATA_SANDI\n199001012020011001,rahasia")
	sealed := s.Seal(plain, "tugas:7")
	if bytes.Contains(sealed, []byte("rahasia")) {
		t.Fatal("the sealed value holds the plain text")
	}
	if again := s.Seal(plain, "tugas:7"); bytes.Equal(again, sealed) {
		t.Fatal("two seals of one value are equal: the nonce is not fresh")
	}
	got, err := s.Open(sealed, "tugas:7")
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("open: %q %v", got, err)
	}
	if _, err := s.Open(sealed, "tugas:8"); !errors.Is(err, ErrUnsealed) {
		t.Fatalf("another row's label opened it: %v", err)
	}
	other := make([]byte, KeySize)
	_, _ = rand.Read(other)
	o, _ := NewSealer(other)
	if _, err := o.Open(sealed, "tugas:7"); !errors.Is(err, ErrUnsealed) {
		t.Fatalf("another key opened it: %v", err)
	}
	tampered := bytes.Clone(sealed)
	tampered[len(tampered)-1] ^= 1
	if _, err := s.Open(tampered, "tugas:7"); !errors.Is(err, ErrUnsealed) {
		t.Fatalf("an altered value opened: %v", err)
	}
	if _, err := s.Open([]byte("x"), "tugas:7"); !errors.Is(err, ErrUnsealed) {
		t.Fatalf("a short value: %v", err)
	}
}

func TestParseKey(t *testing.T) {
	key := make([]byte, KeySize)
	_, _ = rand.Read(key)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawURLEncoding} {
		got, err := ParseKey(" " + enc.EncodeToString(key) + "\n")
		if err != nil || !bytes.Equal(got, key) {
			t.Fatalf("parse: %v", err)
		}
	}
	for _, bad := range []string{"", "pendek", base64.StdEncoding.EncodeToString(key[:16]), "!!!"} {
		if _, err := ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) accepted", bad)
		}
	}
}
