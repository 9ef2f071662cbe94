package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kinerja/internal/dbtest"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/skp"
	"kinerja/internal/store"
)

func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(sel)); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

func fill(t *testing.T, ctx context.Context, fields map[string]string) {
	t.Helper()
	for id, v := range fields {
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID(id), v)); err != nil {
			t.Fatalf("fill %s: %v", id, err)
		}
	}
}

func pdfContentType(t *testing.T, ctx context.Context, path string) string {
	t.Helper()
	ct, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("`+path+`").then(r => r.headers.get("content-type") + " " + r.status)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch %s: %v", path, err)
	}
	return ct
}

// planningFixture is a period in Perencanaan (kalibrasi per penilai) where a
// pegawai's atasan has a plan with one RHK to cascade from; it returns the database,
// the pegawai and the atasan.
func planningFixture(t *testing.T) (dbtest.DB, seed.Pegawai, seed.Pegawai) {
	t.Helper()
	db := dbtest.NewSeeded(t)
	st := store.New(db.Pool)
	ctxBG := context.Background()
	setup := store.Actor{Label: "setup"}
	settings, _ := periode.CheckSettings(periode.DefaultInput(2026))
	settings.Kalibrasi = periode.KalibrasiPenilai
	pid, err := st.CreatePeriode(ctxBG, setup, settings)
	if err != nil {
		t.Fatal(err)
	}
	ps := st.Period(pid)
	if err := ps.Move(ctxBG, setup, 1, periode.Perencanaan); err != nil {
		t.Fatal(err)
	}
	staff, atasan := staffWithAtasan(dbtest.DemoDataset(t))
	pSKP, err := ps.CreateSKP(ctxBG, setup, atasan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ps.SaveRHK(ctxBG, setup, pSKP, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Meningkatnya mutu layanan unit"}); err != nil {
		t.Fatal(err)
	}
	return db, staff, atasan
}

// draftAndSubmit has the signed-in pegawai draft a plan of one RHK (under the
// atasan's first) and one IKI in the browser, and submit it.
func draftAndSubmit(t *testing.T, peg context.Context) {
	t.Helper()
	click(t, peg, `nav.nav a[href="/skp"]`)
	click(t, peg, `//button[text()="Buat SKP"]`)
	click(t, peg, `//a[text()="Tambah RHK"]`)
	fill(t, peg, map[string]string{"uraian": "Terselesaikannya pengarsipan dokumen unit"})
	key, err := chromedp.Run(peg, chromedp.Evaluate[string](`document.querySelector("#atasan option:nth-child(2)").value`))
	if err != nil {
		t.Fatal(err)
	}
	fill(t, peg, map[string]string{"atasan": key})
	click(t, peg, `//button[text()="Simpan"]`)
	click(t, peg, `//a[text()="Tambah IKI"]`)
	fill(t, peg, map[string]string{"indikator": "Jumlah berkas yang diarsipkan", "aspek": "kuantitas", "target": "100", "satuan": "berkas"})
	click(t, peg, `//button[text()="Simpan"]`)
	click(t, peg, `//button[text()="Ajukan"]`)
}

// TestBrowserSKPPath: a pegawai drafts and submits an SKP, the penilai returns it,
// the pegawai fixes and resubmits it, the penilai approves it, and both print it.
func TestBrowserSKPPath(t *testing.T) {
	t.Parallel()
	db, staff, atasan := planningFixture(t)
	base := startServer(t, db, nil)

	peg := tab(t)
	login(t, peg, base, staff.NIP, seed.DemoPassword)
	draftAndSubmit(t, peg)
	if txt := mainText(t, peg); !strings.Contains(txt, "SKP diajukan kepada pejabat penilai.") || !strings.Contains(txt, "Diajukan") {
		t.Fatalf("after submitting: %s", txt)
	}
	skpURL, _ := chromedp.Run(peg, chromedp.Location())

	pen := tab(t)
	login(t, pen, base, atasan.NIP, seed.DemoPassword)
	click(t, pen, `nav.nav a[href="/skp/bawahan"]`)
	click(t, pen, `//a[text()="`+staffName(staff)+`"]`)
	fill(t, pen, map[string]string{"catatan": "Target terlalu rendah; naikkan menjadi 150 berkas"})
	click(t, pen, `//button[text()="Kembalikan"]`)
	if txt := mainText(t, pen); !strings.Contains(txt, "SKP dikembalikan dengan catatan.") {
		t.Fatalf("after returning: %s", txt)
	}

	if err := chromedp.Do(peg, chromedp.Navigate(skpURL)); err != nil {
		t.Fatal(err)
	}
	if txt := mainText(t, peg); !strings.Contains(txt, "Dikembalikan") || !strings.Contains(txt, "naikkan menjadi 150 berkas") {
		t.Fatalf("the pegawai does not see the note: %s", txt)
	}
	click(t, peg, `//a[text()="Ubah"]`)
	fill(t, peg, map[string]string{"target": "150"})
	click(t, peg, `//button[text()="Simpan"]`)
	click(t, peg, `//button[text()="Ajukan"]`)

	if err := chromedp.Do(pen, chromedp.Navigate(skpURL)); err != nil {
		t.Fatal(err)
	}
	if txt := mainText(t, pen); !strings.Contains(txt, "150 berkas") {
		t.Fatalf("the penilai does not see the fix: %s", txt)
	}
	click(t, pen, `//button[text()="Setujui"]`)
	if txt := mainText(t, pen); !strings.Contains(txt, "SKP disetujui.") {
		t.Fatalf("after approving: %s", txt)
	}

	for who, ctx := range map[string]context.Context{"pegawai": peg, "penilai": pen} {
		if err := chromedp.Do(ctx, chromedp.Navigate(skpURL)); err != nil {
			t.Fatal(err)
		}
		click(t, ctx, `//a[text()="Cetak"]`)
		txt := mainText(t, ctx)
		for _, want := range []string{"SASARAN KINERJA PEGAWAI", "Terselesaikannya pengarsipan dokumen unit", "150 berkas", "Disetujui", "Pejabat Penilai Kinerja"} {
			if !strings.Contains(txt, want) {
				t.Errorf("%s's print lacks %q", who, want)
			}
		}
		path := strings.TrimPrefix(skpURL, base) + "/pdf"
		if ct := pdfContentType(t, ctx, path); ct != "application/pdf 200" {
			t.Errorf("%s's PDF: %s", who, ct)
		}
	}
}

func staffName(p seed.Pegawai) string {
	n := p.Nama
	if p.GelarDepan != "" {
		n = p.GelarDepan + " " + n
	}
	if p.GelarBelakang != "" {
		n += ", " + p.GelarBelakang
	}
	return n
}
