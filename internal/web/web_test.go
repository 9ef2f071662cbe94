package web_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kinerja/internal/org"
	"kinerja/internal/seed"
	"kinerja/internal/store"
	"kinerja/internal/web"
)

func TestLoginAndLogout(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.client()

	r := c.get("/login")
	if r.status != http.StatusOK || !strings.Contains(r.text(), "NIP") || !strings.Contains(r.text(), "Kata sandi") || !strings.Contains(r.text(), "Masuk") {
		t.Fatalf("login page: %d %s", r.status, r.text())
	}
	for _, want := range []string{`<label for="nip">NIP</label>`, `<label for="password">Kata sandi</label>`, `name="csrf_token"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("login page lacks %s", want)
		}
	}

	r = c.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/" {
		t.Fatalf("login: %d → %q", r.status, r.header.Get("Location"))
	}
	home := c.get("/")
	if home.status != http.StatusOK {
		t.Fatalf("beranda: %d", home.status)
	}
	txt := home.text()
	atasan := org.NamaLengkap(ppl.penilai.GelarDepan, ppl.penilai.Nama, ppl.penilai.GelarBelakang)
	for _, want := range []string{
		org.NamaLengkap(ppl.staff.GelarDepan, ppl.staff.Nama, ppl.staff.GelarBelakang),
		org.FormatNIP(ppl.staff.NIP), "Pangkat/Gol", "Seksi Kurikulum SD", "Dinas Pendidikan", "Atasan Langsung " + atasan, "Keluar",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("beranda lacks %q:\n%s", want, txt)
		}
	}

	r = c.post("/logout", nil)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/login" {
		t.Fatalf("logout: %d → %q", r.status, r.header.Get("Location"))
	}
	if r := c.get("/login"); !strings.Contains(r.text(), "Anda telah keluar.") {
		t.Errorf("no logout message: %s", r.text())
	}
	if r := c.get("/"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login") {
		t.Fatalf("after logout, beranda: %d → %q", r.status, r.header.Get("Location"))
	}
	for _, action := range []string{"akun.login", "akun.logout"} {
		entries, err := a.store.ListAudit(t.Context(), store.AuditFilter{Action: action})
		if err != nil || len(entries) != 1 || entries[0].ActorLabel != ppl.staff.NIP {
			t.Errorf("audit %s = %+v, %v", action, entries, err)
		}
	}
}

func TestLoginErrors(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.client()

	t.Run("empty fields are named next to the field", func(t *testing.T) {
		r := c.post("/login", url.Values{"nip": {""}, "password": {""}})
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		if !regexp.MustCompile(`<title>Galat: [^<]+ · Kinerja</title>`).MatchString(r.body) {
			t.Errorf("the title of a form with errors does not start with \"Galat: \"")
		}
		for _, want := range []string{`id="nip-error">NIP wajib diisi.`, `id="password-error">Kata sandi wajib diisi.`, `aria-invalid="true"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("lacks %s", want)
			}
		}
	})
	t.Run("malformed NIP is kept and explained", func(t *testing.T) {
		r := c.post("/login", url.Values{"nip": {"12345abc"}, "password": {"x"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "NIP harus 18 digit angka.") || !strings.Contains(r.body, `value="12345abc"`) {
			t.Fatalf("status %d: %s", r.status, r.text())
		}
	})
	var wrongPw, unknown resp
	t.Run("wrong password and unknown NIP read the same", func(t *testing.T) {
		wrongPw = c.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {"salah"}})
		unknown = c.post("/login", url.Values{"nip": {"199001012019031999"}, "password": {"salah"}})
		for _, r := range []resp{wrongPw, unknown} {
			if r.status != http.StatusUnauthorized || !strings.Contains(r.text(), "NIP atau kata sandi salah.") {
				t.Fatalf("status %d: %s", r.status, r.text())
			}
		}
		if strings.Contains(wrongPw.text(), "tidak terdaftar") || strings.Contains(unknown.text(), "tidak terdaftar") {
			t.Fatal("a page tells whether the NIP exists")
		}
		if !strings.Contains(wrongPw.body, `value="`+ppl.staff.NIP+`"`) {
			t.Error("the NIP typed is not kept")
		}
	})
	t.Run("repeated failures are throttled", func(t *testing.T) {
		nip := ppl.dinkesStaff.NIP
		for i := 0; i < 5; i++ {
			if r := c.post("/login", url.Values{"nip": {nip}, "password": {"salah"}}); r.status != http.StatusUnauthorized {
				t.Fatalf("attempt %d: %d", i+1, r.status)
			}
		}
		r := c.post("/login", url.Values{"nip": {nip}, "password": {seed.DemoPassword}})
		if r.status != http.StatusTooManyRequests || !strings.Contains(r.text(), "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit.") {
			t.Fatalf("sixth attempt: %d %s", r.status, r.text())
		}
	})
}

