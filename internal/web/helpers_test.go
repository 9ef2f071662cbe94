package web_test

import (
	"bytes"
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/riverqueue/river"

	"kinerja/internal/auth"
	"kinerja/internal/dbtest"
	"kinerja/internal/pdf"
	"kinerja/internal/queue"
	"kinerja/internal/seed"
	"kinerja/internal/store"
	"kinerja/internal/web"
)

// app is a real server over a per-test seeded database.
type app struct {
	t     *testing.T
	srv   *httptest.Server
	db    dbtest.DB
	ds    *seed.Dataset
	store *store.Store
	clock *clock
}

// clock is the server's time, which a test may move forward.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newApp starts the server; opts adjust its options.
func newApp(t *testing.T, secure bool, opts ...func(*web.Options)) *app {
	t.Helper()
	db := dbtest.NewSeeded(t)
	st := store.New(db.Pool)
	logger := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sessions := scs.New()
	sessions.Store = st.Sessions(web.SessionAkun)
	sessions.Codec = web.SessionCodec{}
	sessions.ErrorFunc = web.SessionError(logger)
	sessions.Cookie.Name = "kinerja_session"
	sessions.Cookie.HttpOnly = true
	sessions.Cookie.SameSite = http.SameSiteLaxMode
	sessions.Cookie.Secure = secure
	clk := &clock{t: time.Now()}
	printer := pdf.NewRenderer(pdf.FindChromium(os.Getenv))
	t.Cleanup(printer.Close)
	sealer, err := auth.NewSealer(bytes.Repeat([]byte{7}, auth.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	workers := river.NewWorkers()
	o := web.Options{Store: st, Sessions: sessions, CookieSecure: secure, Location: time.UTC,
		SessionIdle: 2 * time.Hour, Now: clk.now, Logger: logger, PDF: printer,
		Sealer: sealer, Workers: workers}
	for _, f := range opts {
		f(&o)
	}
	h := web.New(o)
	jobClient, err := queue.Start(context.Background(), db.Pool, workers, queue.Config{Workers: 2, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		stopCtx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		if err := jobClient.StopAndCancel(stopCtx); err != nil {
			t.Errorf("job client: %v", err)
		}
	})
	return &app{t: t, srv: srv, db: db, ds: dbtest.DemoDataset(t), store: st, clock: clk}
}

// client is one browser: a cookie jar, no automatic redirects.
type client struct {
	a   *app
	hc  *http.Client
	jar *cookiejar.Jar
}

func (a *app) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{a: a, jar: jar, hc: &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// clientAs is a client signed in as nip.
func (a *app) clientAs(nip string) *client {
	c := a.client()
	c.login(nip)
	return c
}

type resp struct {
	status int
	header http.Header
	body   string
}

// text is the page as a person reads it: tags removed, entities decoded, spaces folded.
var inlineTag = regexp.MustCompile(`</?(?i:a|abbr|b|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|time|u|var)(\s[^>]*)?>`)

func (r resp) text() string {
	s := regexp.MustCompile(`(?s)<(script|style)[^>]*>.*?</(script|style)>`).ReplaceAllString(r.body, " ")
	// Inline elements join their neighbours as a browser shows them, so a
	// missing space ("Kepala Sekolah:Nama") shows in the text too.
	s = inlineTag.ReplaceAllString(s, "")
	s = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

func (c *client) do(req *http.Request) resp {
	c.a.t.Helper()
	res, err := c.hc.Do(req)
	if err != nil {
		c.a.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: string(b)}
}

func (c *client) get(path string) resp {
	c.a.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.a.srv.URL+path, nil)
	return c.do(req)
}

// csrf returns the token a page's forms carry, loading the login page if needed.
func (c *client) csrf() string {
	c.a.t.Helper()
	u, _ := url.Parse(c.a.srv.URL)
	for _, ck := range c.jar.Cookies(u) {
		if ck.Name == "kinerja_csrf" {
			return ck.Value
		}
	}
	c.get("/login")
	for _, ck := range c.jar.Cookies(u) {
		if ck.Name == "kinerja_csrf" {
			return ck.Value
		}
	}
	c.a.t.Fatal("no csrf cookie")
	return ""
}

// post sends a form with the CSRF token included.
func (c *client) post(path string, form url.Values) resp {
	c.a.t.Helper()
	form = cloneValues(form)
	form.Set("csrf_token", c.csrf())
	return c.postRaw(path, form, nil)
}

func (c *client) postRaw(path string, form url.Values, header http.Header) resp {
	c.a.t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, c.a.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	return c.do(req)
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func (c *client) login(nip string) {
	c.a.t.Helper()
	r := c.post("/login", url.Values{"nip": {nip}, "password": {seed.DemoPassword}})
	if r.status != http.StatusSeeOther {
		c.a.t.Fatalf("login %s: status %d: %s", nip, r.status, r.text())
	}
}

func (c *client) sessionToken() string {
	u, _ := url.Parse(c.a.srv.URL)
	for _, ck := range c.jar.Cookies(u) {
		if ck.Name == "kinerja_session" {
			return ck.Value
		}
	}
	return ""
}

// people picks demo pegawai for each role.
type people struct {
	admin, kepalaDisdik, penilai, staff, dinkesStaff seed.Pegawai
	disdikOPD, dinkesOPD                             int64
	seksiUnit, dinkesUnit                            int64
}

func (a *app) people() people {
	a.t.Helper()
	ds := a.ds
	var p people
	unitByName := map[string]seed.Unit{}
	for _, u := range ds.Units {
		unitByName[u.Nama] = u
	}
	head := map[int64]int64{}
	for _, j := range ds.Jabatan {
		if j.Kepala {
			head[j.UnitID] = j.ID
		}
	}
	byJabatan := func(jid int64) seed.Pegawai {
		for _, x := range ds.Pegawai {
			if x.JabatanID == jid {
				return x
			}
		}
		a.t.Fatalf("no pegawai in jabatan %d", jid)
		return seed.Pegawai{}
	}
	disdik := unitByName["Dinas Pendidikan"]
	seksi := unitByName["Seksi Kurikulum SD"]
	dinkesSeksi := unitByName["Seksi Promosi Kesehatan"]
	p.disdikOPD, p.dinkesOPD = disdik.OPDID, dinkesSeksi.OPDID
	p.seksiUnit, p.dinkesUnit = seksi.ID, dinkesSeksi.ID
	p.kepalaDisdik = byJabatan(head[disdik.ID])
	p.penilai = byJabatan(head[seksi.ID])
	for _, x := range ds.Pegawai {
		if x.ID == ds.AdminIDs[0] {
			p.admin = x
		}
		if x.UnitID == seksi.ID && x.ID != p.penilai.ID && p.staff.ID == 0 {
			p.staff = x
		}
		if x.UnitID == dinkesSeksi.ID && x.JabatanID != head[dinkesSeksi.ID] && p.dinkesStaff.ID == 0 {
			p.dinkesStaff = x
		}
	}
	if p.staff.ID == 0 || p.dinkesStaff.ID == 0 || p.admin.ID == 0 {
		a.t.Fatal("demo data lacks a role")
	}
	return p
}

// testLog sends the server's log to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
