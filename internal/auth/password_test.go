package auth_test

import (
	"strings"
	"testing"
	"time"

	"kinerja/internal/auth"
)

func TestHashAndVerify(t *testing.T) {
	h, err := auth.HashPassword("rahasia-123")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not argon2id with the expected parameters", h)
	}
	h2, _ := auth.HashPassword("rahasia-123")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	for pw, want := range map[string]bool{"rahasia-123": true, "rahasia-124": false, "": false, "RAHASIA-123": false} {
		ok, err := auth.VerifyPassword(h, pw)
		if err != nil || ok != want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
}

func TestVerifyRejectsMalformedHashes(t *testing.T) {
	for _, h := range []string{"", "plain", "$2a$10$abcdefghijklmnopqrstuv", "$argon2id$v=19$m=0,t=2,p=1$c2FsdA$a2V5",
		"$argon2id$v=18$m=19456,t=2,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=19456,t=2,p=1$!!!$a2V5"} {
		if _, err := auth.VerifyPassword(h, "x"); err != auth.ErrMalformedHash {
			t.Errorf("VerifyPassword(%q) error = %v, want ErrMalformedHash", h, err)
		}
	}
}

func TestThrottleHoldGrowsToItsCap(t *testing.T) {
	nip := auth.DefaultLimits.NIP
	for _, c := range []struct {
		failures int
		want     time.Duration
	}{{0, 0}, {20, 0}, {21, time.Second}, {22, 2 * time.Second}, {26, 32 * time.Second}, {27, time.Minute}, {500, time.Minute}} {
		if got := nip.HoldAfter(c.failures); got != c.want {
			t.Errorf("NIP hold after %d failures = %v, want %v", c.failures, got, c.want)
		}
	}
	pair := auth.DefaultLimits.Pair
	if pair.HoldAfter(4) != 0 || pair.HoldAfter(5) != 15*time.Minute || pair.HoldAfter(50) != 15*time.Minute {
		t.Errorf("pair holds: %v %v %v", pair.HoldAfter(4), pair.HoldAfter(5), pair.HoldAfter(50))
	}
	// One address adds at most Pair.MaxFailures to a NIP's count per window, which
	// stays below the NIP's threshold: no single address can delay the owner.
	if auth.DefaultLimits.Pair.MaxFailures >= auth.DefaultLimits.NIP.MaxFailures {
		t.Error("one address can reach the NIP's threshold")
	}
}
