// Package mailtest starts a real SMTP server for tests: Mailpit (installed by
// scripts/mailpit.sh, found through KINERJA_MAILPIT), one per test, on free local
// ports, and reads the messages it received back through its HTTP API. A test that
// needs it fails, never skips, when Mailpit is not there.
package mailtest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/mailer"
)

// Server is one running Mailpit.
type Server struct {
	SMTP     mailer.Config
	api      string
	bin      string
	httpPort int
	cmd      *exec.Cmd
	// Args are Mailpit's extra flags, used at the next (re)start.
	Args []string
}

// Message is a received mail.
type Message struct {
	ID      string
	To      string
	Subject string
	Text    string
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Start starts Mailpit for the test, with extra flags, and stops it at the end.
func Start(t testing.TB, args ...string) *Server {
	t.Helper()
	bin := os.Getenv("KINERJA_MAILPIT")
	if bin == "" {
		t.Fatal("KINERJA_MAILPIT is not set: run the tests with make test, which installs Mailpit (scripts/mailpit.sh)")
	}
	s := &Server{SMTP: mailer.Config{Host: "127.0.0.1", Port: freePort(t), TLS: "none", From: "kinerja@bkd.example.go.id", Timeout: 10 * time.Second},
		bin: bin, httpPort: freePort(t), Args: args}
	s.api = fmt.Sprintf("http://127.0.0.1:%d", s.httpPort)
	s.start(t)
	t.Cleanup(func() { s.Stop(t) })
	return s
}

func (s *Server) start(t testing.TB) {
	t.Helper()
	cmd := exec.Command(s.bin, append([]string{"--smtp", "127.0.0.1:" + strconv.Itoa(s.SMTP.Port), "--listen", "127.0.0.1:" + strconv.Itoa(s.httpPort),
		"--quiet", "--smtp-disable-rdns", "--max", "20000"}, s.Args...)...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start mailpit: %v", err)
	}
	s.cmd = cmd
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if r, err := http.Get(s.api + "/api/v1/messages?limit=1"); err == nil {
			r.Body.Close()
			if c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(s.SMTP.Port)); err == nil {
				c.Close()
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("mailpit did not start")
		}
	}
}

// Restart starts a stopped server again on the same ports, empty.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.start(t)
}

// Stop stops the server: an SMTP outage.
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	if s.cmd != nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
		s.cmd = nil
	}
}

// Messages returns every received message, oldest first, with its text.
func (s *Server) Messages(t testing.TB) []Message {
	t.Helper()
	var list struct {
		Messages []struct {
			ID      string
			To      []struct{ Address string }
			Subject string
		}
	}
	s.get(t, "/api/v1/messages?limit=20000", &list)
	out := make([]Message, 0, len(list.Messages))
	for i := len(list.Messages) - 1; i >= 0; i-- {
		m := list.Messages[i]
		var to []string
		for _, a := range m.To {
			to = append(to, a.Address)
		}
		out = append(out, Message{ID: m.ID, To: strings.Join(to, ","), Subject: m.Subject})
	}
	return out
}

// Text returns a message's plain text.
func (s *Server) Text(t testing.TB, id string) string {
	t.Helper()
	var m struct{ Text string }
	s.get(t, "/api/v1/message/"+id, &m)
	return m.Text
}

// Count is how many messages arrived.
func (s *Server) Count(t testing.TB) int {
	t.Helper()
	var list struct{ Total int }
	s.get(t, "/api/v1/messages?limit=1", &list)
	return list.Total
}

// Wait waits until at least n messages arrived and returns them.
func (s *Server) Wait(t testing.TB, n int, within time.Duration) []Message {
	t.Helper()
	for deadline := time.Now().Add(within); ; time.Sleep(100 * time.Millisecond) {
		if s.Count(t) >= n {
			return s.Messages(t)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d mails arrived within %s", s.Count(t), n, within)
		}
	}
}

func (s *Server) get(t testing.TB, path string, v any) {
	t.Helper()
	r, err := http.Get(s.api + path)
	if err != nil {
		t.Fatalf("mailpit %s: %v", path, err)
	}
	defer r.Body.Close()
	if r.StatusCode != http.StatusOK {
		t.Fatalf("mailpit %s: %s", path, r.Status)
	}
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		t.Fatalf("mailpit %s: %v", path, err)
	}
}
