package web_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/dbtest"
	"kinerja/internal/web"
)

// lockedBuffer is a log sink the test reads while the server writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
	t  *testing.T
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.t.Log(strings.TrimSpace(string(p)))
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// setConnections lets the app's database accept connections or not; refusing also
// ends the open ones, as a restart of PostgreSQL does.
func setConnections(t *testing.T, a *app, allow bool) {
	t.Helper()
	ctx := context.Background()
	var name string
	if allow {
		u, _ := url.Parse(a.db.URL)
		name = strings.TrimPrefix(u.Path, "/")
	} else if err := a.db.Pool.QueryRow(ctx, `SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	admin, err := pgx.Connect(ctx, dbtest.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, fmt.Sprintf(`ALTER DATABASE %s ALLOW_CONNECTIONS %v`, pgx.Identifier{name}.Sanitize(), allow)); err != nil {
		t.Fatal(err)
	}
	if !allow {
		if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, name); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDatabaseOutageAnswers503AndKeepsTheInput checks that while PostgreSQL refuses
// connections, pages answer 503 with Retry-After, a POST's input comes back on the
// page to send again, the outage is logged once, and the app recovers by itself.
func TestDatabaseOutageAnswers503AndKeepsTheInput(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{t: t}
	a := newApp(t, false, func(o *web.Options) {
		o.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	})
	c, _, mine := approvedSKP(t, a)
	page := c.get(mine + "/realisasi?ke=1")
	iki := regexp.MustCompile(`name="nilai_(\d+)"`).FindStringSubmatch(page.body)[1]
	version := regexp.MustCompile(`name="v_` + iki + `" value="(\d+)"`).FindStringSubmatch(page.body)
	if version == nil {
		t.Fatal("no version field")
	}

	setConnections(t, a, false)
	restored := false
	t.Cleanup(func() {
		if !restored {
			setConnections(t, a, true)
		}
	})
	for range 3 {
		r := c.get("/")
		if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" || !strings.Contains(r.text(), "Layanan sedang tidak tersedia") {
			t.Fatalf("GET during the outage: %d %q %s", r.status, r.header.Get("Retry-After"), r.text())
		}
	}
	r := c.post(mine+"/realisasi?ke=1", url.Values{"v_" + iki: {version[1]}, "nilai_" + iki: {"7"}, "teks_" + iki: {"tujuh dokumen selesai"}})
	if r.status != http.StatusServiceUnavailable || !strings.Contains(r.text(), "belum tersimpan") ||
		!strings.Contains(r.body, `name="teks_`+iki+`" value="tujuh dokumen selesai"`) || !strings.Contains(r.body, `name="csrf_token"`) {
		t.Fatalf("POST during the outage: %d %s", r.status, r.body)
	}
	if n := strings.Count(logs.String(), "database unavailable"); n != 1 {
		t.Fatalf("the outage was logged %d times over 4 requests", n)
	}
	if strings.Contains(logs.String(), `msg="server error"`) {
		t.Fatal("the outage was logged as a server error")
	}

	// The database comes back: no restart, and the kept input is sent again.
	setConnections(t, a, true)
	restored = true
	deadline := time.Now().Add(10 * time.Second)
	for c.get("/").status != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("the app did not recover")
		}
		time.Sleep(100 * time.Millisecond)
	}
	form := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)"`).FindAllStringSubmatch(r.body, -1) {
		form.Add(m[1], m[2])
	}
	if again := c.postRaw(mine+"/realisasi?ke=1", form, nil); again.status != http.StatusSeeOther {
		t.Fatalf("sending again: %d %s", again.status, again.text())
	}
	if page := c.get(mine + "/realisasi?ke=1"); !strings.Contains(page.body, `value="7"`) {
		t.Fatal("the realisasi sent again was not saved")
	}
}

// trickle sends head, then waits longer than the server's upload timeout.
type trickle struct {
	head []byte
	wait time.Duration
	sent bool
}

func (tr *trickle) Read(p []byte) (int, error) {
	if !tr.sent {
		tr.sent = true
		return copy(p, tr.head), nil
	}
	time.Sleep(tr.wait)
	return copy(p, "x"), nil
}

// TestSlowUploadAnswers408 checks that a form body that trickles in is cut off at
// the upload timeout with 408 and a message, and nothing runs.
func TestSlowUploadAnswers408(t *testing.T) {
	t.Parallel()
	a := newApp(t, false, func(o *web.Options) { o.UploadTimeout = 300 * time.Millisecond })
	ppl := a.people()
	c := a.clientAs(ppl.admin.NIP)
	token := c.csrf()
	body := &trickle{head: []byte("--b\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + token + "\r\n--b\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"a.csv\"\r\n\r\nNIP,"), wait: time.Second}
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/impor", body)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
	start := time.Now()
	r := c.do(req)
	if r.status != http.StatusRequestTimeout || !strings.Contains(r.text(), "Unggahan terlalu lama") || time.Since(start) > 5*time.Second {
		t.Fatalf("trickled upload: %d after %v: %s", r.status, time.Since(start), r.text())
	}
}

// TestHeldLockAnswers409WithTheInput checks that a save that waits for a row lock
// held by someone else past the lock timeout answers 409 with the form as it was
// sent, instead of hanging.
func TestHeldLockAnswers409WithTheInput(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c, _, mine := approvedSKP(t, a)
	page := c.get(mine + "/realisasi?ke=1")
	iki := regexp.MustCompile(`name="nilai_(\d+)"`).FindStringSubmatch(page.body)[1]
	version := regexp.MustCompile(`name="v_` + iki + `" value="(\d+)"`).FindStringSubmatch(page.body)[1]
	skpID := regexp.MustCompile(`/skp/(\d+)`).FindStringSubmatch(mine)[1]

	ctx := context.Background()
	var name string
	if err := a.db.Pool.QueryRow(ctx, `SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.Pool.Exec(ctx, `ALTER DATABASE `+pgx.Identifier{name}.Sanitize()+` SET lock_timeout = '300ms'`); err != nil {
		t.Fatal(err)
	}
	a.db.Pool.Reset() // new connections take the setting
	holder, err := pgx.Connect(ctx, a.db.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SELECT 1 FROM skp WHERE id = $1 FOR UPDATE`, skpID); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := c.post(mine+"/realisasi?ke=1", url.Values{"v_" + iki: {version}, "nilai_" + iki: {"9"}, "teks_" + iki: {"sembilan dokumen"}})
	if r.status != http.StatusConflict || !strings.Contains(r.text(), "sedang disimpan oleh orang lain") ||
		!strings.Contains(r.body, `value="9"`) || !strings.Contains(r.body, `value="sembilan dokumen"`) || time.Since(start) > 5*time.Second {
		t.Fatalf("save against a held lock: %d after %v: %s", r.status, time.Since(start), r.text())
	}
	_ = tx.Rollback(ctx)
	if r := c.post(mine+"/realisasi?ke=1", url.Values{"v_" + iki: {version}, "nilai_" + iki: {"9"}, "teks_" + iki: {"sembilan dokumen"}}); r.status != http.StatusSeeOther {
		t.Fatalf("after the lock is gone: %d %s", r.status, r.text())
	}
}
