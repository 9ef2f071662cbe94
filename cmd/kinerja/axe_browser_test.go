package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kinerja/internal/dbtest"
	"kinerja/internal/seed"
)

// axe-core is vendored for this test only (testdata/axe, npm axe-core 4.14.1, MPL
// 2.0): it is read from disk and injected into each page, never served.
const axeFile = "testdata/axe/axe.min.js"

// axeTags are the rule sets of WCAG 2.1 level AA.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
	.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary}))}))))`

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target, HTML, Summary string }
}

// axeChecker runs axe-core on the page a tab shows and records what it checked.
type axeChecker struct {
	t      *testing.T
	source string
	pages  []string
	bad    int
	charts int // pages with a chart
}

func (a *axeChecker) check(ctx context.Context, role, label string) {
	a.t.Helper()
	vs, loc := a.run(ctx, role, label)
	a.pages = append(a.pages, role+" "+label)
	// Every chart has its numbers as a table too.
	if bad, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('main svg[role=img]') && !document.querySelector('main table')`)); err != nil || bad {
		a.t.Errorf("%s as %s: a chart without a table of its numbers (%v)", label, role, err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main svg[role=img]').length`)); err == nil && n > 0 {
		a.charts++
	}
	for _, v := range vs {
		for _, n := range v.Nodes {
			a.bad++
			a.t.Errorf("axe %s [%s] on %s as %s (%s): %s\n  element %s: %s\n  %s", v.ID, v.Impact, label, role, loc, v.Help, n.Target, n.HTML, n.Summary)
		}
	}
}

func (a *axeChecker) run(ctx context.Context, role, label string) ([]axeViolation, string) {
	a.t.Helper()
	mainText(a.t, ctx) // waits for the page to be complete
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](a.source+"\n;true"))
	}
	var out string
	if err == nil {
		out, err = chromedp.Run(ctx, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
	}
	if err != nil {
		a.t.Fatalf("axe on %s (%s): %v", label, role, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		a.t.Fatalf("axe result on %s: %v", label, err)
	}
	return vs, loc
}

func (a *axeChecker) visit(ctx context.Context, base, role, path string) {
	a.t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+path))
	if err != nil {
		a.t.Fatalf("open %s: %v", path, err)
	}
	if want := int64(200); strings.HasPrefix(path, "/halaman-yang-tidak-ada") {
		if resp.Status != 404 {
			a.t.Errorf("%s as %s: %d, want 404", path, role, resp.Status)
		}
	} else if bad := strings.Contains(path, "=salah") || strings.Contains(path, "=kemarin"); bad && resp.Status != 422 {
		a.t.Errorf("%s as %s: %d, want 422 (a filter with an error)", path, role, resp.Status)
	} else if !bad && resp.Status != want {
		a.t.Errorf("%s as %s: %d, want %d (the page checked must be the page itself)", path, role, resp.Status, want)
	}
	a.check(ctx, role, path)
}

// submit clicks the first submit button inside the form matched by sel, as someone
// who sends it empty or wrong does, and checks the page that comes back.
func (a *axeChecker) submit(ctx context.Context, role, label, sel string) {
	a.t.Helper()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(sel+` button[type=submit]`)); err != nil {
		a.t.Fatalf("submit %s: %v", label, err)
	}
	a.check(ctx, role, label)
}

