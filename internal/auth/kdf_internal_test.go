package auth

import (
	"sync"
	"testing"
)

// TestDerivationsAreBounded runs four times as many verifications at once as there
// are slots and checks that no more than the slots ever derived a key together.
func TestDerivationsAreBounded(t *testing.T) {
	h, err := HashPassword("rahasia-123")
	if err != nil {
		t.Fatal(err)
	}
	kdfPeak.Store(0)
	var wg sync.WaitGroup
	for range 4 * cap(kdfSlots) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, err := VerifyPassword(h, "rahasia-123"); !ok || err != nil {
				t.Errorf("verify: %v %v", ok, err)
			}
		}()
	}
	wg.Wait()
	if p := kdfPeak.Load(); p < 1 || p > int32(cap(kdfSlots)) {
		t.Fatalf("%d derivations ran at once; the bound is %d", p, cap(kdfSlots))
	}
}
