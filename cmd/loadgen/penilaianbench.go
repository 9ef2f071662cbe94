package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"time"

	"kinerja/internal/seed"
	"kinerja/internal/store"
)

var (
	ratingKeyRe     = regexp.MustCompile(`name="r_((?:rhk|nilai):\d+)"`)
	ratingVersionRe = regexp.MustCompile(`name="version" value="(\d+)"`)
)

// penilaianBench times rating-form submissions by penilai (a subordinate's 5 RHK ×
// 2 IKI plan, every rating and comment changed each time; paced at 300 per second
// and unpaced), then the kurva panel of the OPD of about 2,000 participants, with a
// rating for each, beside the run's baseline.
func penilaianBench(ctx context.Context, c *http.Client, base string, pool seed.DB, ps *store.PeriodStore, ds *seed.Dataset, rated map[int64]int64,
	opdID int64, count int, adminCookie string, conc int, warm, dur time.Duration, baseline result, out io.Writer) error {
	// One subordinate per penilai, each penilai once.
	type pair struct {
		penilai seed.Pegawai
		skpID   int64
	}
	var pairs []pair
	seen := map[int64]bool{}
	for _, p := range ds.Pegawai {
		id, ok := rated[p.ID]
		if !ok || p.AtasanID == 0 || seen[p.AtasanID] {
			continue
		}
		seen[p.AtasanID] = true
		pairs = append(pairs, pair{penilai: ds.Pegawai[p.AtasanID-1], skpID: id})
	}
	if len(pairs) < conc {
		return fmt.Errorf("only %d penilai with an approved subordinate plan", len(pairs))
	}
	setup := func(ctx context.Context, w int) (func(context.Context) error, error) {
		return ratingWorker(ctx, c, base, pairs[w].penilai, pairs[w].skpID)
	}
	every := time.Duration(conc) * time.Second / 300
	var results []result
	for _, sc := range []scenario{
		{name: "POST penilaian 5 RHK, 300/s paced", setup: setup, every: every},
		{name: "POST penilaian 5 RHK, unpaced", setup: setup},
	} {
		r, err := measure(sc, conc, warm, dur)
		if err != nil {
			return fmt.Errorf("%s: %w", sc.name, err)
		}
		results = append(results, r)
	}
	fmt.Fprintf(out, "\nRating-form submissions by the penilai, every rating changed (paced: each client submits every %s; unpaced: the ceiling)\n", every.Round(time.Millisecond))
	report(out, append([]result{baseline}, results...), conc, dur)

	if err := seed.BenchRate(ctx, pool, ps.ID(), opdID, 1); err != nil {
		return err
	}
	kr, err := timeOne(ctx, c, fmt.Sprintf("%s/penilaian/opd?opd=%d&ke=1", base, opdID), adminCookie)
	if err != nil {
		return err
	}
	reportOne(out, fmt.Sprintf("Kurva distribusi of an OPD with %d participants, each rated", count), "GET /penilaian/opd?opd=…", kr, baseline)
	return laporanBench(ctx, c, base, pool, ps, opdID, count, adminCookie, baseline, out)
}

