// Command loadgen is Kinerja's load generator for `make bench`: it drives a running
// server on loopback with concurrent clients and prints requests/s, p50 and p99 per
// scenario beside a baseline measured in the same run (one primary-key SELECT).
//
//	loadgen -base http://127.0.0.1:8080 -c 64 -d 10s -pegawai 50000
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"kinerja/internal/seed"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

type scenario struct {
	name  string
	write bool   // shown against the write baseline
	start func() // called as the measured load starts (after each worker's setup)
	// setup prepares one worker (e.g. logs in) and returns its request function.
	setup func(ctx context.Context, w int) (func(ctx context.Context) error, error)
	// every, when set, paces each worker to one request per interval (people filling
	// forms pause between submissions); zero sends the next request at once.
	every time.Duration
}

type result struct {
	name     string
	requests int
	errors   int
	stale    int // refused as stale (409), neither failed nor timed
	elapsed  time.Duration
	lat      []time.Duration
	rss      int64 // the server's peak resident set during the scenario, kB (0: unknown)
	write    bool  // a write scenario: also shown against the write baseline
}

func (r result) rps() float64 { return float64(r.requests) / r.elapsed.Seconds() }

func (r result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	i := int(float64(len(r.lat)-1) * p)
	return r.lat[i]
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	base := fs.String("base", "http://127.0.0.1:8080", "server base URL (loopback only)")
	conc := fs.Int("c", 64, "concurrent clients")
	dur := fs.Duration("d", 10*time.Second, "duration of each scenario")
	warm := fs.Duration("warmup", 2*time.Second, "warm-up before each scenario")
	n := fs.Int("pegawai", 50000, "pegawai in the seeded dataset (to pick NIPs and ids)")
	seedVal := fs.Uint64("seed", seed.DefaultSeed, "seed of the dataset")
	only := fs.String("only", "", "comma-separated scenarios to run (default all)")
	imp := fs.Bool("import", true, "also time the staff import on the whole dataset")
	seedSec := fs.Float64("seed-seconds", 0, "seconds the seed COPY took in this run (the import's baseline)")
	dbURL := fs.String("db", "", "database of the server, to add synthetic SKP for the SKP and pohon benchmarks")
	pid := fs.Int("pid", 0, "the server's process id, for its peak RSS per scenario (Linux /proc)")
	mailAPI := fs.String("mailpit", "", "the HTTP address of the Mailpit the server sends mail to, for the jobs benchmark")
	if err := fs.Parse(args); err != nil {
		return err
	}
	serverPID = *pid
	u, err := url.Parse(*base)
	if err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost" && u.Hostname() != "::1") {
		return errors.New("-base must be a loopback address")
	}
	ds, err := seed.Generate(*n, *seedVal)
	if err != nil {
		return err
	}
	client := &http.Client{
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{MaxIdleConns: *conc * 2, MaxIdleConnsPerHost: *conc * 2},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	scenarios := []scenario{
		{name: "baseline: one primary-key SELECT", setup: func(ctx context.Context, w int) (func(context.Context) error, error) {
			r := rand.New(rand.NewPCG(uint64(w), 1))
			return func(ctx context.Context) error {
				return get(ctx, client, fmt.Sprintf("%s/bench/baseline?id=%d", *base, 1+r.IntN(len(ds.Pegawai))), "", 200)
			}, nil
		}},
		{name: "write baseline: INSERT + COMMIT", write: true, setup: func(ctx context.Context, w int) (func(context.Context) error, error) {
			// A signed-in POST through the whole stack: session, CSRF, one INSERT, COMMIT.
			p := ds.Pegawai[(w*7919+13)%len(ds.Pegawai)]
			cookie, err := login(ctx, client, *base, p.NIP, seed.DemoPassword)
			if err != nil {
				return nil, err
			}
			_, body, err := getPage(ctx, client, *base+"/", cookie)
			if err != nil {
				return nil, err
			}
			m := tokenRe.FindSubmatch(body)
			if m == nil {
				return nil, errors.New("no csrf token on the Beranda")
			}
			form := url.Values{"csrf_token": {string(m[1])}}
			return func(ctx context.Context) error {
				res, _, err := postForm(ctx, client, *base+"/bench/tulis", cookie, form)
				if err != nil {
					return err
				}
				if res.StatusCode != http.StatusNoContent {
					return fmt.Errorf("POST /bench/tulis: status %d", res.StatusCode)
				}
				return nil
			}, nil
		}},
		{name: "GET /login (page)", setup: func(ctx context.Context, w int) (func(context.Context) error, error) {
			return func(ctx context.Context) error { return get(ctx, client, *base+"/login", "", 200) }, nil
		}},
		{name: "GET / (Beranda, signed in)", setup: func(ctx context.Context, w int) (func(context.Context) error, error) {
			// Each worker signs in as a different pegawai, spread over the dataset.
			p := ds.Pegawai[(w*7919)%len(ds.Pegawai)]
			cookie, err := login(ctx, client, *base, p.NIP, seed.DemoPassword)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) error { return get(ctx, client, *base+"/", cookie, 200) }, nil
		}},
	}
	var results []result
	for _, sc := range scenarios {
		if *only != "" && !slices.ContainsFunc(strings.Split(*only, ","), func(s string) bool { return strings.HasPrefix(sc.name, s) }) {
			continue
		}
		fmt.Fprintf(os.Stderr, "loadgen: %s …\n", sc.name)
		r, err := measure(sc, *conc, *warm, *dur)
		if err != nil {
			return fmt.Errorf("%s: %w", sc.name, err)
		}
		if sc.write && writeBase == nil {
			writeBase = &r
		}
		results = append(results, r)
	}
	report(out, results, *conc, *dur)
	if *imp {
		fmt.Fprintln(os.Stderr, "loadgen: staff import …")
		if err := importBench(context.Background(), client, *base, ds, *seedSec, out); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	fmt.Fprintln(os.Stderr, "loadgen: opening a period …")
	periodID, err := periodBench(context.Background(), client, *base, ds, *seedSec, out)
	if err != nil {
		return fmt.Errorf("period: %w", err)
	}
	if *dbURL != "" && len(results) > 0 {
		fmt.Fprintln(os.Stderr, "loadgen: SKP page and pohon kinerja …")
		if err := skpBench(context.Background(), client, *base, *dbURL, periodID, ds, *conc, *warm, *dur, results[0], out); err != nil {
			return fmt.Errorf("skp: %w", err)
		}
		if *mailAPI != "" {
			fmt.Fprintln(os.Stderr, "loadgen: reminders and mail under page-view load …")
			if err := jobsBench(context.Background(), client, *base, *dbURL, *mailAPI, periodID, ds, *conc, *warm, *dur, out); err != nil {
				return fmt.Errorf("jobs: %w", err)
			}
		}
	}
	return nil
}

