package web_test

import (
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"kinerja/internal/web"
)

func TestSessionCodec(t *testing.T) {
	deadline := time.Date(2026, 11, 23, 10, 0, 0, 123, time.UTC)
	in := map[string]any{"akun_id": int64(42), "seen": int64(1763900000), "flash": "Data disimpan.", "flash_kind": "sukses", "x": true}
	b, err := web.SessionCodec{}.Encode(deadline, in)
	if err != nil {
		t.Fatal(err)
	}
	d, out, err := web.SessionCodec{}.Decode(b)
	if err != nil || !d.Equal(deadline) || len(out) != len(in) {
		t.Fatalf("round trip: %v %v %v", d, out, err)
	}
	for k, v := range in {
		if out[k] != v {
			t.Errorf("%s = %#v, want %#v", k, out[k], v)
		}
	}
	if _, err := (web.SessionCodec{}).Encode(deadline, map[string]any{"f": 1.5}); err == nil {
		t.Error("a float was encoded")
	}
	old, _ := scs.GobCodec{}.Encode(deadline, map[string]any{"akun_id": int64(7)})
	if _, v, err := (web.SessionCodec{}).Decode(old); err != nil || v["akun_id"] != int64(7) {
		t.Errorf("gob data: %v %v", v, err)
	}
	for _, junk := range [][]byte{{0xB1}, {0xB1, 1, 2, 3, 4, 5, 6, 7, 8, 200}, append(b[:len(b)-3:len(b)-3], 0xff)} {
		if _, _, err := (web.SessionCodec{}).Decode(junk); err == nil {
			t.Errorf("corrupt data %v decoded", junk)
		}
	}
}
