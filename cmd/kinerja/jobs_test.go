package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kinerja/internal/dbtest"
	"kinerja/internal/org"
	"kinerja/internal/seed"
	"kinerja/internal/store"
)

// webClient is a browser without JavaScript: a cookie jar, the CSRF token read from
// the last page, no automatic redirects.
type webClient struct {
	t    *testing.T
	base string
	hc   *http.Client
	csrf string
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func newWebClient(t *testing.T, base string) *webClient {
	jar, _ := cookiejar.New(nil)
	return &webClient{t: t, base: base, hc: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (c *webClient) do(method, path string, form url.Values) (int, string, http.Header) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		form.Set("csrf_token", c.csrf)
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if m := csrfInput.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return res.StatusCode, string(b), res.Header
}

func (c *webClient) login(nip, password string) {
	c.t.Helper()
	c.do("GET", "/login", nil)
	if st, body, _ := c.do("POST", "/login", url.Values{"nip": {nip}, "password": {password}}); st != http.StatusSeeOther {
		c.t.Fatalf("login %s: %d %s", nip, st, body)
	}
}

// withoutAccounts adds n active pegawai without an account, their NIPs prefix
// followed by 3 digits, to a unit of the first OPD and returns that OPD.
func withoutAccounts(t *testing.T, db dbtest.DB, prefix string, n int) int64 {
	t.Helper()
	ctx := t.Context()
	var unit, opd int64
	if err := db.Pool.QueryRow(ctx, `SELECT id, opd_id FROM unit_kerja WHERE aktif ORDER BY opd_id, id LIMIT 1`).Scan(&unit, &opd); err != nil {
		t.Fatal(err)
	}
	st := store.New(db.Pool)
	gols := must(st.ListGolongan(ctx))
	for i := range n {
		in, errs := org.CheckPegawaiInput(org.PegawaiInput{NIP: fmt.Sprintf("%s%03d", prefix, i+1), Nama: fmt.Sprintf("Pegawai Baru %d", i+1),
			JenisASN: "PNS", Golongan: "III/a", Jabatan: "Pengadministrasi Perkantoran", JenisJabatan: "pelaksana"},
			store.GolonganChecker(gols), time.Now().UTC())
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if _, err := st.SavePegawai(ctx, store.Actor{Label: "test"}, store.PegawaiChange{UnitID: unit, In: in}); err != nil {
			t.Fatal(err)
		}
	}
	return opd
}

// waitFor polls cond every 50 ms until it holds or d passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(d); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestJobsSurviveARestart stops the server while it creates accounts in bulk, and
// checks that the next server finishes the job: the accounts are made once, and the
// admin's session and progress page work on the new instance. Then it leaves a job
// as a process that died would (running, long ago) and checks that it is rescued.
func TestJobsSurviveARestart(t *testing.T) {
	t.Parallel()
	db := dbtest.NewSeeded(t)
	const n = 300
	opd := withoutAccounts(t, db, "199001012021011", n)
	ds := dbtest.DemoDataset(t)
	admin := ds.Pegawai[ds.AdminIDs[0]-1]
	ctx := t.Context()
	count := func(q string, args ...any) int {
		var v int
		if err := db.Pool.QueryRow(ctx, q, args...).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return v
	}
	newAccounts := `SELECT count(*) FROM akun a JOIN pegawai p ON p.id = a.pegawai_id WHERE p.nip LIKE '199001012021011%'`

	base, stop := launch(t, db, nil)
	c := newWebClient(t, base)
	c.login(admin.NIP, seed.DemoPassword)
	c.do("GET", "/akun", nil)
	st, body, h := c.do("POST", "/akun/massal", url.Values{"opd": {fmt.Sprint(opd)}})
	if st != http.StatusSeeOther {
		t.Fatalf("start: %d %s", st, body)
	}
	job := h.Get("Location")
	// Stop the server in the middle: some passwords hashed, no account made yet.
	waitFor(t, 60*time.Second, "progress", func() bool {
		return count(`SELECT selesai FROM tugas WHERE jenis = 'akun_massal'`) > 0
	})
	stop()
	if got := count(`SELECT CASE WHEN status = 'berjalan' THEN selesai ELSE -1 END FROM tugas WHERE jenis = 'akun_massal'`); got <= 0 || got >= n {
		t.Fatalf("stopped after %d of %d (-1: finished): want in the middle", got, n)
	}
	if got := count(newAccounts); got != 0 {
		t.Fatalf("%d accounts made by the interrupted run", got)
	}
	if got := count(`SELECT count(*) FROM river_job WHERE kind = 'tugas' AND state = 'available'`); got != 1 {
		t.Fatalf("interrupted job not available again: %d", got)
	}

	base2, stop2 := launch(t, db, nil)
	c.base = base2 // the same session, on another server
	waitFor(t, 3*time.Minute, "the job after the restart", func() bool {
		_, body, _ := c.do("GET", job, nil)
		return strings.Contains(body, fmt.Sprintf("%d akun dibuat", n))
	})
	if got := count(newAccounts); got != n {
		t.Fatalf("accounts after the restart: %d, want %d", got, n)
	}
	// River records the completion a moment after the work returns.
	waitFor(t, 30*time.Second, "the job's completion", func() bool {
		return count(`SELECT count(*) FROM river_job WHERE kind = 'tugas' AND state = 'completed'`) == 1
	})
	if got := count(`SELECT attempt FROM river_job WHERE kind = 'tugas' AND state = 'completed'`); got != 1 {
		t.Fatalf("attempts of the completed job: %d (a shutdown must not use one up)", got)
	}
	st, body, _ = c.do("GET", job+"/daftar.csv", nil)
	if st != http.StatusOK || strings.Count(body, "199001012021011") != n {
		t.Fatalf("list after the restart: %d, %d rows", st, strings.Count(body, "199001012021011"))
	}
	stop2()

	// A job whose process died stays running; the next server's rescuer retries it.
	withoutAccounts(t, db, "199101012021012", 3)
	var params []byte
	if err := db.Pool.QueryRow(ctx, `SELECT params FROM tugas WHERE jenis = 'akun_massal'`).Scan(&params); err != nil {
		t.Fatal(err)
	}
	var akunID int64
	if err := db.Pool.QueryRow(ctx, `SELECT id FROM akun WHERE pegawai_id = $1`, admin.ID).Scan(&akunID); err != nil {
		t.Fatal(err)
	}
	id, err := store.New(db.Pool).StartTugas(ctx, store.TugasBaru{Jenis: store.TugasAkunMassal, AkunID: akunID, Total: 3, Params: json.RawMessage(params)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE river_job SET state = 'running', attempt = 1, attempted_at = now() - interval '2 hours',
		attempted_by = '{instance-that-died}' WHERE kind = 'tugas' AND state = 'available'`); err != nil {
		t.Fatal(err)
	}
	launch(t, db, nil)
	waitFor(t, 60*time.Second, "the rescued job", func() bool {
		return count(`SELECT count(*) FROM tugas WHERE id = $1 AND status = 'selesai' AND total = 3`, id) == 1
	})
	if got := count(`SELECT count(*) FROM akun a JOIN pegawai p ON p.id = a.pegawai_id WHERE p.nip LIKE '199101012021012%'`); got != 3 {
		t.Fatalf("accounts made by the rescued job: %d", got)
	}
}

func TestServeRefusesToStartWithoutASecretKey(t *testing.T) {
	t.Parallel()
	var out, logs syncBuffer
	err := run(t.Context(), []string{"kinerja", "serve"}, envFrom(map[string]string{"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}), &out, &logs)
	if err == nil || !strings.Contains(err.Error(), "KINERJA_SECRET_KEY belum diatur") {
		t.Fatalf("serve without a key: %v", err)
	}
	err = run(t.Context(), []string{"kinerja", "serve"}, envFrom(map[string]string{"KINERJA_SECRET_KEY": "c2hvcnQ="}), &out, &logs)
	if err == nil || !strings.Contains(err.Error(), "KINERJA_SECRET_KEY") {
		t.Fatalf("serve with a short key: %v", err)
	}
}