func TestSessionCookieAndRenewal(t *testing.T) {
	t.Parallel()
	a := newApp(t, true)
	ppl := a.people()
	c := a.client()
	// An anonymous session exists after a logout message; its token must not survive login.
	r := c.postRaw("/logout", url.Values{"csrf_token": {c.csrf()}}, nil)
	var before string
	for _, sc := range r.header.Values("Set-Cookie") {
		if strings.HasPrefix(sc, "kinerja_session=") {
			before = strings.SplitN(strings.TrimPrefix(sc, "kinerja_session="), ";", 2)[0]
		}
	}
	if before == "" {
		t.Fatal("no anonymous session cookie")
	}
	form := url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}, "csrf_token": {c.csrf()}}
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "kinerja_session", Value: before})
	req.AddCookie(&http.Cookie{Name: "kinerja_csrf", Value: form.Get("csrf_token")})
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", res.StatusCode)
	}
	var setCookie string
	for _, sc := range res.Header.Values("Set-Cookie") {
		if strings.HasPrefix(sc, "kinerja_session=") {
			setCookie = sc
		}
	}
	after := strings.SplitN(strings.TrimPrefix(setCookie, "kinerja_session="), ";", 2)[0]
	if after == "" || after == before {
		t.Fatalf("session token not renewed at login: before %q after %q", before, after)
	}
	for _, attr := range []string{"HttpOnly", "Secure", "SameSite=Lax"} {
		if !strings.Contains(setCookie, attr) {
			t.Errorf("session cookie %q lacks %s", setCookie, attr)
		}
	}
}

func TestIdleSessionsEnd(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c := a.clientAs(a.people().staff.NIP)
	a.clock.advance(90 * time.Minute)
	if r := c.get("/"); r.status != http.StatusOK {
		t.Fatalf("after 90 idle minutes: %d", r.status)
	}
	a.clock.advance(90 * time.Minute) // 90 minutes since the last request: still within 2 hours
	if r := c.get("/"); r.status != http.StatusOK {
		t.Fatalf("activity must extend the session: %d", r.status)
	}
	a.clock.advance(2*time.Hour + time.Minute)
	r := c.get("/")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login") {
		t.Fatalf("after 2 idle hours: %d → %q", r.status, r.header.Get("Location"))
	}
	if r := c.get("/login"); !strings.Contains(r.text(), "Sesi Anda berakhir karena lama tidak aktif.") {
		t.Fatalf("no idle message: %s", r.text())
	}
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.staff.NIP)

	r := c.postRaw("/logout", url.Values{}, nil)
	if r.status != http.StatusForbidden || !strings.Contains(r.text(), "Token keamanan formulir tidak valid") {
		t.Fatalf("POST without token: %d %s", r.status, r.text())
	}
	r = c.postRaw("/logout", url.Values{"csrf_token": {"forged-token-forged-token-forged-token"}}, nil)
	if r.status != http.StatusForbidden {
		t.Fatalf("POST with a wrong token: %d", r.status)
	}
	r = c.postRaw("/logout", url.Values{"csrf_token": {c.csrf()}}, http.Header{"Sec-Fetch-Site": {"cross-site"}})
	if r.status != http.StatusForbidden {
		t.Fatalf("cross-site POST with the token: %d", r.status)
	}
	if r := c.get("/"); r.status != http.StatusOK {
		t.Fatalf("refused logouts must leave the session: %d", r.status)
	}
	fresh := a.client()
	r = fresh.postRaw("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}}, nil)
	if r.status != http.StatusForbidden {
		t.Fatalf("login POST without token: %d", r.status)
	}

	// A form the server cannot read whole is refused before any handler runs: an
	// upload over the limit, a malformed multipart body, an oversized plain form. None
	// carries a token, and none may sign the person out.
	send := func(contentType string, body io.Reader) resp {
		req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/logout", body)
		req.Header.Set("Content-Type", contentType)
		return c.do(req)
	}
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	_, _ = mw.CreateFormFile("berkas", "besar.bin")
	for _, x := range []struct {
		name, ct string
		body     io.Reader
		want     int
	}{
		{"upload over the limit", mw.FormDataContentType(), io.MultiReader(bytes.NewReader(head.Bytes()), io.LimitReader(junk{}, 22<<20)), http.StatusRequestEntityTooLarge},
		{"malformed multipart", "multipart/form-data; boundary=xyz", strings.NewReader("--xyz\r\nbroken"), http.StatusBadRequest},
		{"plain form over 1 MB", "application/x-www-form-urlencoded", strings.NewReader("a=" + strings.Repeat("b", 2<<20)), http.StatusRequestEntityTooLarge},
	} {
		if r := send(x.ct, x.body); r.status != x.want {
			t.Errorf("%s: %d, want %d: %s", x.name, r.status, x.want, r.text())
		}
		if r := c.get("/"); r.status != http.StatusOK {
			t.Fatalf("%s signed the person out: %d", x.name, r.status)
		}
	}
}

func TestSecurityHeadersAndErrorPages(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c := a.client()
	r := c.get("/login")
	csp := r.header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %s", csp, want)
		}
	}
	if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Referrer-Policy") == "" || r.header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("headers: %v", r.header)
	}
	if r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("login page Cache-Control = %q", r.header.Get("Cache-Control"))
	}
	nf := c.get("/tidak-ada")
	if nf.status != http.StatusNotFound || !strings.Contains(nf.text(), "Halaman tidak ditemukan") {
		t.Errorf("404: %d %s", nf.status, nf.text())
	}
	css := c.get("/static/style.css")
	if css.status != http.StatusOK || !strings.Contains(css.header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet: %d %s", css.status, css.header.Get("Content-Type"))
	}
	if h := c.get("/healthz"); h.status != http.StatusOK || strings.TrimSpace(h.body) != "ok" {
		t.Errorf("healthz: %d %q", h.status, h.body)
	}
	if h := c.get("/readyz"); h.status != http.StatusOK || !strings.Contains(h.body, `"ok"`) {
		t.Errorf("readyz: %d %q", h.status, h.body)
	}
}

func TestErrorPagesKeepTheMenu(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c := a.clientAs(a.people().admin.NIP)
	r := c.get("/tidak-ada")
	if r.status != http.StatusNotFound || !strings.Contains(r.body, `<nav class="nav"`) || !strings.Contains(r.text(), "Keluar") {
		t.Fatalf("404 for a signed-in admin: %d %s", r.status, r.text())
	}
	if r := c.get("/organisasi/abc"); r.status != http.StatusNotFound {
		t.Fatalf("non-numeric id: %d", r.status)
	}
	r = c.postRaw("/", url.Values{"csrf_token": {c.csrf()}}, nil)
	if r.status != http.StatusMethodNotAllowed || !strings.Contains(r.text(), "Metode tidak diizinkan") {
		t.Fatalf("POST /: %d %s", r.status, r.text())
	}
}

func TestInternalErrorsAreHidden(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c := a.clientAs(a.people().admin.NIP)
	if _, err := a.db.Pool.Exec(t.Context(), `ALTER TABLE perangkat_daerah RENAME TO perangkat_daerah_hilang`); err != nil {
		t.Fatal(err)
	}
	r := c.get("/organisasi")
	if r.status != http.StatusInternalServerError || !strings.Contains(r.text(), "Terjadi kesalahan") {
		t.Fatalf("broken query: %d %s", r.status, r.text())
	}
	if strings.Contains(r.body, "perangkat_daerah") || strings.Contains(r.body, "SQLSTATE") {
		t.Fatalf("the error page leaks internals: %s", r.text())
	}
}

