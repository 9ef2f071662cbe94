package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/store"
)

// errStale marks a submission refused as stale (409); counted apart from failures.
var errStale = errors.New("stale")

var versiRe = regexp.MustCompile(`name="v_(\d+)" value="(\d+)"`)

// realisasiBench approves the benchmark plans, moves the period to pelaksanaan and
// returns the approved 10-indicator plans by pegawai after timing realisasi-form submissions (every indicator of a 15 RHK × 3 IKI plan, each
// submission changing all 45 values): paced at 300 per second over the clients as
// people submitting forms, and unpaced for the ceiling, beside the run's baseline.
func realisasiBench(ctx context.Context, c *http.Client, base string, pool seed.DB, ps *store.PeriodStore, ds *seed.Dataset, staff []seed.Pegawai, skps map[int64]int64,
	conc int, warm, dur time.Duration, baseline result, out io.Writer) (map[int64]int64, error) {
	// A typical plan too: 5 RHK × 2 IKI, for another set of pegawai.
	var small []seed.Pegawai
	taken := map[int64]bool{}
	for _, p := range staff {
		taken[p.ID] = true
	}
	for i := 1; len(small) < 3*conc && i < len(ds.Pegawai); i++ { // spare ones: some already have a plan
		p := ds.Pegawai[(i*104729)%len(ds.Pegawai)]
		if !taken[p.ID] && p.ID != ds.AdminIDs[0] {
			taken[p.ID] = true
			small = append(small, p)
		}
	}
	smallIDs := make([]int64, len(small))
	for i, p := range small {
		smallIDs[i] = p.ID
	}
	smallSKP, err := seed.BenchSKP(ctx, pool, ps.ID(), smallIDs, 5, 2)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(skps)+len(smallSKP))
	for _, m := range []map[int64]int64{skps, smallSKP} {
		for _, id := range m {
			ids = append(ids, id)
		}
	}
	if err := seed.BenchApprove(ctx, pool, ps.ID(), ids); err != nil {
		return nil, err
	}
	// Participants without a plan of their own (those who had one) are dropped.
	small = slices.DeleteFunc(small, func(p seed.Pegawai) bool { return smallSKP[p.ID] == 0 })
	if len(small) < conc {
		return nil, fmt.Errorf("only %d pegawai for the 10-IKI plans", len(small))
	}
	small = small[:conc]
	per, err := ps.Get(ctx)
	if err != nil {
		return nil, err
	}
	// Move on to the phase in which realisasi is recorded (from perencanaan, one step).
	if next, ok := per.Fase.Next(); ok && !periode.Allows(per.Fase, periode.RecordRealisasi, 1) && periode.Allows(next, periode.RecordRealisasi, 1) {
		if err := ps.Move(ctx, store.Actor{Label: "loadgen"}, per.Version, next); err != nil {
			return nil, err
		}
	}
	setupFor := func(staff []seed.Pegawai, skps map[int64]int64) func(ctx context.Context, w int) (func(context.Context) error, error) {
		return func(ctx context.Context, w int) (func(context.Context) error, error) {
			return realisasiWorker(ctx, c, base, staff[w%len(staff)], skps)
		}
	}
	var results []result
	for _, sc := range []scenario{
		{name: "POST realisasi 10 IKI, 300/s paced", setup: setupFor(small, smallSKP), every: time.Duration(conc) * time.Second / 300},
		{name: "POST realisasi 10 IKI, unpaced", setup: setupFor(small, smallSKP)},
		{name: "POST realisasi 45 IKI, 300/s paced", setup: setupFor(staff, skps), every: time.Duration(conc) * time.Second / 300},
		{name: "POST realisasi 45 IKI, unpaced", setup: setupFor(staff, skps)},
	} {
		r, err := measure(sc, conc, warm, dur)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sc.name, err)
		}
		results = append(results, r)
	}
	fmt.Fprintf(out, "\nRealisasi form submissions, every value changed (paced: each client submits every %s; unpaced: the ceiling)\n", (time.Duration(conc) * time.Second / 300).Round(time.Millisecond))
	report(out, append([]result{baseline}, results...), conc, dur)
	return smallSKP, nil
}

// realisasiWorker signs in as p, reads the versions on the realisasi page of p's plan
// and returns a function that submits the whole form with every value changed.
func realisasiWorker(ctx context.Context, c *http.Client, base string, p seed.Pegawai, skps map[int64]int64) (func(context.Context) error, error) {
	cookie, err := login(ctx, c, base, p.NIP, seed.DemoPassword)
	if err != nil {
		return nil, err
	}
	page := fmt.Sprintf("%s/skp/%d/realisasi?ke=1", base, skps[p.ID])
	res, body, err := getPage(ctx, c, page, cookie)
	if err != nil {
		return nil, err
	}
	tok := tokenRe.FindSubmatch(body)
	ikis := versiRe.FindAllSubmatch(body, -1) // indicator id and the version on the page
	if res.StatusCode != http.StatusOK || tok == nil || len(ikis) == 0 {
		return nil, fmt.Errorf("realisasi page: status %d, %d indicators", res.StatusCode, len(ikis))
	}
	versions := make([]int, len(ikis))
	for i, m := range ikis {
		versions[i], _ = strconv.Atoi(string(m[2]))
	}
	round := int(time.Now().UnixNano() % 100000) // values differ from any earlier run
	return func(ctx context.Context) error {
		round++
		form := url.Values{"csrf_token": {string(tok[1])}}
		for i, m := range ikis {
			id := string(m[1])
			form.Set("v_"+id, strconv.Itoa(versions[i]))
			form.Set("nilai_"+id, strconv.Itoa(round*10+i%10))
			form.Set("teks_"+id, "Realisasi putaran "+strconv.Itoa(round))
		}
		res, body, err := postForm(ctx, c, page, cookie, form)
		if err != nil {
			return err
		}
		if res.StatusCode == http.StatusConflict {
			// Refused as stale: take the current versions from the re-rendered form.
			for _, m := range versiRe.FindAllSubmatch(body, -1) {
				for i, k := range ikis {
					if string(k[1]) == string(m[1]) {
						versions[i], _ = strconv.Atoi(string(m[2]))
					}
				}
			}
			return errStale
		}
		if res.StatusCode != http.StatusSeeOther {
			return fmt.Errorf("POST realisasi: status %d: %s", res.StatusCode, snippet(string(body)))
		}
		for i := range versions {
			versions[i]++
		}
		return nil
	}, nil
}

// postForm submits a form with the session cookie and reads the whole answer.
func postForm(ctx context.Context, c *http.Client, page, cookie string, form url.Values) (*http.Response, []byte, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, page, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return send(c, req, cookie)
}

// getPage reads a page with the session cookie.
func getPage(ctx context.Context, c *http.Client, page, cookie string) (*http.Response, []byte, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, page, nil)
	return send(c, req, cookie)
}

func send(c *http.Client, req *http.Request, cookie string) (*http.Response, []byte, error) {
	req.Header.Set("Cookie", cookie)
	res, err := c.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res, body, err
}
