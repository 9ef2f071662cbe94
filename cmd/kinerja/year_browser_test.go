package main

import (
	"context"
	"os"
	"path/filepath"
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

// TestBrowserThroughTheYear: a pegawai records a triwulan realisasi with a file, the
// penilai comments, three colleagues give peer feedback, and the pegawai sees the aggregate.
func TestBrowserThroughTheYear(t *testing.T) {
	t.Parallel()
	db := dbtest.NewSeeded(t)
	st := store.New(db.Pool)
	ds := dbtest.DemoDataset(t)
	ctx := context.Background()
	setup := store.Actor{Label: "setup"}

	// A pegawai with at least three possible reviewers: peers under the same atasan
	// and their own direct subordinates.
	subs := map[int64][]seed.Pegawai{}
	byID := map[int64]seed.Pegawai{}
	for _, p := range ds.Pegawai {
		subs[p.AtasanID] = append(subs[p.AtasanID], p)
		byID[p.ID] = p
	}
	var staff seed.Pegawai
	var colleagues []seed.Pegawai
	for _, p := range ds.Pegawai {
		if p.AtasanID == 0 || byID[p.AtasanID].AtasanID == 0 || p.ID == ds.AdminIDs[0] || len(subs[p.AtasanID])-1+len(subs[p.ID]) < 3 {
			continue
		}
		staff = p
		for _, q := range append(subs[p.AtasanID], subs[p.ID]...) {
			if q.ID != p.ID && len(colleagues) < 3 {
				colleagues = append(colleagues, q)
			}
		}
		break
	}
	if staff.ID == 0 {
		t.Fatal("demo data has nobody with three possible reviewers")
	}
	atasan := byID[staff.AtasanID]

	settings, _ := periode.CheckSettings(periode.DefaultInput(2026))
	settings.Kalibrasi = periode.KalibrasiPenilai
	pid, err := st.CreatePeriode(ctx, setup, settings)
	if err != nil {
		t.Fatal(err)
	}
	ps := st.Period(pid)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(ps.Move(ctx, setup, 1, periode.Perencanaan))
	aSKP, err := ps.CreateSKP(ctx, setup, atasan.ID)
	must(err)
	_, err = ps.SaveRHK(ctx, setup, aSKP, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Meningkatnya mutu layanan unit"})
	must(err)
	prhk, err := ps.PenilaiRHK(ctx, atasan.ID)
	must(err)
	id, err := ps.CreateSKP(ctx, setup, staff.ID)
	must(err)
	rhk, err := ps.SaveRHK(ctx, setup, id, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Terselesaikannya pengarsipan dokumen unit", AtasanKunci: prhk[0].Kunci})
	must(err)
	target := 100.0
	_, err = ps.SaveIKI(ctx, setup, id, 2, rhk, 0, skp.IKI{Indikator: "Jumlah berkas yang diarsipkan", Aspek: "kuantitas", Target: &target, Satuan: "berkas"})
	must(err)
	must(ps.Submit(ctx, setup, id, 3))
	must(ps.Decide(ctx, setup, id, 4, true, ""))
	must(ps.Move(ctx, setup, 2, periode.Pelaksanaan))
	for _, c := range colleagues {
		must(ps.Nominasikan(ctx, setup, staff.ID, c.ID, true))
	}
	base := startServer(t, db, nil)

	// 1. The pegawai records the realisasi with a file.
	file := filepath.Join(t.TempDir(), "laporan-arsip.pdf")
	must(os.WriteFile(file, []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"), 0o600))
	peg := tab(t)
	login(t, peg, base, staff.NIP, seed.DemoPassword)
	if txt := waitText(t, peg, "Beranda"); !strings.Contains(txt, "belum diisi") {
		t.Fatalf("Beranda lacks the realisasi task: %s", txt)
	}
	click(t, peg, `//a[text()="Isi realisasi"]`)
	iki, err := chromedp.Run(peg, chromedp.Evaluate[string](`document.querySelector("input[name^=nilai_]").id`))
	must(err)
	fill(t, peg, map[string]string{iki: "40", strings.Replace(iki, "nilai_", "teks_", 1): "40 berkas diarsipkan"})
	click(t, peg, `//button[text()="Simpan"]`)
	waitText(t, peg, "disimpan.")
	ikiVal, err := chromedp.Run(peg, chromedp.Evaluate[string](`document.querySelector("#iki option:nth-child(2)").value`))
	must(err)
	fill(t, peg, map[string]string{"iki": ikiVal, "judul": "Laporan pengarsipan"})
	must(chromedp.Do(peg, chromedp.SetUploadFiles(chromedp.ID("berkas"), []string{file})))
	click(t, peg, `//button[text()="Tambah bukti"]`)
	waitText(t, peg, "Laporan pengarsipan” ditambahkan.")
	realisasiURL, err := chromedp.Run(peg, chromedp.Location())
	must(err)

	// 2. The penilai comments on the RHK.
	pen := tab(t)
	login(t, pen, base, atasan.NIP, seed.DemoPassword)
	must(chromedp.Do(pen, chromedp.Navigate(realisasiURL)))
	if txt := waitText(t, pen, "Laporan pengarsipan"); !strings.Contains(txt, "40 berkas diarsipkan") || !strings.Contains(txt, "Laporan pengarsipan") {
		t.Fatalf("penilai does not see the realisasi: %s", txt)
	}
	fill(t, pen, map[string]string{"fb-rhk-1": "Bagus; percepat di triwulan berikutnya."})
	click(t, pen, `//button[text()="Kirim umpan balik"]`)
	waitText(t, pen, "Umpan balik terkirim.")

	// 3. Three colleagues give peer feedback from their Beranda.
	for i, c := range colleagues {
		rv := tab(t)
		login(t, rv, base, c.NIP, seed.DemoPassword)
		click(t, rv, `//a[text()="Beri umpan balik"]`)
		for n := 1; n <= 7; n++ {
			level := "sesuai"
			if n == 1 || (n == 6 && i < 2) {
				level = "diatas"
			}
			must(chromedp.Do(rv, chromedp.Click(chromedp.CSS(`input[name="r_`+strconv.Itoa(n)+`"][value="`+level+`"]`))))
		}
		if i == 0 {
			fill(t, rv, map[string]string{"komentar": "Selalu sigap membantu rekan."})
		}
		click(t, rv, `//button[text()="Kirim umpan balik"]`)
		waitText(t, rv, "umpan balik Anda terkirim tanpa nama")
	}

	// 4. The answers are sealed until the period moves to penilaian, which releases
	// them all at once; then the pegawai sees the aggregate and the comments, without
	// names.
	must(chromedp.Do(peg, chromedp.Navigate(strings.Replace(realisasiURL, "/realisasi", "/rekan", 1))))
	if txt := waitText(t, peg, "Belum cukup tanggapan"); strings.Contains(txt, "Selalu sigap membantu rekan.") {
		t.Fatalf("a sealed answer shows: %s", txt)
	}
	cur, err := ps.Get(ctx)
	must(err)
	must(ps.Move(ctx, setup, cur.Version, periode.Penilaian))
	must(chromedp.Do(peg, chromedp.Navigate(strings.Replace(realisasiURL, "/realisasi", "/rekan", 1))))
	txt := waitText(t, peg, "peninjau menjawab")
	if !strings.Contains(txt, "3 peninjau menjawab") || !strings.Contains(txt, "Selalu sigap membantu rekan.") || !strings.Contains(txt, "1. Berorientasi Pelayanan 3 0 0") ||
		!strings.Contains(txt, "6. Adaptif 2 1 0") {
		t.Fatalf("aggregate: %s", txt)
	}
	results := txt[strings.Index(txt, "Hasil"):strings.Index(txt, "Peninjau Peninjau")]
	for _, c := range colleagues {
		if strings.Contains(results, c.Nama) {
			t.Fatalf("a reviewer is named among the results: %s", results)
		}
	}
	if strings.Contains(txt, "Sudah menjawab") {
		t.Fatalf("the pegawai learns who answered: %s", txt)
	}
	must(chromedp.Do(peg, chromedp.Navigate(strings.Replace(realisasiURL, "/realisasi", "/linimasa", 1))))
	if txt := waitText(t, peg, "Linimasa SKP"); !strings.Contains(txt, "Bagus; percepat di triwulan berikutnya.") || !strings.Contains(txt, "Laporan pengarsipan") {
		t.Fatalf("timeline: %s", txt)
	}
}
