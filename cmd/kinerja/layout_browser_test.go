package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"kinerja/internal/auth"
	"kinerja/internal/dbtest"
	"kinerja/internal/seed"
)

// overflowJS lists the elements that reach past the viewport's right edge.
const overflowJS = `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
	.slice(0, 12).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " " + Math.round(e.getBoundingClientRect().right))`

// fitsWidth opens the page, takes a full-page screenshot (kept in the screenshot
// directory) and asserts that the document is no wider than the viewport.
func fitsWidth(t *testing.T, ctx context.Context, url, name, wait string, width int64) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, wait)
	scroll, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if scroll > width {
		over, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS))
		t.Errorf("%s is %d px wide at a %d px viewport; overflowing: %v", name, scroll, width, over)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(os.TempDir(), "kinerja-screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name+".png")
	if err := os.WriteFile(file, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	if int64(cfg.Width) != width {
		t.Errorf("%s: screenshot %d px wide, want %d", name, cfg.Width, width)
	}
	t.Logf("%s: %s (%d×%d)", name, file, cfg.Width, cfg.Height)
}

// TestBrowserSmallScreen: on a 390 px phone the Beranda, the SKP and the rating page
// fit the screen, and the menu collapses behind a "Menu" button that works without
// JavaScript; at 1280 px the kepala OPD's menu is one line.
func TestBrowserSmallScreen(t *testing.T) {
	t.Parallel()
	f := newUnitFixture(t)
	base := startServer(t, f.db, nil)
	skpPath := base + "/skp/" + itoaID(f.skps[f.unit[0].ID])

	peg := tab(t)
	f.must(t, chromedp.Do(peg, chromedp.EmulateViewport(390, 844)))
	login(t, peg, base, f.unit[0].NIP, seed.DemoPassword)
	fitsWidth(t, peg, base+"/", "beranda-390", "Tugas Anda", 390)
	fitsWidth(t, peg, skpPath, "skp-390", "Perilaku kerja (BerAKHLAK)", 390)
	pen := tab(t)
	f.must(t, chromedp.Do(pen, chromedp.EmulateViewport(390, 844)))
	login(t, pen, base, f.penilai.NIP, seed.DemoPassword)
	fitsWidth(t, pen, skpPath+"/penilaian?ke=1", "penilaian-390", "Perilaku Kerja secara keseluruhan", 390)
	fitsWidth(t, pen, base+"/pemberitahuan", "pemberitahuan-390", "Pemberitahuan", 390)
	fitsWidth(t, pen, base+"/pemberitahuan/pengaturan", "pengaturan-surel-390", "Cara menerima surel", 390)

	// The Admin BKD's list of held logins, with a hold in it.
	for range auth.DefaultLimits.Pair.MaxFailures {
		_, _ = auth.Login(context.Background(), f.st, auth.DefaultLimits, f.unit[1].NIP, "salah", "203.0.113.250", time.Now())
	}
	adm := tab(t)
	f.must(t, chromedp.Do(adm, chromedp.EmulateViewport(390, 844)))
	ds0 := dbtest.DemoDataset(t)
	login(t, adm, base, ds0.Pegawai[ds0.AdminIDs[0]-1].NIP, seed.DemoPassword)
	fitsWidth(t, adm, base+"/akun/terkunci", "akun-terkunci-390", "Buka kunci", 390)
	fitsWidth(t, adm, base+"/surel", "kotak-keluar-390", "Kotak Keluar", 390)
	fitsWidth(t, adm, base+"/laporan/tunggakan", "laporan-tunggakan-390", "Tunggakan", 390)
	guest := tab(t)
	f.must(t, chromedp.Do(guest, chromedp.EmulateViewport(390, 844)))
	fitsWidth(t, guest, base+"/lupa-sandi", "lupa-sandi-390", "Lupa kata sandi", 390)

	// The menu, without JavaScript: hidden behind "Menu", opened by it.
	f.must(t, chromedp.Do(pen, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})))
	f.must(t, chromedp.Do(pen, chromedp.Navigate(base+"/")))
	shown := func() bool {
		t.Helper()
		vis, err := chromedp.Run(pen, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector("nav.nav ul")).display !== "none"`))
		if err != nil {
			t.Fatal(err)
		}
		return vis
	}
	// Evaluate runs in the page's isolated world even with the page's scripts disabled.
	if shown() {
		t.Error("the menu is open on a phone before it is asked for")
	}
	f.must(t, chromedp.Do(pen, chromedp.Click(`//label[@for="menu-buka"]`)))
	if !shown() {
		t.Error("Menu does not open the menu")
	}
	click(t, pen, `//nav[@aria-label="Menu utama"]//a[text()="Penilaian"]`)
	waitText(t, pen, "Kurva distribusi")

	// The kepala OPD's menu (three groups) on one line at 1280 px.
	ds := dbtest.DemoDataset(t)
	kepala := kepalaOPD(t, ds, "Dinas Pendidikan")
	kep := tab(t)
	f.must(t, chromedp.Do(kep, chromedp.EmulateViewport(1280, 800)))
	login(t, kep, base, kepala.NIP, seed.DemoPassword)
	waitText(t, kep, "Tugas Anda")
	tops, err := chromedp.Run(kep, chromedp.Evaluate[[]int64](`[...document.querySelectorAll("nav.nav li:not(.group)")].map(e => Math.round(e.getBoundingClientRect().top))`))
	f.must(t, err)
	for _, top := range tops {
		if top != tops[0] {
			labels, _ := chromedp.Run(kep, chromedp.Evaluate[string](`document.querySelector("nav.nav ul").clientWidth + " px for " +
				[...document.querySelectorAll("nav.nav li")].reduce((w, e) => w + e.getBoundingClientRect().width, 0) + " px: " + document.querySelector("nav.nav ul").innerText`))
			t.Fatalf("the kepala OPD's menu wraps at 1280 px (item tops %v): %s", tops, strings.ReplaceAll(labels, "\n", " | "))
		}
	}
	if len(tops) < 9 {
		t.Fatalf("kepala OPD menu has %d items", len(tops))
	}
}

// kepalaOPD is the head of the OPD whose root unit is named opd.
func kepalaOPD(t *testing.T, ds *seed.Dataset, opd string) seed.Pegawai {
	t.Helper()
	for _, u := range ds.Units {
		if u.Nama != opd || u.ParentID != 0 {
			continue
		}
		for _, j := range ds.Jabatan {
			if j.UnitID == u.ID && j.Kepala {
				for _, p := range ds.Pegawai {
					if p.JabatanID == j.ID {
						return p
					}
				}
			}
		}
	}
	t.Fatalf("no kepala of %s", opd)
	return seed.Pegawai{}
}
