package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kinerja/internal/dbtest"
	"kinerja/internal/seed"
)

// TestTwoInstancesOneDatabase: two servers share one database with no stickiness:
// a session made on one continues on the other; a bulk account job started on the
// first is finished by the second when the first stops mid-run, and its list is
// downloaded from the second, once.
func TestTwoInstancesOneDatabase(t *testing.T) {
	t.Parallel()
	db := dbtest.NewSeeded(t)
	const n = 300
	opd := withoutAccounts(t, db, "199201012021011", n)
	ds := dbtest.DemoDataset(t)
	admin := ds.Pegawai[ds.AdminIDs[0]-1]
	a, stopA := launch(t, db, nil)
	b, _ := launch(t, db, nil)

	c := newWebClient(t, a)
	c.login(admin.NIP, seed.DemoPassword)
	c.base = b
	if st, body, _ := c.do("GET", "/", nil); st != http.StatusOK || !strings.Contains(body, admin.Nama) {
		t.Fatalf("the session on the other instance: %d", st)
	}
	// A form loaded on one instance is accepted by the other (CSRF is per session).
	c.do("GET", "/akun", nil)
	c.base = a
	st, body, h := c.do("POST", "/akun/massal", url.Values{"opd": {fmt.Sprint(opd)}})
	if st != http.StatusSeeOther {
		t.Fatalf("start on the first: %d %s", st, body)
	}
	job := h.Get("Location")
	var done int
	waitFor(t, 60*time.Second, "progress", func() bool {
		if err := db.Pool.QueryRow(t.Context(), `SELECT selesai FROM tugas WHERE jenis = 'akun_massal'`).Scan(&done); err != nil {
			t.Fatal(err)
		}
		return done > 0
	})
	stopA() // the first instance goes away mid-run
	c.base = b
	waitFor(t, 3*time.Minute, "the job on the second instance", func() bool {
		_, body, _ := c.do("GET", job, nil)
		return strings.Contains(body, fmt.Sprintf("%d akun dibuat", n))
	})
	var made int
	if err := db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM akun a JOIN pegawai p ON p.id = a.pegawai_id WHERE p.nip LIKE '199201012021011%'`).Scan(&made); err != nil || made != n {
		t.Fatalf("accounts: %d %v, want %d", made, err, n)
	}
	if st, body, _ := c.do("GET", job+"/daftar.csv", nil); st != http.StatusOK || strings.Count(body, "199201012021011") != n {
		t.Fatalf("list from the second instance: %d", st)
	}
	if st, _, _ := c.do("GET", job+"/daftar.csv", nil); st == http.StatusOK {
		t.Fatal("the list was downloaded twice")
	}
}

// TestShutdownLetsARequestFinish: a form still arriving when the server is told to
// stop is received, answered and saved before the server exits.
func TestShutdownLetsARequestFinish(t *testing.T) {
	t.Parallel()
	db := dbtest.NewSeeded(t)
	ds := dbtest.DemoDataset(t)
	staff := ds.Pegawai[len(ds.Pegawai)-1]
	base, stop := launch(t, db, nil)
	c := newWebClient(t, base)
	c.login(staff.NIP, seed.DemoPassword)
	c.do("GET", "/pemberitahuan/pengaturan", nil)
	u, _ := url.Parse(base)
	var cookies []string
	for _, ck := range c.hc.Jar.Cookies(u) {
		cookies = append(cookies, ck.Name+"="+ck.Value)
	}
	form := url.Values{"csrf_token": {c.csrf}, "aksi": {"preferensi"}, "preferensi": {"mati"}}.Encode()
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /pemberitahuan/pengaturan HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		u.Host, strings.Join(cookies, "; "), len(form), form[:10])
	time.Sleep(200 * time.Millisecond) // the handler is reading the body
	stopped := make(chan struct{})
	go func() { stop(); close(stopped) }()
	time.Sleep(300 * time.Millisecond)
	select {
	case <-stopped:
		t.Fatal("the server stopped with a request in flight")
	default:
	}
	if _, err := io.WriteString(conn, form[10:]); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the in-flight request got no answer: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the in-flight request: %d", res.StatusCode)
	}
	<-stopped
	var pref string
	if err := db.Pool.QueryRow(t.Context(), `SELECT preferensi_surel FROM pegawai WHERE id = $1`, staff.ID).Scan(&pref); err != nil || pref != "mati" {
		t.Fatalf("the in-flight change: %q %v", pref, err)
	}
}
