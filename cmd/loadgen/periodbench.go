package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"kinerja/internal/seed"
)

// periodBench times opening a period: the move from draft to perencanaan snapshots
// every active pegawai in one INSERT … SELECT.
func periodBench(ctx context.Context, c *http.Client, base string, ds *seed.Dataset, seedSeconds float64, out io.Writer) (int64, error) {
	admin := ds.Pegawai[ds.AdminIDs[0]-1]
	cookie, err := login(ctx, c, base, admin.NIP, seed.DemoPassword)
	if err != nil {
		return 0, err
	}
	tok := regexp.MustCompile(`kinerja_csrf=([^;]+)`).FindStringSubmatch(cookie)
	if tok == nil {
		return 0, fmt.Errorf("no csrf cookie")
	}
	post := func(path string, form url.Values) (*http.Response, error) {
		form.Set("csrf_token", tok[1])
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", cookie)
		res, err := c.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		return res, err
	}
	year := time.Now().Year() + 1
	res, err := post("/periode/baru", url.Values{"tahun": {fmt.Sprint(year)}, "mulai": {fmt.Sprintf("%d-01-01", year)}, "selesai": {fmt.Sprintf("%d-12-31", year)},
		"jadwal": {"triwulan"}, "keberatan_hari": {"14"}, "ambang_anonim": {"3"}, "version": {"0"}})
	if err != nil {
		return 0, err
	}
	p := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || p == "" {
		return 0, fmt.Errorf("create period: %d", res.StatusCode)
	}
	var periodID int64
	fmt.Sscanf(p, "/periode/%d", &periodID)
	t0 := time.Now()
	res, err = post(p+"/fase", url.Values{"version": {"1"}, "ke": {"perencanaan"}})
	if err != nil {
		return 0, err
	}
	took := time.Since(t0)
	if res.StatusCode != http.StatusSeeOther {
		return 0, fmt.Errorf("open period: %d", res.StatusCode)
	}
	fmt.Fprintf(out, "\nOpening a period (snapshot of every active pegawai)\n\n")
	fmt.Fprintf(out, "| %-42s | %9s | %16s |\n", "step", "seconds", "vs seed COPY")
	fmt.Fprintf(out, "|%s|%s|%s|\n", strings.Repeat("-", 44), strings.Repeat("-", 11), strings.Repeat("-", 18))
	if seedSeconds > 0 {
		fmt.Fprintf(out, "| %-42s | %9.2f | %16s |\n", "baseline: seed COPY of 50,000 pegawai", seedSeconds, "1.00x")
		fmt.Fprintf(out, "| %-42s | %9.2f | %15.2fx |\n", "POST draft → perencanaan", took.Seconds(), took.Seconds()/seedSeconds)
	} else {
		fmt.Fprintf(out, "| %-42s | %9.2f | %16s |\n", "POST draft → perencanaan", took.Seconds(), "–")
	}
	return periodID, nil
}
