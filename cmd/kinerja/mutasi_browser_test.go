package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"kinerja/internal/dbtest"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/skp"
)

// TestBrowserMutasi: the Admin BKD records a mutasi in the browser on a 390 px
// screen; the participant's page, the earlier plan and the new penilai's annual
// rating page (with the earlier plan beside it) fit the screen.
func TestBrowserMutasi(t *testing.T) {
	t.Parallel()
	f := newUnitFixture(t)
	base := startServer(t, f.db, nil)
	ctx := context.Background()
	ds := dbtest.DemoDataset(t)
	admin := ds.Pegawai[ds.AdminIDs[0]-1]
	peg := f.unit[0]
	earlier := f.skps[peg.ID]

	adm := tab(t)
	f.must(t, chromedp.Do(adm, chromedp.EmulateViewport(390, 844)))
	login(t, adm, base, admin.NIP, seed.DemoPassword)
	detail := base + "/periode/" + itoaID(f.ps.ID()) + "/peserta/" + itoaID(peg.ID)
	f.must(t, chromedp.Do(adm, chromedp.Navigate(detail)))
	waitText(t, adm, "Catat mutasi")
	fill(t, adm, map[string]string{"mutasi_tmt": "2026-05-15", "mutasi_nip": f.atasan.NIP, "mutasi_alasan": "SK Kepala Dinas 800/15/2026"})
	click(t, adm, `//button[text()="Catat mutasi"]`)
	waitText(t, adm, "Mutasi dicatat.")
	fitsWidth(t, adm, detail, "peserta-mutasi-390", "15 Mei 2026 – 31 Desember 2026", 390)

	// The new plan, cascaded from the new penilai's and approved by them.
	list, err := f.ps.PenugasanOf(ctx, peg.ID)
	f.must(t, err)
	if len(list) != 2 || list[0].SKPID != earlier {
		t.Fatalf("penugasan after the browser's mutasi: %+v", list)
	}
	plan := list[1].SKPID
	aSKP, err := f.ps.CreateSKP(ctx, fixtureActor, f.atasan.ID)
	f.must(t, err)
	_, err = f.ps.SaveRHK(ctx, fixtureActor, aSKP, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Meningkatnya mutu pembinaan sekolah"})
	f.must(t, err)
	arhk, err := f.ps.PenilaiRHK(ctx, f.atasan.ID)
	f.must(t, err)
	rhk, err := f.ps.SaveRHK(ctx, fixtureActor, plan, f.version(t, plan), 0, skp.RHK{Jenis: "utama", Uraian: "Terbinanya sekolah binaan", AtasanKunci: arhk[0].Kunci})
	f.must(t, err)
	target := 8.0
	_, err = f.ps.SaveIKI(ctx, fixtureActor, plan, f.version(t, plan), rhk, 0, skp.IKI{Indikator: "Jumlah sekolah dibina", Aspek: "kuantitas", Target: &target, Satuan: "sekolah"})
	f.must(t, err)
	f.must(t, f.ps.Submit(ctx, fixtureActor, plan, f.version(t, plan)))
	f.must(t, f.ps.Decide(ctx, fixtureActor, plan, f.version(t, plan), true, ""))
	f.move(t, periode.Penilaian)

	me := tab(t)
	f.must(t, chromedp.Do(me, chromedp.EmulateViewport(390, 844)))
	login(t, me, base, peg.NIP, seed.DemoPassword)
	fitsWidth(t, me, base+"/skp/"+itoaID(earlier), "skp-penugasan-berakhir-390", "Penugasan ini berakhir karena mutasi", 390)

	baru := tab(t)
	f.must(t, chromedp.Do(baru, chromedp.EmulateViewport(390, 844)))
	login(t, baru, base, f.atasan.NIP, seed.DemoPassword)
	fitsWidth(t, baru, base+"/skp/"+itoaID(plan)+"/penilaian?ke=0", "penilaian-tahunan-mutasi-390", "Penugasan sebelumnya: 1 Januari 2026 – 14 Mei 2026", 390)
	waitText(t, baru, "Jumlah layanan diselesaikan")
}
