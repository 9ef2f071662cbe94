package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"time"

	"kinerja/internal/seed"
)

// importBench times the staff import on the whole dataset: export the list, change
// one row in a hundred and add 500 pegawai, upload it as a complete file, wait for the
// check, apply, wait for the result. seedSeconds is the COPY load of the same run.
func importBench(ctx context.Context, c *http.Client, base string, ds *seed.Dataset, seedSeconds float64, out io.Writer) error {
	admin := ds.Pegawai[ds.AdminIDs[0]-1]
	cookie, err := login(ctx, c, base, admin.NIP, seed.DemoPassword)
	if err != nil {
		return err
	}
	t0 := time.Now()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/pegawai/ekspor.csv?status=aktif", nil)
	req.Header.Set("Cookie", cookie)
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		return fmt.Errorf("export: %d %v", res.StatusCode, err)
	}
	exportTook := time.Since(t0)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for i, r := range recs {
		if i > 0 && i%100 == 0 {
			r[3] = strings.TrimSpace(r[3] + " M.Si.")
		}
		_ = w.Write(r)
	}
	// New pegawai in existing units, under the unit's head by default.
	template := recs[len(recs)-1]
	for i := 0; i < 500; i++ {
		r := append([]string(nil), template...)
		r[0] = fmt.Sprintf("19990101202401%d%03d", 1+i%2, i%1000) // valid NIP: born 1 Jan 1999, TMT Jan 2024
		r[1] = fmt.Sprintf("Pegawai Baru %d", i)
		r[5], r[6] = "1999-01-01", map[int]string{0: "L", 1: "P"}[i%2]
		r[11], r[14] = "Tidak", ""
		_ = w.Write(r)
	}
	w.Flush()
	rows := len(recs) - 1 + 500

	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	tok := regexp.MustCompile(`kinerja_csrf=([^;]+)`).FindStringSubmatch(cookie)
	if tok == nil {
		return fmt.Errorf("no csrf cookie")
	}
	_ = mw.WriteField("csrf_token", tok[1])
	_ = mw.WriteField("cakupan", "lengkap")
	fw, _ := mw.CreateFormFile("berkas", "bench.csv")
	_, _ = fw.Write(buf.Bytes())
	_ = mw.Close()

	t1 := time.Now()
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+"/impor", &mp)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Cookie", cookie)
	res, err = c.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	batch := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || batch == "" {
		return fmt.Errorf("upload: %d", res.StatusCode)
	}
	page, err := waitBatch(ctx, c, base+batch, cookie)
	if err != nil {
		return err
	}
	if !strings.Contains(page, "Siap diterapkan") {
		return fmt.Errorf("check did not pass: %s", snippet(page))
	}
	checkTook := time.Since(t1)

	t2 := time.Now()
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+batch+"/terapkan", strings.NewReader("csrf_token="+tok[1]))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", cookie)
	res, err = c.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	page, err = waitBatch(ctx, c, base+batch, cookie)
	if err != nil {
		return err
	}
	if !strings.Contains(page, "Impor selesai diterapkan") {
		return fmt.Errorf("apply failed: %s", snippet(page))
	}
	applyTook := time.Since(t2)

	fmt.Fprintf(out, "\nStaff import of %d rows (%d changed, 500 new), as a complete file\n\n", rows, (len(recs)-1)/100)
	fmt.Fprintf(out, "| %-42s | %9s | %16s |\n", "step", "seconds", "vs seed COPY")
	fmt.Fprintf(out, "|%s|%s|%s|\n", strings.Repeat("-", 44), strings.Repeat("-", 11), strings.Repeat("-", 18))
	line := func(name string, d time.Duration) {
		ratio := "–"
		if seedSeconds > 0 {
			ratio = fmt.Sprintf("%.2fx", d.Seconds()/seedSeconds)
		}
		fmt.Fprintf(out, "| %-42s | %9.2f | %16s |\n", name, d.Seconds(), ratio)
	}
	if seedSeconds > 0 {
		fmt.Fprintf(out, "| %-42s | %9.2f | %16s |\n", "baseline: seed COPY of 50,000 pegawai", seedSeconds, "1.00x")
	}
	line("export CSV (GET /pegawai/ekspor.csv)", exportTook)
	line("upload + check every row (until preview)", checkTook)
	line("apply in one transaction", applyTook)
	line("check + apply", checkTook+applyTook)
	return nil
}

func waitBatch(ctx context.Context, c *http.Client, url, cookie string) (string, error) {
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		req.Header.Set("Cookie", cookie)
		res, err := c.Do(req)
		if err != nil {
			return "", err
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !bytes.Contains(b, []byte(`http-equiv="refresh"`)) {
			return string(b), nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "", fmt.Errorf("import did not finish in 5 minutes")
}

func snippet(page string) string {
	s := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(page, " ")
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 600 {
		s = s[:600]
	}
	return s
}
