package main

import (
	"fmt"
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
