package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"kinerja/internal/seed"
	"kinerja/internal/store"
)

// skpBench loads the SKP page (15 RHK × 3 IKI, one pegawai per client) and times the
// pohon kinerja of the OPD nearest 2,000 participants, beside the run's baseline.
func skpBench(ctx context.Context, c *http.Client, base, dbURL string, periodID int64, ds *seed.Dataset, conc int, warm, dur time.Duration,
	baseline result, out io.Writer) error {
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	ps := store.New(pool).Period(periodID)

	// One pegawai without subordinates per client, spread over the dataset.
	hasSub := map[int64]bool{}
	for _, p := range ds.Pegawai {
		hasSub[p.AtasanID] = true
	}
	var staff []seed.Pegawai
	for i := 0; len(staff) < conc && i < len(ds.Pegawai); i += 7 {
		p := ds.Pegawai[(i*7919)%len(ds.Pegawai)]
		if !hasSub[p.ID] && p.ID != ds.AdminIDs[0] && !slices.ContainsFunc(staff, func(x seed.Pegawai) bool { return x.ID == p.ID }) {
			staff = append(staff, p)
		}
	}
	ids := make([]int64, len(staff))
	for i, p := range staff {
		ids[i] = p.ID
	}
	skps, err := seed.BenchSKP(ctx, pool, periodID, ids, 15, 3)
	if err != nil {
		return err
	}
	// A large OPD where every participant has a plan linked upward (for the pohon
	// below), so the plan tables hold thousands of plans as during the planning phase,
	// not only the 64 measured ones.
	opdID, count, err := seed.OPDNearest(ctx, pool, periodID, 2000)
	if err != nil {
		return err
	}
	members, err := seed.OPDParticipants(ctx, pool, periodID, opdID)
	if err != nil {
		return err
	}
	if _, err := seed.BenchSKP(ctx, pool, periodID, members, 5, 2); err != nil {
		return err
	}
	if err := seed.BenchLinkOPD(ctx, pool, periodID, opdID); err != nil {
		return err
	}
	// The period was opened a moment ago (50,000 rows written): measure as a running
	// database serves, with statistics as autovacuum keeps them.
	if _, err := pool.Exec(ctx, "VACUUM ANALYZE"); err != nil {
		return err
	}
	page := func(ctx context.Context, w int) (func(context.Context) error, error) {
		p := staff[w%len(staff)]
		cookie, err := login(ctx, c, base, p.NIP, seed.DemoPassword)
		if err != nil {
			return nil, err
		}
		url := fmt.Sprintf("%s/skp/%d", base, skps[p.ID])
		return func(ctx context.Context) error { return get(ctx, c, url, cookie, 200) }, nil
	}
	// Closed loop: each client asks again as soon as it has the page (the ceiling).
	// Paced: the 64 clients together ask for 1,000 pages a second, far above the peak
	// of a province (50,000 pegawai), to show the latency below the ceiling.
	results := []result{baseline}
	for _, sc := range []scenario{
		{name: "GET /skp/{id} (15 RHK × 3 IKI)", setup: page},
		{name: "GET /skp/{id}, 1,000/s paced", setup: page, every: time.Duration(conc) * time.Second / 1000},
	} {
		r, err := measure(sc, conc, warm, dur)
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	fmt.Fprintf(out, "\nSKP page (closed loop: each client asks again at once; paced: each client asks every %s)\n", (time.Duration(conc) * time.Second / 1000).Round(time.Millisecond))
	report(out, results, conc, dur)

	admin := ds.Pegawai[ds.AdminIDs[0]-1]
	cookie, err := login(ctx, c, base, admin.NIP, seed.DemoPassword)
	if err != nil {
		return err
	}
	url := fmt.Sprintf("%s/pohon?opd=%d", base, opdID)
	pr, err := timeOne(ctx, c, url, cookie)
	if err != nil {
		return err
	}
	reportOne(out, fmt.Sprintf("Pohon kinerja of an OPD with %d participants", count), "GET /pohon?opd=…", pr, baseline)

	fmt.Fprintln(os.Stderr, "loadgen: realisasi form …")
	rated, err := realisasiBench(ctx, c, base, pool, ps, ds, staff, skps, conc, warm, dur, baseline, out)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "loadgen: rating form and kurva …")
	return penilaianBench(ctx, c, base, pool, ps, ds, rated, opdID, count, cookie, conc, warm, dur, baseline, out)
}

// timeOne requests url 25 times from one client and keeps the last 20 (the first
// ones warm the caches).
func timeOne(ctx context.Context, c *http.Client, url, cookie string) (result, error) {
	var lat []time.Duration
	for i := 0; i < 25; i++ {
		t0 := time.Now()
		if err := get(ctx, c, url, cookie, 200); err != nil {
			return result{}, err
		}
		if i >= 5 {
			lat = append(lat, time.Since(t0))
		}
	}
	slices.Sort(lat)
	return result{lat: lat}, nil
}

func reportOne(out io.Writer, title, label string, r, baseline result) {
	fmt.Fprintf(out, "\n%s (one client, %d requests after 5 to warm up)\n\n", title, len(r.lat))
	fmt.Fprintf(out, "| %-34s | %9s | %9s | %14s |\n", "request", "p50", "p99", "p50 vs base p50")
	fmt.Fprintf(out, "|%s|%s|%s|%s|\n", strings.Repeat("-", 36), strings.Repeat("-", 11), strings.Repeat("-", 11), strings.Repeat("-", 16))
	fmt.Fprintf(out, "| %-34s | %9s | %9s | %14s |\n", "baseline: one primary-key SELECT", ms(baseline.pct(0.5)), ms(baseline.pct(0.99)), "1.00x")
	fmt.Fprintf(out, "| %-34s | %9s | %9s | %13.1fx |\n", label, ms(r.pct(0.5)), ms(r.pct(0.99)), float64(r.pct(0.5))/float64(baseline.pct(0.5)))
}
