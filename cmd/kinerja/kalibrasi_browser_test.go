package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"kinerja/internal/dbtest"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/store"
)

// TestBrowserKalibrasiOPD: three penilai of Dinas Pendidikan propose their
// subordinates' Triwulan I ratings; the kepala OPD calibrates the OPD in the
// browser, changes one rating with a reason and publishes; the pegawai sees the
// result and the reason; the Admin BKD downloads the rekap XLSX and it is read back.
func TestBrowserKalibrasiOPD(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.NewSeeded(t)
	st := store.New(db.Pool)
	ds := dbtest.DemoDataset(t)
	units := map[string]seed.Unit{}
	for _, u := range ds.Units {
		units[u.Nama] = u
	}
	head := func(unit string) seed.Pegawai {
		for _, j := range ds.Jabatan {
			if j.UnitID == units[unit].ID && j.Kepala {
				for _, p := range ds.Pegawai {
					if p.JabatanID == j.ID {
						return p
					}
				}
			}
		}
		t.Fatalf("no head of %s", unit)
		return seed.Pegawai{}
	}
	kepala := head("Dinas Pendidikan")
	var penilai []seed.Pegawai
	for _, u := range []string{"Seksi Kurikulum SD", "Seksi Sarana Prasarana SD", "Seksi Kurikulum SMP"} {
		penilai = append(penilai, head(u))
	}
	settings, _ := periode.CheckSettings(periode.DefaultInput(2026))
	if settings.Kalibrasi != periode.KalibrasiOPD {
		t.Fatalf("a new period settles by %s, want kalibrasi OPD", settings.Kalibrasi)
	}
	pid := must(st.CreatePeriode(ctx, fixtureActor, settings))
	ps := st.Period(pid)
	if err := ps.Move(ctx, fixtureActor, 1, periode.Perencanaan); err != nil {
		t.Fatal(err)
	}
	var subs []seed.Pegawai
	var ids []int64
	for _, p := range ds.Pegawai {
		for _, h := range penilai {
			if p.AtasanID == h.ID {
				subs = append(subs, p)
				ids = append(ids, p.ID)
			}
		}
	}
	skps := must(seed.BenchSKP(ctx, db.Pool, pid, ids, 1, 1))
	var plans []int64
	for _, id := range skps {
		plans = append(plans, id)
	}
	if err := seed.BenchApprove(ctx, db.Pool, pid, plans); err != nil {
		t.Fatal(err)
	}
	cur := must(ps.Get(ctx))
	if err := ps.Move(ctx, fixtureActor, cur.Version, periode.Pelaksanaan); err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		k := must(ps.GetSKP(ctx, skps[s.ID]))
		in := penilaian.Input{Checkin: 1, HasilKerja: penilaian.DiAtas, Perilaku: penilaian.DiAtas,
			Items: []penilaian.Item{{Sasaran: penilaian.RHKSasaran(k.RHK[0].Kunci), Rating: penilaian.DiAtas}}}
		for n := 1; n <= penilaian.NilaiCount; n++ {
			in.Items = append(in.Items, penilaian.Item{Sasaran: penilaian.NilaiSasaran(n), Rating: penilaian.DiAtas})
		}
		if err := ps.SavePenilaian(ctx, fixtureActor, skps[s.ID], s.ID, in); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range penilai {
		if _, err := ps.Tetapkan(ctx, fixtureActor, h.ID, 1, ""); err != nil {
			t.Fatalf("proposal by %s: %v", h.Nama, err)
		}
	}

	base := startServer(t, db, nil)
	kep := tab(t)
	login(t, kep, base, kepala.NIP, seed.DemoPassword)
	if err := chromedp.Do(kep, chromedp.Navigate(base+"/kalibrasi?ke=1")); err != nil {
		t.Fatal(err)
	}
	txt := waitText(t, kep, "Kalibrasi Dinas Pendidikan")
	target := subs[0]
	for _, s := range subs {
		if !strings.Contains(txt, s.Nama) {
			t.Errorf("the kalibrasi does not list %s", s.Nama)
		}
	}
	// Change one rating: follow its Ubah link.
	href, err := chromedp.Run(kep, chromedp.Evaluate[string](`[...document.querySelectorAll("a")].find(a => a.textContent.includes("Ubah") && a.textContent.includes(`+strconv.Quote(target.Nama)+`)).getAttribute("href")`))
	if err != nil {
		t.Fatalf("no Ubah link for %s: %v", target.Nama, err)
	}
	if err := chromedp.Do(kep, chromedp.Navigate(base+href)); err != nil {
		t.Fatal(err)
	}
	waitText(t, kep, "Ubah penilaian "+target.Nama)
	alasan := "Perilaku Kerja disamakan dengan rekan satu bidang setelah kalibrasi."
	if err := chromedp.Do(kep, chromedp.Click(chromedp.CSS(`input[name="perilaku"][value="sesuai"]`))); err != nil {
		t.Fatal(err)
	}
	fill(t, kep, map[string]string{"alasan": alasan})
	click(t, kep, `form.card button[type=submit]`)
	txt = waitText(t, kep, "diubah dalam kalibrasi")
	// Publish the OPD.
	if err := chromedp.Do(kep, chromedp.Click(chromedp.ID("konfirmasi"))); err != nil {
		t.Fatal(err)
	}
	fill(t, kep, map[string]string{"justifikasi": "Hasil kalibrasi bidang pendidikan dasar."})
	if _, err := chromedp.RunResponse(kep, chromedp.Click(chromedp.CSS(`form[action^="/kalibrasi/tetapkan"] button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	waitText(t, kep, "penilaian OPD ditetapkan dan diumumkan")

	// The pegawai sees the result and the reason.
	peg := tab(t)
	login(t, peg, base, target.NIP, seed.DemoPassword)
	plan := "/skp/" + strconv.FormatInt(skps[target.ID], 10)
	if err := chromedp.Do(peg, chromedp.Navigate(base+plan+"/penilaian/riwayat")); err != nil {
		t.Fatal(err)
	}
	waitText(t, peg, alasan)
	if err := chromedp.Do(peg, chromedp.Navigate(base+plan+"/penilaian?ke=1")); err != nil {
		t.Fatal(err)
	}
	if txt := mainText(t, peg); !strings.Contains(txt, "Baik") || strings.Contains(txt, "belum ditetapkan") {
		t.Errorf("the pegawai's result: %s", txt)
	}

	// The Admin BKD downloads the rekap XLSX of the OPD and it is read back.
	adm := tab(t)
	admin := ds.Pegawai[ds.AdminIDs[0]-1]
	login(t, adm, base, admin.NIP, seed.DemoPassword)
	path := "/laporan/rekap/unduh.xlsx?ke=1&opd=" + strconv.FormatInt(units["Dinas Pendidikan"].OPDID, 10)
	b64, err := chromedp.Run(adm, chromedp.Evaluate[string](`fetch("`+path+`").then(r => { if (!r.ok) throw new Error("status " + r.status); return r.arrayBuffer() })
		.then(b => { let s = ""; new Uint8Array(b).forEach(c => s += String.fromCharCode(c)); return btoa(s) })`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[0]] = r[len(r)-1]
	}
	if got[target.NIP] != "Baik" || got[subs[1].NIP] != "Sangat Baik" {
		t.Errorf("rekap: %s = %q, %s = %q; rows %v", target.Nama, got[target.NIP], subs[1].Nama, got[subs[1].NIP], rows[:min(len(rows), 4)])
	}
}
