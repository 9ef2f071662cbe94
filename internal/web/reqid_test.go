package web_test

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinerja/internal/web"
)

// TestRequestIDOnTheErrorPageAndInTheLog: every response names its request id; the
// error page shows it as the kode galat, and the request's log lines carry it.
func TestRequestIDOnTheErrorPageAndInTheLog(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{t: t}
	a := newApp(t, false, func(o *web.Options) {
		o.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	})
	c := a.clientAs(a.people().staff.NIP)
	r := c.get("/halaman-yang-tidak-ada")
	id := r.header.Get("X-Request-Id")
	if r.status != http.StatusNotFound || len(id) != 12 || !strings.Contains(r.text(), "Kode galat: "+id) {
		t.Fatalf("404: %d %q %s", r.status, id, r.text())
	}
	if other := c.get("/halaman-yang-tidak-ada").header.Get("X-Request-Id"); other == id || other == "" {
		t.Fatalf("two requests, ids %q and %q", id, other)
	}
	// A form without its CSRF token is refused and logged, with the request's id.
	refused := c.postRaw("/pemberitahuan/dibaca", url.Values{"sampai": {"1"}}, nil)
	rid := refused.header.Get("X-Request-Id")
	if refused.status != http.StatusForbidden || !strings.Contains(refused.text(), "Kode galat: "+rid) {
		t.Fatalf("refused: %d %s", refused.status, refused.text())
	}
	if !strings.Contains(logs.String(), "csrf refused") || !strings.Contains(logs.String(), "request_id="+rid) {
		t.Fatalf("the log lacks the request id %s: %s", rid, logs.String())
	}
}
