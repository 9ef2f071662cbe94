package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kinerja/internal/dbtest"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/skp"
	"kinerja/internal/store"
)

// rateInBrowser opens the rating page and clicks the radio of level hk for the RHK and
// Hasil Kerja, and of level pk for the values and Perilaku Kerja, then saves.
func rateInBrowser(t *testing.T, ctx context.Context, url, hk, pk string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, "Perilaku Kerja secara keseluruhan")
	names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...new Set([...document.querySelectorAll("main input[type=radio]")].map(e => e.name))]`))
	if err != nil || len(names) != 10 { // one RHK, seven values, Hasil Kerja, Perilaku Kerja
		t.Fatalf("rating radios: %v %v", names, err)
	}
	for _, n := range names {
		level := pk
		if n == "hasil_kerja" || strings.HasPrefix(n, "r_rhk:") {
			level = hk
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name="`+n+`"][value="`+level+`"]`))); err != nil {
			t.Fatalf("click %s: %v", n, err)
		}
	}
	fill(t, ctx, map[string]string{"u-rhk-1": "Capaian sesuai bukti dukung."})
	click(t, ctx, `//button[text()="Simpan"]`)
	waitText(t, ctx, "Penilaian disimpan.")
}

// TestBrowserVerdict runs a small unit through the year: approved SKPs, ratings at
// Triwulan I published with Tetapkan, the annual ratings published with a
// justification for the breached curve, a keberatan decided by the atasan penilai, and
// the evaluation PDF.
func itoaID(id int64) string { return strconv.FormatInt(id, 10) }

func TestBrowserVerdict(t *testing.T) {
	t.Parallel()
	db := dbtest.NewSeeded(t)
	st := store.New(db.Pool)
	ds := dbtest.DemoDataset(t)
	ctx := context.Background()
	setup := store.Actor{Label: "setup"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	// A penilai with two or more subordinates and an atasan of their own.
	subs := map[int64][]seed.Pegawai{}
	byID := map[int64]seed.Pegawai{}
	for _, p := range ds.Pegawai {
		subs[p.AtasanID] = append(subs[p.AtasanID], p)
		byID[p.ID] = p
	}
	var penilai seed.Pegawai
	for _, p := range ds.Pegawai {
		if p.AtasanID != 0 && len(subs[p.ID]) >= 2 && p.ID != ds.AdminIDs[0] {
			penilai = p
			break
		}
	}
	if penilai.ID == 0 {
		t.Fatal("demo data has no penilai with two subordinates")
	}
	atasan := byID[penilai.AtasanID]
	unit := subs[penilai.ID][:2]
	var opdID int64
	for _, u := range ds.Units {
		if u.ID == penilai.UnitID {
			opdID = u.OPDID
		}
	}

	settings, _ := periode.CheckSettings(periode.DefaultInput(2026))
	pid, err := st.CreatePeriode(ctx, setup, settings)
	must(err)
	ps := st.Period(pid)
	must(ps.Move(ctx, setup, 1, periode.Perencanaan))
	must(ps.SetPredikatOPD(ctx, setup, opdID, "Baik"))
	pSKP, err := ps.CreateSKP(ctx, setup, penilai.ID)
	must(err)
	_, err = ps.SaveRHK(ctx, setup, pSKP, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Meningkatnya mutu layanan unit"})
	must(err)
	prhk, err := ps.PenilaiRHK(ctx, penilai.ID)
	must(err)
	skps := map[int64]int64{}
	for _, p := range unit {
		id, err := ps.CreateSKP(ctx, setup, p.ID)
		must(err)
		rhk, err := ps.SaveRHK(ctx, setup, id, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Terselesaikannya layanan administrasi unit", AtasanKunci: prhk[0].Kunci})
		must(err)
		target := 50.0
		_, err = ps.SaveIKI(ctx, setup, id, 2, rhk, 0, skp.IKI{Indikator: "Jumlah layanan diselesaikan", Aspek: "kuantitas", Target: &target, Satuan: "layanan"})
		must(err)
		must(ps.Submit(ctx, setup, id, 3))
		must(ps.Decide(ctx, setup, id, 4, true, ""))
		skps[p.ID] = id
	}
	cur, err := ps.Get(ctx)
	must(err)
	must(ps.Move(ctx, setup, cur.Version, periode.Pelaksanaan))
	base := startServer(t, db, nil)
	href := func(p seed.Pegawai, rest string) string { return base + "/skp/" + itoaID(skps[p.ID]) + rest }

	// Triwulan I: the penilai rates both and publishes.
	pen := tab(t)
	login(t, pen, base, penilai.NIP, seed.DemoPassword)
	rateInBrowser(t, pen, href(unit[0], "/penilaian?ke=1"), "sesuai", "sesuai")
	rateInBrowser(t, pen, href(unit[1], "/penilaian?ke=1"), "sesuai", "sesuai")
	must(chromedp.Do(pen, chromedp.Navigate(base+"/penilaian?ke=1")))
	if txt := waitText(t, pen, "Kurva distribusi"); !strings.Contains(txt, "Baik 100% melebihi batas 70%") {
		t.Fatalf("kurva before tetapkan: %s", txt)
	}
	fill(t, pen, map[string]string{"justifikasi": "Unit kecil; kinerja triwulan I merata."})
	must(chromedp.Do(pen, chromedp.Click(chromedp.ID("konfirmasi"))))
	click(t, pen, `//button[text()="Tetapkan"]`)
	waitText(t, pen, "2 penilaian ditetapkan dan diumumkan kepada pegawai.")

	// The year: in the penilaian phase, one Sangat Baik and one Butuh Perbaikan; the
	// curve holds, so no justification is needed.
	cur, err = ps.Get(ctx)
	must(err)
	must(ps.Move(ctx, setup, cur.Version, periode.Penilaian))
	rateInBrowser(t, pen, href(unit[0], "/penilaian?ke=0"), "diatas", "diatas")
	if txt := waitText(t, pen, "Penilaian periodik"); !strings.Contains(txt, "Triwulan I Sesuai Ekspektasi Sesuai Ekspektasi Baik Ditetapkan") {
		t.Fatalf("annual page lacks the periodic rating: %s", txt)
	}
	rateInBrowser(t, pen, href(unit[1], "/penilaian?ke=0"), "dibawah", "sesuai")
	must(chromedp.Do(pen, chromedp.Navigate(base+"/penilaian?ke=0")))
	if txt := waitText(t, pen, "Kurva distribusi"); !strings.Contains(txt, "Sebaran memenuhi semua batas.") {
		t.Fatalf("kurva for the year: %s", txt)
	}
	must(chromedp.Do(pen, chromedp.Click(chromedp.ID("konfirmasi"))))
	click(t, pen, `//button[text()="Tetapkan"]`)
	waitText(t, pen, "2 penilaian ditetapkan")

	// The second pegawai files a keberatan against the annual result.
	peg := tab(t)
	login(t, peg, base, unit[1].NIP, seed.DemoPassword)
	must(chromedp.Do(peg, chromedp.Navigate(href(unit[1], "/penilaian?ke=0"))))
	if txt := waitText(t, peg, "Predikat"); !strings.Contains(txt, "Predikat: Butuh Perbaikan") {
		t.Fatalf("published annual result: %s", txt)
	}
	click(t, peg, `//a[text()="Ajukan Keberatan"]`)
	fill(t, peg, map[string]string{"alasan": "Realisasi triwulan IV belum dipertimbangkan."})
	click(t, peg, `//button[text()="Ajukan Keberatan"]`)
	waitText(t, peg, "Keberatan diajukan kepada atasan pejabat penilai.")

	// The atasan penilai decides from the Keberatan menu: Hasil Kerja goes up, and the
	// predikat follows the matrix.
	at := tab(t)
	login(t, at, base, atasan.NIP, seed.DemoPassword)
	must(chromedp.Do(at, chromedp.Navigate(base+"/keberatan")))
	waitText(t, at, unit[1].Nama)
	click(t, at, `//a[text()="Buka"]`)
	waitText(t, at, "Putuskan")
	for _, sel := range []string{`input[name="putusan"][value="ubah"]`, `input[name="hasil_kerja"][value="sesuai"]`, `input[name="perilaku"][value="sesuai"]`} {
		must(chromedp.Do(at, chromedp.Click(chromedp.CSS(sel))))
	}
	fill(t, at, map[string]string{"keputusan": "Bukti realisasi triwulan IV mendukung Sesuai Ekspektasi."})
	click(t, at, `//button[text()="Putuskan"]`)
	// The decision is final, so it is shown for confirmation first.
	if txt := waitText(t, at, "Periksa keputusan keberatan"); !strings.Contains(txt, "Hasil Kerja: Di Bawah Ekspektasi menjadi Sesuai Ekspektasi.") {
		t.Fatalf("confirmation: %s", txt)
	}
	click(t, at, `//button[text()="Ya, catat keputusan"]`)
	waitText(t, at, "Keberatan diputuskan.")

	must(chromedp.Do(peg, chromedp.Navigate(href(unit[1], "/keberatan?ke=0"))))
	if txt := waitText(t, peg, "Keputusan"); !strings.Contains(txt, "Keberatan diterima, nilai diubah") || !strings.Contains(txt, "Predikat: Baik") ||
		!strings.Contains(txt, "Bukti realisasi triwulan IV mendukung") {
		t.Fatalf("decision as the pegawai sees it: %s", txt)
	}
	if ct := pdfContentType(t, peg, href(unit[1], "/evaluasi.pdf?ke=0")); ct != "application/pdf 200" {
		t.Fatalf("evaluation PDF: %s", ct)
	}
}
