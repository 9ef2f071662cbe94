package main

import (
	"context"
	"os"
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
	// A guard against a hung browser, not a timing assertion: a tab lives for its whole
	// test, which on a loaded 2-core machine (the full suite runs browser tests in
	// parallel) has taken over a minute.
	ctx, cancelTimeout := context.WithTimeout(ctx, 180*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return ctx
}

func mainText(t *testing.T, ctx context.Context) string {
	t.Helper()
	// Right after a navigation the old document may still be in place or half
	// loaded: wait until the page is complete, and retry a read that lost its node.
	deadline := time.Now().Add(15 * time.Second)
	for {
		state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState`))
		if err == nil && state == "complete" {
			txt, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
			if err == nil {
				return strings.Join(strings.Fields(txt), " ")
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("read page: %v (state %q)", err, state)
		}
		time.Sleep(100 * time.Millisecond)
	}
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
	t.Parallel()
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
	t.Parallel()
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

// waitText reloads nothing itself: the page refreshes while work runs; this polls the
// text until it holds want.
func waitText(t *testing.T, ctx context.Context, want string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var txt string
	for time.Now().Before(deadline) {
		if s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body"))); err == nil {
			txt = strings.Join(strings.Fields(s), " ")
			if strings.Contains(txt, want) {
				return txt
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("page never showed %q:\n%s", want, txt)
	return ""
}

func TestBrowserAdminImportsAFileAfterFixingIt(t *testing.T) {
	t.Parallel()
	db := dbtest.NewSeeded(t)
	base := startServer(t, db, nil)
	ds := dbtest.DemoDataset(t)
	admin := ds.Pegawai[ds.AdminIDs[0]-1]
	ctx := tab(t)
	login(t, ctx, base, admin.NIP, seed.DemoPassword)

	dir := t.TempDir()
	header := "NIP,NAMA,GELAR_DEPAN,GELAR_BELAKANG,TEMPAT_LAHIR,TANGGAL_LAHIR,JENIS_KELAMIN,JENIS_PEGAWAI,GOLONGAN,JABATAN,JENIS_JABATAN,KEPALA_UNIT,KODE_OPD,UNIT_KERJA,NIP_ATASAN,TMT\n"
	bad := header +
		"199804042023032001,Larasati Wibisono,,S.Pd.,Kotalama,1998-04-04,P,PNS,III/a,Guru Ahli Pertama,Fungsional,Tidak,1.02,SD Negeri 3 Kotalama,,\n" +
		"199805052023031002,Bagas Prakoso,,S.Pd.,Kotalama,1998-05-06,L,PNS,III/z,Guru Ahli Pertama,Fungsional,Tidak,1.02,SD Negeri 3 Kotalama,,\n"
	good := strings.Replace(strings.Replace(bad, "1998-05-06", "1998-05-05", 1), "III/z", "III/a", 1)
	badPath, goodPath := dir+"/guru-baru.csv", dir+"/guru-baru-diperbaiki.csv"
	if err := os.WriteFile(badPath, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(goodPath, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}

	upload := func(path string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/impor"),
			chromedp.WaitVisible(chromedp.ID("berkas")),
			chromedp.SetUploadFiles(chromedp.ID("berkas"), []string{path}),
		); err != nil {
			t.Fatalf("choose file: %v", err)
		}
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action="/impor"] button[type=submit]`))); err != nil {
			t.Fatalf("upload: %v", err)
		}
	}

	upload(badPath)
	txt := waitText(t, ctx, "Ditolak")
	for _, want := range []string{"Tidak ada data yang disimpan", "3 TANGGAL_LAHIR", "tidak sama dengan NIP", "3 GOLONGAN"} {
		if !strings.Contains(txt, want) {
			t.Errorf("report lacks %q:\n%s", want, txt)
		}
	}

	upload(goodPath)
	txt = waitText(t, ctx, "Siap diterapkan")
	if !strings.Contains(txt, "Larasati Wibisono") || !strings.Contains(txt, "Bagas Prakoso") {
		t.Fatalf("preview: %s", txt)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(`//button[text()="Terapkan impor"]`)); err != nil {
		t.Fatalf("apply: %v", err)
	}
	waitText(t, ctx, "Impor selesai diterapkan.")

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/pegawai"), chromedp.SendKeys(chromedp.ID("q"), "bagas prakoso")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.search button`))); err != nil {
		t.Fatal(err)
	}
	txt = mainText(t, ctx)
	if !strings.Contains(txt, "Bagas Prakoso, S.Pd.") || !strings.Contains(txt, "SD Negeri 3 Kotalama") {
		t.Fatalf("search after import: %s", txt)
	}
}

func TestBrowserAdminCreatesOpensAndMovesAPeriod(t *testing.T) {
	t.Parallel()
	db := dbtest.NewSeeded(t)
	base := startServer(t, db, nil)
	ds := dbtest.DemoDataset(t)
	admin := ds.Pegawai[ds.AdminIDs[0]-1]
	ctx := tab(t)
	login(t, ctx, base, admin.NIP, seed.DemoPassword)

	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`nav.nav a[href="/periode"]`))); err != nil {
		t.Fatalf("open Periode: %v", err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(`//a[text()="Buat periode"]`)); err != nil {
		t.Fatalf("open the form: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("tahun"), "2027"), chromedp.SetValue(chromedp.ID("mulai"), "2027-01-01"),
		chromedp.SetValue(chromedp.ID("selesai"), "2027-12-31")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(`//button[text()="Simpan"]`)); err != nil {
		t.Fatalf("save: %v", err)
	}
	txt := mainText(t, ctx)
	if !strings.Contains(txt, "Periode 2027 disimpan.") || !strings.Contains(txt, "Fase: Draf") {
		t.Fatalf("after creating: %s", txt)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(`//a[contains(text(), "Pindah ke fase Perencanaan")]`)); err != nil {
		t.Fatalf("open the move: %v", err)
	}
	if txt := mainText(t, ctx); !strings.Contains(txt, "400 pegawai aktif akan menjadi peserta") {
		t.Fatalf("confirmation: %s", txt)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(`//button[text()="Pindah ke Perencanaan"]`)); err != nil {
		t.Fatalf("move: %v", err)
	}
	txt = mainText(t, ctx)
	for _, want := range []string{"Periode 2027 sekarang di fase Perencanaan.", "Fase: Perencanaan", "Peserta per perangkat daerah (400)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("after the move, lacks %q:\n%s", want, txt)
		}
	}
}