func TestReadyzFailsOnAnOldSchema(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE schema_migrations SET dirty = true`); err != nil {
		t.Fatal(err)
	}
	if h := a.client().get("/readyz"); h.status != http.StatusServiceUnavailable {
		t.Fatalf("readyz with a dirty schema: %d", h.status)
	}
}

func TestNavigationFollowsRoles(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	tests := []struct {
		name    string
		who     seed.Pegawai
		want    []string
		notWant []string
	}{
		{"pegawai", ppl.staff, []string{"Beranda"}, []string{"Bawahan Langsung", "OPD Saya", "Organisasi", ">Pegawai<"}},
		{"penilai", ppl.penilai, []string{"Beranda", "Bawahan Langsung"}, []string{"OPD Saya", ">Organisasi<"}},
		{"kepala OPD", ppl.kepalaDisdik, []string{"Bawahan Langsung", "OPD Saya"}, []string{">Organisasi<", ">Pegawai<"}},
		{"admin", ppl.admin, []string{">Organisasi<", ">Pegawai<"}, []string{"OPD Saya"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := a.clientAs(tt.who.NIP)
			r := c.get("/")
			nav := r.body[strings.Index(r.body, `<nav class="nav"`):strings.Index(r.body, `</nav>`)]
			for _, w := range tt.want {
				if !strings.Contains(nav, w) {
					t.Errorf("menu lacks %s", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(nav, w) {
					t.Errorf("menu shows %s", w)
				}
			}
		})
	}
}

// TestAuthorizationMatrix checks every route for every role, including ids that
// belong to someone else (tampering with the URL).
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	id := func(n int64) string { return fmt.Sprint(n) }
	const (
		ok    = http.StatusOK
		deny  = http.StatusForbidden
		login = http.StatusSeeOther
		nf    = http.StatusNotFound
	)
	routes := []struct {
		path string
		// anonymous, pegawai, penilai, kepala OPD, admin
		want [5]int
	}{
		{"/", [5]int{login, ok, ok, ok, ok}},
		{"/bawahan", [5]int{login, ok, ok, ok, ok}},
		{"/organisasi", [5]int{login, deny, deny, deny, ok}},
		{"/organisasi/" + id(ppl.disdikOPD), [5]int{login, deny, deny, ok, ok}},
		{"/organisasi/" + id(ppl.dinkesOPD), [5]int{login, deny, deny, deny, ok}},
		{"/organisasi/999999", [5]int{login, deny, deny, deny, nf}},
		{"/organisasi/unit/" + id(ppl.seksiUnit), [5]int{login, deny, deny, ok, ok}},
		{"/organisasi/unit/" + id(ppl.dinkesUnit), [5]int{login, deny, deny, deny, ok}},
		{"/pegawai", [5]int{login, deny, deny, deny, ok}},
		{"/pegawai?q=siti", [5]int{login, deny, deny, deny, ok}},
		{"/pegawai/" + id(ppl.staff.ID), [5]int{login, ok, ok, ok, ok}},
		{"/pegawai/" + id(ppl.penilai.ID), [5]int{login, deny, ok, ok, ok}},
		{"/pegawai/" + id(ppl.kepalaDisdik.ID), [5]int{login, deny, deny, ok, ok}},
		{"/pegawai/" + id(ppl.dinkesStaff.ID), [5]int{login, deny, deny, deny, ok}},
		{"/pegawai/" + id(ppl.admin.ID), [5]int{login, deny, deny, deny, ok}},
		{"/pegawai/999999", [5]int{login, nf, nf, nf, nf}},
		{"/pegawai/" + id(ppl.staff.ID) + "/kinerja", [5]int{login, ok, ok, ok, ok}},
		{"/pegawai/" + id(ppl.penilai.ID) + "/kinerja", [5]int{login, deny, ok, ok, ok}},
		{"/pegawai/" + id(ppl.dinkesStaff.ID) + "/kinerja", [5]int{login, deny, deny, deny, ok}},
		{"/pegawai/999999/kinerja", [5]int{login, nf, nf, nf, nf}},
		{"/pegawai/abc", [5]int{login, nf, nf, nf, nf}},
		{"/pegawai/-1", [5]int{login, nf, nf, nf, nf}},
		{"/pemberitahuan", [5]int{login, ok, ok, ok, ok}},
		{"/pemberitahuan/pengaturan", [5]int{login, ok, ok, ok, ok}},
		{"/pemberitahuan/999999", [5]int{login, nf, nf, nf, nf}},
		{"/surel", [5]int{login, deny, deny, deny, ok}},
		{"/surel/999999", [5]int{login, deny, deny, deny, nf}},
		{"/laporan/tunggakan", [5]int{login, deny, ok, ok, ok}},
		{"/lupa-sandi", [5]int{ok, ok, ok, ok, ok}},
	}
	roles := []struct {
		name string
		nip  string
	}{{"anonim", ""}, {"pegawai", ppl.staff.NIP}, {"penilai", ppl.penilai.NIP}, {"kepala OPD", ppl.kepalaDisdik.NIP}, {"admin BKD", ppl.admin.NIP}}
	for i, role := range roles {
		c := a.client()
		if role.nip != "" {
			c.login(role.nip)
		}
		for _, rt := range routes {
			t.Run(role.name+" "+rt.path, func(t *testing.T) {
				r := c.get(rt.path)
				if r.status != rt.want[i] {
					t.Fatalf("status %d, want %d", r.status, rt.want[i])
				}
				if r.status == deny && !strings.Contains(r.text(), "Akses ditolak") {
					t.Errorf("403 page lacks its message: %s", r.text())
				}
				if r.status == login && !strings.HasPrefix(r.header.Get("Location"), "/login") {
					t.Errorf("redirect to %q", r.header.Get("Location"))
				}
			})
		}
	}
}

func TestLoginRedirectsBackOnlyLocally(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.client()
	target := fmt.Sprintf("/pegawai/%d", ppl.staff.ID)
	r := c.get(target)
	if r.header.Get("Location") != "/login?next="+url.QueryEscape(target) {
		t.Fatalf("redirect = %q", r.header.Get("Location"))
	}
	r = c.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}, "next": {target}})
	if r.header.Get("Location") != target {
		t.Fatalf("after login → %q, want %q", r.header.Get("Location"), target)
	}
	for _, next := range []string{"//evil.example/x", "/\t/evil.example/phish", "/\n/evil.example", "/\\evil.example", "/x\\..\\evil", "https://evil.example/",
		"/\x00/evil.example", "/\u0085/evil.example", "/%2F/evil.example", "javascript:alert(1)", "/\u202e/evil"} {
		// The login page does not carry it into its form either.
		if page := a.client().get("/login?next=" + url.QueryEscape(next)); strings.Contains(page.body, "evil") {
			t.Errorf("login page keeps next %q in its form", next)
		}
		c2 := a.client()
		r = c2.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}, "next": {next}})
		if r.header.Get("Location") != "/" {
			t.Errorf("next %q → %q, want /", next, r.header.Get("Location"))
		}
	}
	// A local path with a query stays as it is.
	keep := "/pegawai?q=siti%20aminah&page=2"
	if r := a.client().post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}, "next": {keep}}); r.header.Get("Location") != keep {
		t.Errorf("local next → %q, want %q", r.header.Get("Location"), keep)
	}
}

func TestAdminBrowsesOrganisation(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.admin.NIP)

	r := c.get("/organisasi")
	txt := r.text()
	for _, want := range []string{"Sekretariat Daerah", "Dinas Pendidikan", "Dinas Kesehatan", "Kecamatan Pesisir", "400 pegawai aktif", "Jumlah pegawai aktif per perangkat daerah"} {
		if !strings.Contains(txt, want) {
			t.Errorf("organisasi lacks %q", want)
		}
	}
	if !strings.Contains(r.body, "<svg") {
		t.Error("organisasi has no chart")
	}

	r = c.get(fmt.Sprintf("/organisasi/%d", ppl.disdikOPD))
	txt = r.text()
	for _, want := range []string{"Struktur unit kerja", "Sekretariat", "Bidang Pembinaan Sekolah Dasar", "Seksi Kurikulum SD", "SD Negeri 1 Kotalama", "Kepala Seksi Kurikulum SD"} {
		if !strings.Contains(txt, want) {
			t.Errorf("OPD tree lacks %q", want)
		}
	}

	if !strings.Contains(txt, "Kepala Seksi Kurikulum SD: "+org.NamaLengkap(ppl.penilai.GelarDepan, ppl.penilai.Nama, ppl.penilai.GelarBelakang)) {
		t.Errorf("OPD tree does not name the head of Seksi Kurikulum SD:\n%s", txt)
	}
	if strings.Contains(r.body, "@") {
		t.Errorf("OPD tree shows template source")
	}

	r = c.get(fmt.Sprintf("/organisasi/unit/%d", ppl.seksiUnit))
	if !strings.Contains(r.text(), ppl.staff.Nama) {
		t.Errorf("unit page lacks its staff %s", ppl.staff.Nama)
	}

	r = c.get("/pegawai?q=" + url.QueryEscape(ppl.staff.NIP[:14]))
	if r.status != http.StatusOK || !strings.Contains(r.text(), ppl.staff.Nama) {
		t.Fatalf("search by NIP prefix: %d", r.status)
	}
	r = c.get("/pegawai?q=" + url.QueryEscape(strings.ToLower(ppl.staff.Nama)))
	if !strings.Contains(r.text(), org.FormatNIP(ppl.staff.NIP)) {
		t.Fatalf("search by name lacks the NIP")
	}
	r = c.get("/pegawai?q=zzzzzz")
	if !strings.Contains(r.text(), "Tidak ada pegawai yang cocok dengan “zzzzzz”.") {
		t.Fatalf("empty search: %s", r.text())
	}
	r = c.get("/pegawai?q=" + strings.Repeat("a", 101))
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Kata kunci terlalu panjang") {
		t.Fatalf("long query: %d", r.status)
	}
	r = c.get("/pegawai")
	if !strings.Contains(r.text(), "Menampilkan 1–25 dari 400 pegawai") || !strings.Contains(r.body, `href="/pegawai?page=2"`) {
		t.Fatalf("pagination: %s", r.text())
	}
	r2 := c.get("/pegawai?page=16")
	if !strings.Contains(r2.text(), "Menampilkan 376–400 dari 400 pegawai") {
		t.Fatalf("last page: %s", r2.text())
	}
	if r := c.get("/pegawai?page=abc"); r.status != http.StatusOK || !strings.Contains(r.text(), "Menampilkan 1–25") {
		t.Fatalf("bad page number: %d", r.status)
	}

	r = c.get(fmt.Sprintf("/pegawai/%d", ppl.staff.ID))
	txt = r.text()
	for _, want := range []string{"Rantai atasan", ppl.penilai.Nama, "Atasan langsung", "Sekretaris Daerah"} {
		if !strings.Contains(txt, want) {
			t.Errorf("profile lacks %q", want)
		}
	}
}

func TestPenilaiSeesSubordinates(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.penilai.NIP)
	r := c.get("/bawahan")
	if !strings.Contains(r.text(), ppl.staff.Nama) || !strings.Contains(r.body, fmt.Sprintf(`href="/pegawai/%d"`, ppl.staff.ID)) {
		t.Fatalf("bawahan page lacks %s: %s", ppl.staff.Nama, r.text())
	}
	// The count above the list is the list's (issue 14: "0 pegawai" above three rows).
	n, _, err := a.store.SearchPegawai(t.Context(), store.PegawaiFilter{AtasanID: ppl.penilai.ID, Limit: 1000})
	if err != nil || len(n) == 0 {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%d pegawai menjadikan Anda atasan langsung", len(n)); !strings.Contains(r.text(), want) || !strings.Contains(r.text(), fmt.Sprintf("1–%d dari %d pegawai", len(n), len(n))) {
		t.Errorf("count: want %q in %s", want, r.text())
	}
	if strings.Contains(r.text(), ppl.dinkesStaff.Nama+" ") && ppl.dinkesStaff.Nama != ppl.staff.Nama {
		t.Errorf("bawahan page shows someone else's subordinate")
	}
	staff := a.clientAs(ppl.staff.NIP)
	if r := staff.get("/bawahan"); !strings.Contains(r.text(), "Anda tidak memiliki bawahan langsung.") {
		t.Fatalf("empty state: %s", r.text())
	}
}

// TestSessionCarriesThePrincipal checks the session store's account column: it is
// written at login, a session without it (written before it existed) still signs in
// and gets it at its next write, and deactivating the account ends the session.
func TestSessionCarriesThePrincipal(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.penilai.NIP)
	akunOf := func() *int64 {
		t.Helper()
		var id *int64
		if err := a.db.Pool.QueryRow(t.Context(), `SELECT akun_id FROM sessions WHERE token = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, c.sessionToken()).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	var want int64
	if err := a.db.Pool.QueryRow(t.Context(), `SELECT id FROM akun WHERE pegawai_id = $1`, ppl.penilai.ID).Scan(&want); err != nil {
		t.Fatal(err)
	}
	if id := akunOf(); id == nil || *id != want {
		t.Fatalf("akun_id after login = %v, want %d", id, want)
	}

	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE sessions SET akun_id = NULL WHERE token = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, c.sessionToken()); err != nil {
		t.Fatal(err)
	}
	if r := c.get("/bawahan"); r.status != http.StatusOK {
		t.Fatalf("session without the column: %d", r.status)
	}
	a.clock.advance(2 * time.Minute) // the next request refreshes the session's last-seen time
	if r := c.get("/"); r.status != http.StatusOK {
		t.Fatalf("beranda: %d", r.status)
	}
	if id := akunOf(); id == nil || *id != want {
		t.Fatalf("akun_id after the next write = %v, want %d", id, want)
	}

	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE akun SET aktif = false WHERE id = $1`, want); err != nil {
		t.Fatal(err)
	}
	r := c.get("/")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login") {
		t.Fatalf("deactivated account: %d → %q", r.status, r.header.Get("Location"))
	}
	var left int
	if err := a.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM sessions WHERE akun_id = $1`, want).Scan(&left); err != nil || left != 0 {
		t.Fatalf("sessions of the deactivated account: %d %v", left, err)
	}
}

