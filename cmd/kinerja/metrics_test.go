package main

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/dbtest"
	"kinerja/internal/seed"
)

// TestMetricsOnTheirOwnAddress: with KINERJA_METRICS_ADDR and a token, the Prometheus
// metrics are served there only, to the token's bearer, and count the requests by
// route pattern, the failed logins, the pool and the shared job queue.
func TestMetricsOnTheirOwnAddress(t *testing.T) {
	t.Parallel()
	db := dbtest.NewSeeded(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	const token = "token-metrik-untuk-uji"
	base := startServer(t, db, map[string]string{"KINERJA_METRICS_ADDR": addr, "KINERJA_METRICS_TOKEN": token})
	ds := dbtest.DemoDataset(t)
	staff := ds.Pegawai[len(ds.Pegawai)-1]

	c := newWebClient(t, base)
	c.do("GET", "/login", nil)
	if st, _, _ := c.do("POST", "/login", url.Values{"nip": {staff.NIP}, "password": {"salah-sekali"}}); st != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", st)
	}
	c.login(staff.NIP, seed.DemoPassword)
	for range 3 {
		c.do("GET", "/pegawai/"+strconv.FormatInt(staff.ID, 10), nil)
	}
	if st, _, _ := c.do("GET", "/metrics", nil); st != http.StatusNotFound {
		t.Fatalf("/metrics on the main address: %d", st)
	}
	scrape := func(auth string) (int, string) {
		req, _ := http.NewRequest("GET", "http://"+addr+"/metrics", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if st, _ := scrape(""); st != http.StatusUnauthorized {
		t.Fatalf("without the token: %d", st)
	}
	if st, _ := scrape("Bearer salah"); st != http.StatusUnauthorized {
		t.Fatalf("with a wrong token: %d", st)
	}
	// The periodic jobs are queued once the instance leads River's election.
	var st int
	var body string
	waitFor(t, 30*time.Second, "the periodic jobs in the metrics", func() bool {
		st, body = scrape("Bearer " + token)
		return st != http.StatusOK || strings.Contains(body, `kinerja_jobs{kind="bersihkan"`)
	})
	if st != http.StatusOK {
		t.Fatalf("scrape: %d %s", st, body)
	}
	for _, want := range []string{
		`kinerja_http_request_duration_seconds_count{method="GET",route="/pegawai/{id}",status="200"} 3`,
		`kinerja_http_request_duration_seconds_bucket{method="POST",route="/login",status="401",le="+Inf"} 1`,
		"kinerja_login_failures_total 1", "kinerja_login_lockouts_total 0", "kinerja_http_requests_in_flight 0",
		"kinerja_db_pool_max_connections", "kinerja_db_pool_acquires_total", `kinerja_jobs{kind="bersihkan",state="`,
		"kinerja_metrics_query_errors 0", "kinerja_mail_sent_total 0", "go_goroutines", "process_resident_memory_bytes",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the metrics lack %q", want)
		}
	}
	if strings.Contains(body, `route="/pegawai/`+strconv.FormatInt(staff.ID, 10)) {
		t.Error("a route label holds an id")
	}
}