// TestAccessibilityAxe runs axe-core (WCAG 2.1 A and AA) on every kind of page, as
// every role: forms and forms with errors, the rating page, the kurva chart, the
// print previews, the import report, the error pages. Any violation fails the test
// with its rule and element. The page count is written to $KINERJA_AXE_REPORT for
// make test to print.
func TestAccessibilityAxe(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(axeFile)
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	f := newUnitFixture(t)
	base := startServer(t, f.db, nil)
	ds := dbtest.DemoDataset(t)
	admin := ds.Pegawai[ds.AdminIDs[0]-1]
	ax := &axeChecker{t: t, source: string(src)}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	staff := f.unit[0]
	mine := "/skp/" + id(f.skps[staff.ID])

	// First, that the check finds what it should: an unlabelled input and low contrast.
	ctx := tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(`data:text/html,<!doctype html><html lang="id"><title>x</title><main><input type="text"><p style="color:%23aaa;background:%23fff">abu-abu</p></main></html>`)); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	vs, _ := ax.run(ctx, "uji", "halaman uji")
	for _, v := range vs {
		found[v.ID] = true
	}
	if !found["label"] || !found["color-contrast"] {
		t.Fatalf("axe missed the planted violations: %v", vs)
	}

	// Signed out.
	ax.visit(ctx, base, "tamu", "/login")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("nip"), staff.NIP), chromedp.SendKeys(chromedp.ID("password"), "salah")); err != nil {
		t.Fatal(err)
	}
	ax.submit(ctx, "tamu", "/login dengan kata sandi salah", `form[action="/login"]`)
	ax.visit(ctx, base, "tamu", "/lupa-sandi")
	ax.submit(ctx, "tamu", "/lupa-sandi kosong", `form[action="/lupa-sandi"]`)

	// Pegawai.
	ctx = tab(t)
	login(t, ctx, base, staff.NIP, seed.DemoPassword)
	for _, p := range []string{"/", "/skp", mine, mine + "/realisasi?ke=1", mine + "/linimasa", mine + "/penilaian-diri?ke=1",
		mine + "/cetak", "/riwayat", "/keberatan", "/akun/kata-sandi", "/halaman-yang-tidak-ada", "/pemberitahuan", "/pemberitahuan/pengaturan"} {
		ax.visit(ctx, base, "pegawai", p)
	}
	ax.visit(ctx, base, "pegawai", "/pemberitahuan/pengaturan")
	ax.submit(ctx, "pegawai", "/pemberitahuan/pengaturan kosong", `form[action="/pemberitahuan/pengaturan"]`)
	ax.visit(ctx, base, "pegawai", "/akun/kata-sandi")
	ax.submit(ctx, "pegawai", "/akun/kata-sandi kosong", `form[action="/akun/kata-sandi"]`)

	// Penilai.
	ctx = tab(t)
	login(t, ctx, base, f.penilai.NIP, seed.DemoPassword)
	for _, p := range []string{"/", "/bawahan", "/skp/bawahan", "/penilaian", mine + "/penilaian?ke=1", mine + "/rekan", "/pemberitahuan"} {
		ax.visit(ctx, base, "penilai", p)
	}

	// The penilai's own atasan (a kepala or a penilai above).
	ctx = tab(t)
	login(t, ctx, base, f.atasan.NIP, seed.DemoPassword)
	for _, p := range []string{"/", "/bawahan", "/penilaian/opd"} {
		ax.visit(ctx, base, "atasan", p)
	}

	// Admin BKD.
	ctx = tab(t)
	login(t, ctx, base, admin.NIP, seed.DemoPassword)
	cur, err := f.ps.Get(context.Background())
	f.must(t, err)
	for _, p := range []string{"/pegawai", "/pegawai/" + id(staff.ID), "/pegawai/" + id(staff.ID) + "/kinerja", "/organisasi", "/organisasi/" + id(f.opdID),
		"/organisasi/unit/" + id(staff.UnitID), "/akun", "/akun/terkunci", "/periode", "/periode/" + id(cur.ID),
		"/periode/" + id(cur.ID) + "/peserta/" + id(staff.ID), "/impor", "/frasa", "/pohon", "/surel", "/penilaian/opd?opd=" + id(f.opdID) + "&ke=1", "/pegawai/baru"} {
		ax.visit(ctx, base, "admin", p)
		if strings.HasPrefix(p, "/penilaian/opd") {
			// The kurva is a chart with its numbers as a table.
			if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('main svg') && !!document.querySelector('main table')`)); err != nil || !ok {
				t.Errorf("the kurva page has no chart with a table (%v)", err)
			}
		}
	}
	ax.submit(ctx, "admin", "/pegawai/baru kosong", `form[action="/pegawai/baru"]`)
	inUnit := "opd=" + id(f.opdID) + "&unit=" + id(staff.UnitID)
	for _, p := range []string{"/laporan/perencanaan", "/laporan/perencanaan?" + inUnit, "/laporan/pelaksanaan?ke=1&opd=" + id(f.opdID),
		"/laporan/penilaian?ke=1&opd=" + id(f.opdID), "/laporan/rekap?ke=1&" + inUnit, "/laporan/rekonsiliasi", "/laporan/antartahun",
		"/laporan/perencanaan?status=salah", "/laporan/tunggakan", "/periksa", "/audit", "/audit?dari=kemarin"} {
		ax.visit(ctx, base, "admin", p)
	}
	// The kalibrasi page, once the period calibrates at the OPD.
	if _, err := f.db.Pool.Exec(context.Background(), `UPDATE periode SET kalibrasi = 'opd' WHERE id = $1`, cur.ID); err != nil {
		t.Fatal(err)
	}
	ax.visit(ctx, base, "admin", "/kalibrasi?ke=1&opd="+id(f.opdID))

	dir := t.TempDir()
	bad := "NIP,NAMA,GELAR_DEPAN,GELAR_BELAKANG,TEMPAT_LAHIR,TANGGAL_LAHIR,JENIS_KELAMIN,JENIS_PEGAWAI,GOLONGAN,JABATAN,JENIS_JABATAN,KEPALA_UNIT,KODE_OPD,UNIT_KERJA,NIP_ATASAN,TMT\n" +
		"199805052023031002,Bagas Prakoso,,S.Pd.,Kotalama,1998-05-06,L,PNS,III/z,Guru Ahli Pertama,Fungsional,Tidak,1.02,SD Negeri 3 Kotalama,,\n"
	if err := os.WriteFile(dir+"/salah.csv", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/impor"), chromedp.WaitVisible(chromedp.ID("berkas")),
		chromedp.SetUploadFiles(chromedp.ID("berkas"), []string{dir + "/salah.csv"})); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action="/impor"] button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, "Ditolak")
	ax.check(ctx, "admin", "laporan impor yang ditolak")

	distinct := map[string]bool{}
	for _, p := range ax.pages {
		distinct[p] = true
	}
	if ax.charts < 2 {
		t.Errorf("only %d pages checked had a chart", ax.charts)
	}
	if len(distinct) < 25 {
		t.Fatalf("axe checked %d distinct pages, want at least 25", len(distinct))
	}
	report := fmt.Sprintf("axe-core 4.14.1 (WCAG 2.1 AA): %d halaman × peran diperiksa (%d dengan grafik), %d pelanggaran\n", len(distinct), ax.charts, ax.bad)
	t.Log(strings.TrimSpace(report))
	if path := os.Getenv("KINERJA_AXE_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