// closed says done (nil: never) is closed.
func closed(done <-chan struct{}) bool {
	if done == nil {
		return false
	}
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// serverPID is the server's process, for its peak RSS; writeBase is the write
// baseline measured in this run.
var (
	serverPID int
	writeBase *result
)

// resetPeak starts a new peak of the server's resident set (clear_refs 5 resets VmHWM).
func resetPeak() {
	if serverPID > 0 {
		_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", serverPID), []byte("5"), 0)
	}
}

// peakRSS is the server's peak resident set since resetPeak, in kB (0: unknown).
func peakRSS() int64 {
	if serverPID <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", serverPID))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
			return kb
		}
	}
	return 0
}

func measure(sc scenario, conc int, warm, dur time.Duration) (result, error) {
	return measureUntil(sc, conc, warm, dur, nil)
}

// measureUntil is measure that also ends when done is closed (at most dur).
func measureUntil(sc scenario, conc int, warm, dur time.Duration, done <-chan struct{}) (result, error) {
	ctx := context.Background()
	fns := make([]func(context.Context) error, conc)
	for w := range conc {
		fn, err := sc.setup(ctx, w)
		if err != nil {
			return result{}, err
		}
		fns[w] = fn
	}
	var mu sync.Mutex
	var firstErr error
	res := result{name: sc.name, write: sc.write || strings.HasPrefix(sc.name, "POST")}
	resetPeak()
	start := time.Now()
	if sc.start != nil {
		sc.start()
	}
	measureFrom := start.Add(warm)
	stop := measureFrom.Add(dur)
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			reqs, errs, stale := 0, 0, 0
			// Paced workers start spread over one interval, then keep their schedule.
			next := start
			if sc.every > 0 {
				next = start.Add(sc.every * time.Duration(w) / time.Duration(conc))
			}
			for {
				if sc.every > 0 {
					time.Sleep(time.Until(next))
					next = next.Add(sc.every)
				}
				t0 := time.Now()
				if t0.After(stop) {
					break
				}
				if closed(done) {
					break
				}
				err := fns[w](ctx)
				if t0.Before(measureFrom) {
					continue
				}
				reqs++
				if errors.Is(err, errStale) {
					stale++
					continue
				}
				if err != nil {
					errs++
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			res.requests += reqs
			res.errors += errs
			res.stale += stale
			res.lat = append(res.lat, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = dur
	if closed(done) && time.Now().Before(stop) {
		// Ended by done: the workers stop within one request of it.
		res.elapsed = time.Since(measureFrom)
	}
	res.rss = peakRSS()
	slices.Sort(res.lat)
	if res.errors > 0 {
		return res, fmt.Errorf("%d of %d requests failed, the first with: %w", res.errors, res.requests, firstErr)
	}
	return res, nil
}

func report(out io.Writer, results []result, conc int, dur time.Duration) {
	fmt.Fprintf(out, "\n%d concurrent clients, %s per scenario, server and PostgreSQL on this machine\n\n", conc, dur)
	fmt.Fprintf(out, "| %-34s | %10s | %9s | %9s | %14s | %14s | %15s | %9s |\n", "scenario", "req/s", "p50", "p99", "req/s vs base", "p99 vs base", "p99 vs write", "peak RSS")
	fmt.Fprintf(out, "|%s|%s|%s|%s|%s|%s|%s|%s|\n", strings.Repeat("-", 36), strings.Repeat("-", 12), strings.Repeat("-", 11), strings.Repeat("-", 11),
		strings.Repeat("-", 16), strings.Repeat("-", 16), strings.Repeat("-", 17), strings.Repeat("-", 11))
	var base result
	for i, r := range results {
		if i == 0 {
			base = r
		}
		vsWrite := "–"
		if r.write && writeBase != nil && writeBase.pct(0.99) > 0 {
			vsWrite = fmt.Sprintf("%.2fx", float64(r.pct(0.99))/float64(writeBase.pct(0.99)))
		}
		fmt.Fprintf(out, "| %-34s | %10.0f | %9s | %9s | %13.2fx | %13.2fx | %15s | %9s |\n", r.name, r.rps(), ms(r.pct(0.50)), ms(r.pct(0.99)),
			r.rps()/base.rps(), float64(r.pct(0.99))/float64(base.pct(0.99)), vsWrite, mb(r.rss))
	}
	if writeBase != nil && (len(results) < 2 || results[1].name != writeBase.name) {
		fmt.Fprintf(out, "write baseline of this run (INSERT + COMMIT, session and CSRF): p50 %s, p99 %s\n", ms(writeBase.pct(0.5)), ms(writeBase.pct(0.99)))
	}
	for _, r := range results {
		if r.stale > 0 {
			fmt.Fprintf(out, "%s: %d of %d submissions refused as stale (409)\n", r.name, r.stale, r.requests)
		}
	}
}

func mb(kb int64) string {
	if kb == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MB", float64(kb)/1024)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func get(ctx context.Context, c *http.Client, u, cookie string, want int) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != want {
		return fmt.Errorf("GET %s: status %d", u, res.StatusCode)
	}
	return nil
}

var tokenRe = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// login signs in through the login form and returns the Cookie header to send.
func login(ctx context.Context, c *http.Client, base, nip, password string) (string, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/login", nil)
	res, err := c.Do(req)
	if err != nil {
		return "", err
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := tokenRe.FindSubmatch(body)
	if m == nil {
		return "", errors.New("login page has no csrf token")
	}
	cookies := map[string]string{}
	for _, ck := range res.Cookies() {
		cookies[ck.Name] = ck.Value
	}
	form := url.Values{"nip": {nip}, "password": {password}, "csrf_token": {string(m[1])}}
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", cookieHeader(cookies))
	res, err = c.Do(req)
	if err != nil {
		return "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("login %s: status %d", nip, res.StatusCode)
	}
	for _, ck := range res.Cookies() {
		cookies[ck.Name] = ck.Value
	}
	return cookieHeader(cookies), nil
}

func cookieHeader(m map[string]string) string {
	parts := make([]string, 0, len(m))
	for k, v := range m {
		parts = append(parts, k+"="+v)
	}
	slices.Sort(parts)
	return strings.Join(parts, "; ")
}

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }
