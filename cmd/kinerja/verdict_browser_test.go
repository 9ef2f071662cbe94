package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kinerja/internal/periode"
	"kinerja/internal/seed"
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

func itoaID(id int64) string { return strconv.FormatInt(id, 10) }

// TestBrowserVerdict runs a small unit through two periods: revised SKPs with
// realisasi, ratings at Triwulan I published with Tetapkan, the annual ratings
// published, a keberatan decided by the atasan penilai; then 2027 opens and the
// pegawai still reaches the 2026 plan, result and evaluation document from the UI.
func TestBrowserVerdict(t *testing.T) {
	t.Parallel()
	f := newUnitFixture(t)
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		f.must(t, err)
	}
	db, penilai, atasan, unit, skps := f.db, f.penilai, f.atasan, f.unit, f.skps
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
	f.move(t, periode.Penilaian)
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

	// 2027 opens. SKP Saya now shows 2027; the period selector brings back 2026.
	settings, _ := periode.CheckSettings(periode.DefaultInput(2027))
	settings.Kalibrasi = periode.KalibrasiPenilai
	next, err := f.st.CreatePeriode(ctx, fixtureActor, settings)
	must(err)
	must(f.st.Period(next).Move(ctx, fixtureActor, 1, periode.Perencanaan))
	must(chromedp.Do(peg, chromedp.Navigate(base+"/")))
	waitText(t, peg, "Tugas Anda")
	click(t, peg, `//nav[@aria-label="Menu utama"]//a[text()="SKP Saya"]`)
	if txt := waitText(t, peg, "Periode 2027"); !strings.Contains(txt, "Anda belum membuat SKP untuk periode ini.") {
		t.Fatalf("SKP Saya in 2027: %s", txt)
	}
	must(chromedp.Do(peg, chromedp.SetValue(chromedp.ID("pilih-periode"), "2026")))
	click(t, peg, `//form[contains(@class,"period-picker")]//button[text()="Tampilkan"]`)
	if txt := waitText(t, peg, "SKP 2026"); !strings.Contains(txt, "versi 2") || !strings.Contains(txt, ekspektasiV2) {
		t.Fatalf("the 2026 plan from the selector: %s", txt)
	}

	// The Riwayat Kinerja, from the Beranda, holds the 2026 result and its documents.
	must(chromedp.Do(peg, chromedp.Navigate(base+"/")))
	waitText(t, peg, "Tugas Anda")
	click(t, peg, `//a[text()="Riwayat kinerja Anda"]`)
	txt := waitText(t, peg, "Periode 2026")
	for _, want := range []string{"Periode 2027 Perencanaan", "Predikat kinerja tahunan Baik", "Tahunan: Keberatan diterima, nilai diubah", "Disetujui (versi 2)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("riwayat lacks %q: %s", want, txt)
		}
	}
	doc, err := chromedp.Run(peg, chromedp.Evaluate[string](`[...document.querySelectorAll("main a")].find(a => a.textContent === "Dokumen evaluasi tahunan (PDF)").getAttribute("href")`))
	must(err)
	pdf := fetchPDFText(t, peg, doc)
	for _, want := range []string{"Triwulan I: 45 layanan (termasuk layanan daring)", "Akhir tahun: 45 layanan", "90%", ekspektasiV2, "Baik"} {
		if !strings.Contains(pdf, want) {
			t.Errorf("the 2026 Dokumen Evaluasi lacks %q: %s", want, pdf)
		}
	}
}