// TestInputPostgreSQLCannotStore sends NUL bytes and invalid UTF-8, which PostgreSQL
// refuses in text, in a query and in forms: the pages answer as for any other input,
// and what is saved holds neither.
func TestInputPostgreSQLCannotStore(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	peg, _, mine := approvedSKP(t, a)
	per, err := a.store.ActivePeriod(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := fmt.Sprintf("/periode/%d", per.ID)
	c := a.clientAs(a.people().admin.NIP)
	for _, path := range []string{p + "/peserta?q=a%00b", p + "/peserta?q=%C3%28", "/pegawai?q=Tri%00", "/pegawai?q=%FF%FE", "/bawahan?q=%00"} {
		if r := c.get(path); r.status != http.StatusOK && r.status != http.StatusUnprocessableEntity {
			t.Errorf("GET %s: %d %s", path, r.status, r.text())
		}
	}
	// Raw bytes outside ASCII in the request line, as a crafted client may send them,
	// are cleaned like escaped ones.
	req, _ := http.NewRequest(http.MethodGet, a.srv.URL+"/pegawai", nil)
	req.URL.RawQuery = "q=Tri\xff\xfe"
	if r := c.do(req); r.status != http.StatusOK && r.status != http.StatusUnprocessableEntity {
		t.Errorf("GET /pegawai with raw invalid UTF-8: %d %s", r.status, r.text())
	}
	r := c.post("/organisasi/baru", url.Values{"kode": {"3.07"}, "nama": {"Dinas\x00 Pariwisata \xff"}, "singkatan": {"Dis\x00par"}, "version": {"0"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create OPD with NUL and invalid UTF-8: %d %s", r.status, r.text())
	}
	if page := c.get(r.header.Get("Location")).text(); !strings.Contains(page, "Dinas Pariwisata \uFFFD") {
		t.Fatalf("saved name: %s", page)
	}
	// The same holds for a form sent as multipart (the upload forms), and for the
	// name of an uploaded file.
	r = c.uploadBukti("/organisasi/baru", map[string]string{"kode": "3.08", "nama": "Dinas\x00 Pertanian", "version": "0"}, "", nil)
	if r.status != http.StatusSeeOther {
		t.Fatalf("multipart form with NUL: %d %s", r.status, r.text())
	}
	iki := regexp.MustCompile(`name="nilai_(\d+)"`).FindStringSubmatch(peg.get(mine + "/realisasi?ke=1").body)[1]
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	if r := peg.uploadBukti(mine+"/bukti?ke=1", map[string]string{"iki": iki, "judul": "Laporan\x00 triwulan"}, "laporan\xff.pdf", pdf); r.status != http.StatusSeeOther {
		t.Fatalf("upload with invalid UTF-8 in the file name: %d %s", r.status, r.text())
	}
	if page := peg.get(mine + "/realisasi?ke=1"); !strings.Contains(page.text(), "Laporan triwulan") {
		t.Fatalf("bukti after the upload: %s", page.text())
	}
}

// TestClientBehindAProxy checks whose address the login throttle and the audit log
// use: behind a trusted proxy, the client named in X-Forwarded-For, so that 30
// failures from one client do not lock out everyone behind the proxy; without one, the
// connection's peer, whatever the header claims.
func TestClientBehindAProxy(t *testing.T) {
	t.Parallel()
	login := func(c *client, nip, password, forwarded string) resp {
		t.Helper()
		h := http.Header{}
		if forwarded != "" {
			h.Set("X-Forwarded-For", forwarded)
		}
		return c.postRaw("/login", url.Values{"nip": {nip}, "password": {password}, "csrf_token": {c.csrf()}}, h)
	}
	loginIPs := func(a *app) []string {
		t.Helper()
		entries, err := a.store.ListAudit(ctx, store.AuditFilter{Action: "akun.login"})
		if err != nil {
			t.Fatal(err)
		}
		var ips []string
		for _, e := range entries {
			ips = append(ips, e.IP)
		}
		return ips
	}

	a := newApp(t, false, func(o *web.Options) {
		o.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("10.1.0.0/16")}
	})
	ppl := a.people()
	c := a.client()
	for i := range 30 { // 30 unknown NIPs, so that no NIP locks first
		nip := fmt.Sprintf("1990010120150110%02d", i)
		if r := login(c, nip, "salah", "203.0.113.7"); r.status != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, r.status)
		}
	}
	if r := login(c, ppl.staff.NIP, seed.DemoPassword, "203.0.113.7"); r.status != http.StatusTooManyRequests {
		t.Fatalf("the failing client after 30 failures: %d", r.status)
	}
	// Another client behind the same proxy, through a second trusted hop, signs in;
	// the entry it forged at the left is not taken.
	if r := login(a.client(), ppl.staff.NIP, seed.DemoPassword, "203.0.113.7, 198.51.100.2, 10.1.2.3"); r.status != http.StatusSeeOther {
		t.Fatalf("another client behind the proxy: %d %s", r.status, r.text())
	}
	if ips := loginIPs(a); len(ips) != 1 || ips[0] != "198.51.100.2" {
		t.Fatalf("audited login addresses %v, want [198.51.100.2]", ips)
	}

	// Without trusted proxies the header is ignored. The limit per address is a setting
	// (KINERJA_LOGIN_IP_FAILURES), for offices whose staff share one address.
	b := newApp(t, false, func(o *web.Options) { o.LoginIPFailures = 3 })
	if r := login(b.client(), ppl.staff.NIP, seed.DemoPassword, "198.51.100.2"); r.status != http.StatusSeeOther {
		t.Fatalf("login: %d", r.status)
	}
	if ips := loginIPs(b); len(ips) != 1 || ips[0] != "127.0.0.1" {
		t.Fatalf("audited login addresses %v, want the peer 127.0.0.1", ips)
	}
	c = b.client()
	for i := range 3 {
		if r := login(c, fmt.Sprintf("1990010120150110%02d", i), "salah", fmt.Sprintf("198.51.100.%d", i)); r.status != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, r.status)
		}
	}
	if r := login(c, ppl.staff.NIP, seed.DemoPassword, "192.0.2.1"); r.status != http.StatusTooManyRequests {
		t.Fatalf("after 3 failures from the peer, whatever the header: %d", r.status)
	}
}
