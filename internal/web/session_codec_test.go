package web_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"kinerja/internal/dbtest"
	"kinerja/internal/store"
	"kinerja/internal/web"
)

func TestSessionCodec(t *testing.T) {
	t.Parallel()
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

// TestSessionError checks scs's error hook over the real session store: a session
// read that fails because the client has gone is dropped quietly, while any other
// failure is logged and answered with a 500.
func TestSessionError(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	var logs bytes.Buffer
	sm := scs.New()
	sm.Store = store.New(db.Pool).Sessions(web.SessionAkun)
	sm.Codec = web.SessionCodec{}
	sm.Cookie.Name = "kinerja_session"
	sm.ErrorFunc = web.SessionError(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})))
	reached := false
	h := sm.LoadAndSave(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached = true }))

	gone, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/", nil).WithContext(gone)
	req.AddCookie(&http.Cookie{Name: "kinerja_session", Value: "some-token"})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if reached || rec.Code != http.StatusOK || rec.Body.Len() != 0 || logs.Len() != 0 {
		t.Fatalf("client gone: handler reached %v, status %d, body %q, logs %q", reached, rec.Code, rec.Body, logs.String())
	}

	rec = httptest.NewRecorder()
	web.SessionError(slog.New(slog.NewTextHandler(&logs, nil)))(rec, httptest.NewRequest(http.MethodGet, "/x", nil), errors.New("store down"))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "store down") {
		t.Fatalf("store failure: status %d, logs %q", rec.Code, logs.String())
	}
}
