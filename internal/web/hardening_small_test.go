package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kinerja/internal/seed"
)

// TestStaticServesFilesOnly checks that /static/ serves its files and lists no
// directory.
func TestStaticServesFilesOnly(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c := a.client()
	if r := c.get("/static/style.css"); r.status != http.StatusOK {
		t.Fatalf("style.css: %d", r.status)
	}
	for _, p := range []string{"/static/", "/static", "/static/.", "/static//"} {
		r := c.get(p)
		if r.status != http.StatusNotFound || strings.Contains(r.body, `<a href="style.css"`) || strings.Contains(r.body, "<pre>") {
			t.Errorf("GET %s: %d, want 404 and no listing:\n%s", p, r.status, r.body)
		}
	}
}

// TestHeadAnswersLikeGet checks that HEAD on GET routes answers as GET would, with
// no body, instead of 405.
func TestHeadAnswersLikeGet(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.staff.NIP)
	for path, want := range map[string]int{"/": http.StatusOK, "/skp": http.StatusOK, "/healthz": http.StatusOK, "/static/style.css": http.StatusOK,
		"/pegawai": http.StatusForbidden, "/tidak-ada": http.StatusNotFound, "/login": http.StatusSeeOther} {
		if r := c.get(path); r.status != want {
			t.Fatalf("GET %s: %d, want %d", path, r.status, want)
		}
		req, _ := http.NewRequest(http.MethodHead, a.srv.URL+path, nil)
		r := c.do(req)
		if r.status != want || r.body != "" {
			t.Errorf("HEAD %s: %d with %d bytes, want %d and no body", path, r.status, len(r.body), want)
		}
	}
}

// TestCSRFTokenChangesAtLoginAndLogout checks that a token seen before signing in or
// out is refused after it.
func TestCSRFTokenChangesAtLoginAndLogout(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.client()
	c.get("/login")
	before := c.csrf()
	if before == "" {
		t.Fatal("no token before login")
	}
	c.login(ppl.staff.NIP)
	signedIn := c.csrf()
	if signedIn == "" || signedIn == before {
		t.Fatalf("token at login: %q, before %q", signedIn, before)
	}
	if r := c.post("/logout", nil); r.status != http.StatusSeeOther && r.status != http.StatusOK {
		t.Fatalf("logout: %d", r.status)
	}
	if after := c.csrf(); after == "" || after == signedIn || after == before {
		t.Fatalf("token after logout: %q (signed in %q, before %q)", after, signedIn, before)
	}
	// The old token no longer passes: the form carries it, the cookie is the new one.
	if r := c.postRaw("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}, "csrf_token": {signedIn}}, nil); r.status != http.StatusForbidden {
		t.Fatalf("login with the old token: %d", r.status)
	}
}

// TestExportRefusesAnUnknownFilter checks that an OPD or unit id that is not a
// number, too large or unknown answers 400, and a real one exports.
func TestExportRefusesAnUnknownFilter(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.admin.NIP)
	for _, q := range []string{"opd=2147483648", "opd=9223372036854775807", "opd=99999999999999999999", "opd=abc", "opd=-1", "unit=2147483648", "unit=0"} {
		for _, ext := range []string{"csv", "xlsx"} {
			if r := c.get("/pegawai/ekspor." + ext + "?" + q); r.status != http.StatusBadRequest || !strings.Contains(r.text(), "Filter tidak valid") {
				t.Errorf("ekspor.%s?%s: %d", ext, q, r.status)
			}
		}
	}
	r := c.get("/pegawai/ekspor.csv?opd=" + strconv.FormatInt(ppl.disdikOPD, 10))
	if r.status != http.StatusOK || !strings.Contains(r.body, ppl.staff.NIP) {
		t.Fatalf("export of Dinas Pendidikan: %d", r.status)
	}
	if r := c.get("/pegawai?opd=2147483648"); r.status != http.StatusOK {
		t.Fatalf("search with an unknown OPD: %d", r.status)
	}
}
