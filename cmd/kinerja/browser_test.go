package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinerja/internal/dbtest"
	"kinerja/internal/org"
	"kinerja/internal/seed"
)

// tab opens a fresh browser context (its own cookies) for one test.
func tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return ctx
}

func mainText(t *testing.T, ctx context.Context) string {
	t.Helper()
	txt, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatalf("read page: %v", err)
	}
	return strings.Join(strings.Fields(txt), " ")
}

// login fills the login form as a person does and submits it with Masuk.
func login(t *testing.T, ctx context.Context, base, nip, password string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.ID("nip")),
		chromedp.SendKeys(chromedp.ID("nip"), nip),
		chromedp.SendKeys(chromedp.ID("password"), password),
	); err != nil {
		t.Fatalf("fill login form: %v", err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`button[type=submit]`))); err != nil {
		t.Fatalf("submit login: %v", err)
	}
}

func demoPerson(t *testing.T, pick func(ds *seed.Dataset) seed.Pegawai) seed.Pegawai {
	t.Helper()
	return pick(dbtest.DemoDataset(t))
}

// staffWithAtasan is a pegawai without subordinates, with their atasan.
func staffWithAtasan(ds *seed.Dataset) (seed.Pegawai, seed.Pegawai) {
	byID := map[int64]seed.Pegawai{}
	hasSub := map[int64]bool{}
	for _, p := range ds.Pegawai {
		byID[p.ID] = p
		hasSub[p.AtasanID] = true
	}
	for _, p := range ds.Pegawai {
		if !hasSub[p.ID] && p.AtasanID != 0 && p.ID != ds.AdminIDs[0] {
			return p, byID[p.AtasanID]
		}
	}
	panic("no staff")
}

func TestBrowserPegawaiLogsInSeesBerandaAndLogsOut(t *testing.T) {
	db := dbtest.NewSeeded(t)
	base := startServer(t, db, nil) // Secure cookies, as in production: Chromium keeps them on loopback.
	ds := dbtest.DemoDataset(t)
	staff, atasan := staffWithAtasan(ds)
	ctx := tab(t)

	// A wrong password first: one message, the NIP kept.
	login(t, ctx, base, staff.NIP, "bukan-sandinya")
	txt := mainText(t, ctx)
	if !strings.Contains(txt, "NIP atau kata sandi salah.") {
		t.Fatalf("wrong password page: %s", txt)
	}
	nipValue, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("nip")))
	if err != nil || nipValue != staff.NIP {
		t.Fatalf("NIP field = %q, %v", nipValue, err)
	}

	login(t, ctx, base, staff.NIP, seed.DemoPassword)
	txt = mainText(t, ctx)
	for _, want := range []string{
		"Beranda", org.NamaLengkap(staff.GelarDepan, staff.Nama, staff.GelarBelakang), org.FormatNIP(staff.NIP),
		"Pangkat/Gol", "Jabatan", "Unit Kerja", "Atasan Langsung", org.NamaLengkap(atasan.GelarDepan, atasan.Nama, atasan.GelarBelakang), "Keluar",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("beranda lacks %q:\n%s", want, txt)
		}
	}
	if strings.Contains(txt, "Organisasi") {
		t.Errorf("a pegawai sees the admin menu:\n%s", txt)
	}

	// The admin page is refused.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/organisasi")); err != nil {
		t.Fatal(err)
	}
	if txt := mainText(t, ctx); !strings.Contains(txt, "403") || !strings.Contains(txt, "Akses ditolak") {
		t.Fatalf("admin page for a pegawai: %s", txt)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action="/logout"] button`))); err != nil {
		t.Fatalf("Keluar: %v", err)
	}
	txt = mainText(t, ctx)
	if !strings.Contains(txt, "Anda telah keluar.") || !strings.Contains(txt, "Masuk ke Kinerja") {
		t.Fatalf("after Keluar: %s", txt)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "/login") {
		t.Fatalf("after logout, / goes to %q (%v)", loc, err)
	}
}

func TestBrowserAdminBrowsesOrganisation(t *testing.T) {
	db := dbtest.NewSeeded(t)
	base := startServer(t, db, nil)
	ds := dbtest.DemoDataset(t)
	admin := demoPerson(t, func(ds *seed.Dataset) seed.Pegawai { return ds.Pegawai[ds.AdminIDs[0]-1] })
	staff, atasan := staffWithAtasan(ds)
	ctx := tab(t)
	login(t, ctx, base, admin.NIP, seed.DemoPassword)

	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`nav.nav a[href="/organisasi"]`))); err != nil {
		t.Fatalf("open Organisasi: %v", err)
	}
	if txt := mainText(t, ctx); !strings.Contains(txt, "Dinas Pendidikan") || !strings.Contains(txt, "11 perangkat daerah") {
		t.Fatalf("organisasi: %s", txt)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(`//a[text()="Dinas Pendidikan"]`)); err != nil {
		t.Fatalf("open Dinas Pendidikan: %v", err)
	}
	if txt := mainText(t, ctx); !strings.Contains(txt, "Struktur unit kerja") || !strings.Contains(txt, "Bidang Pembinaan Sekolah Dasar") {
		t.Fatalf("unit tree: %s", txt)
	}

	// Search a pegawai by NIP and open the profile.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/pegawai"),
		chromedp.SendKeys(chromedp.ID("q"), staff.NIP),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.search button`))); err != nil {
		t.Fatalf("search: %v", err)
	}
	if txt := mainText(t, ctx); !strings.Contains(txt, "Menampilkan 1–1 dari 1 pegawai") {
		t.Fatalf("search result: %s", txt)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`table tbody a`))); err != nil {
		t.Fatalf("open profile: %v", err)
	}
	txt := mainText(t, ctx)
	for _, want := range []string{"Rantai atasan", org.NamaLengkap(atasan.GelarDepan, atasan.Nama, atasan.GelarBelakang), "Atasan langsung", "Sekretaris Daerah"} {
		if !strings.Contains(txt, want) {
			t.Errorf("profile lacks %q:\n%s", want, txt)
		}
	}
}