// laporanBench times the Laporan pages of the whole pemda and the rekap XLSX of every
// participant, then the kalibrasi page of the OPD (its ratings made proposals) and
// the OPD's publication, beside the run's baseline.
func laporanBench(ctx context.Context, c *http.Client, base string, pool seed.DB, ps *store.PeriodStore, opdID int64, count int,
	cookie string, baseline result, out io.Writer) error {
	for _, p := range []struct{ title, path string }{
		{"Laporan Perencanaan, whole pemda", "/laporan/perencanaan"},
		{"Laporan Pelaksanaan Triwulan I, whole pemda", "/laporan/pelaksanaan?ke=1"},
		{"Laporan Penilaian Triwulan I, whole pemda", "/laporan/penilaian?ke=1"},
		{"Laporan Rekap Predikat Triwulan I, whole pemda", "/laporan/rekap?ke=1"},
	} {
		r, err := timeOne(ctx, c, base+p.path, cookie)
		if err != nil {
			return fmt.Errorf("%s: %w", p.path, err)
		}
		reportOne(out, p.title, "GET "+p.path, r, baseline)
	}
	var xl []time.Duration
	size := 0
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		res, body, err := getPage(ctx, c, base+"/laporan/rekap/unduh.xlsx?ke=1", cookie)
		if err != nil {
			return err
		}
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("rekap xlsx: status %d", res.StatusCode)
		}
		xl = append(xl, time.Since(t0))
		size = len(body)
	}
	slices.Sort(xl)
	fmt.Fprintf(out, "\nRekap predikat XLSX of the whole pemda (every participant), 3 downloads: p50 %s, max %s, %.1f MB (baseline p50 %s)\n",
		ms(xl[1]), ms(xl[2]), float64(size)/1e6, ms(baseline.pct(0.5)))

	// The OPD's ratings become proposals to its kalibrasi.
	if _, err := pool.Exec(ctx, `UPDATE penilaian pn SET diusulkan_at = now() FROM periode_peserta ps
		WHERE pn.periode_id = $1 AND pn.checkin = 1 AND ps.periode_id = pn.periode_id AND ps.pegawai_id = pn.pegawai_id AND ps.opd_id = $2 AND pn.predikat IS NOT NULL`,
		ps.ID(), opdID); err != nil {
		return err
	}
	page := fmt.Sprintf("%s/kalibrasi?opd=%d&ke=1", base, opdID)
	kr, err := timeOne(ctx, c, page, cookie)
	if err != nil {
		return err
	}
	reportOne(out, fmt.Sprintf("Kalibrasi of an OPD with %d participants, each proposed", count), "GET /kalibrasi?opd=…", kr, baseline)
	_, body, err := getPage(ctx, c, page, cookie)
	if err != nil {
		return err
	}
	tok := tokenRe.FindSubmatch(body)
	if tok == nil {
		return fmt.Errorf("kalibrasi page without a form: %s", snippet(string(body)))
	}
	form := url.Values{"csrf_token": {string(tok[1])}, "konfirmasi": {"1"}, "justifikasi": {"Bench: sebaran sintetis."}}
	t0 := time.Now()
	res, body, err := postForm(ctx, c, fmt.Sprintf("%s/kalibrasi/tetapkan?opd=%d&ke=1", base, opdID), cookie, form)
	if err != nil {
		return err
	}
	took := time.Since(t0)
	if res.StatusCode != http.StatusSeeOther {
		fmt.Fprintf(out, "\nPublishing the OPD's kalibrasi: status %d after %s: %s\n", res.StatusCode, ms(took), snippet(string(body)))
		return nil
	}
	fmt.Fprintf(out, "\nPublishing the OPD's kalibrasi (%d participants, one POST): %s (baseline p50 %s)\n", count, ms(took), ms(baseline.pct(0.5)))
	return nil
}

// ratingWorker signs in as the penilai, reads the rating form of the subordinate's
// plan at Triwulan I and returns a function that submits it whole, alternating every
// rating between Sesuai and Di Atas Ekspektasi.
func ratingWorker(ctx context.Context, c *http.Client, base string, penilai seed.Pegawai, skpID int64) (func(context.Context) error, error) {
	cookie, err := login(ctx, c, base, penilai.NIP, seed.DemoPassword)
	if err != nil {
		return nil, err
	}
	page := fmt.Sprintf("%s/skp/%d/penilaian?ke=1", base, skpID)
	res, body, err := getPage(ctx, c, page, cookie)
	if err != nil {
		return nil, err
	}
	tok := tokenRe.FindSubmatch(body)
	ver := ratingVersionRe.FindSubmatch(body)
	keys := map[string]bool{}
	for _, m := range ratingKeyRe.FindAllSubmatch(body, -1) {
		keys[string(m[1])] = true
	}
	if res.StatusCode != http.StatusOK || tok == nil || ver == nil || len(keys) < 8 {
		return nil, fmt.Errorf("rating page %s: status %d, %d items: %s", page, res.StatusCode, len(keys), snippet(string(body)))
	}
	version, _ := strconv.Atoi(string(ver[1]))
	round := 0
	return func(ctx context.Context) error {
		round++
		level := []string{"sesuai", "diatas"}[round%2]
		form := url.Values{"csrf_token": {string(tok[1])}, "version": {strconv.Itoa(version)}, "hasil_kerja": {level}, "perilaku": {level}}
		for k := range keys {
			form.Set("r_"+k, level)
			form.Set("u_"+k, "Umpan balik putaran "+strconv.Itoa(round))
		}
		res, body, err := postForm(ctx, c, page, cookie, form)
		if err != nil {
			return err
		}
		if res.StatusCode == http.StatusConflict {
			if m := ratingVersionRe.FindSubmatch(body); m != nil {
				version, _ = strconv.Atoi(string(m[1]))
			}
			return errStale
		}
		if res.StatusCode != http.StatusSeeOther {
			return fmt.Errorf("POST penilaian: status %d: %s", res.StatusCode, snippet(string(body)))
		}
		version++
		return nil
	}, nil
}
