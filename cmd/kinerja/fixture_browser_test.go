package main

import (
	"context"
	"encoding/base64"
	"testing"

	"github.com/chromedp/chromedp"

	"kinerja/internal/dbtest"
	"kinerja/internal/pdftext"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/skp"
	"kinerja/internal/store"
)

// unitFixture is a small unit of the demo data in the 2026 period, moved to
// Pelaksanaan: a penilai with an RHK and two subordinates whose plans were approved,
// revised (perubahan SKP, version 2, with the penilai's ekspektasi changed) and
// approved again, with Triwulan I realisasi on version 2.
type unitFixture struct {
	db      dbtest.DB
	st      *store.Store
	ps      *store.PeriodStore
	penilai seed.Pegawai
	atasan  seed.Pegawai
	unit    []seed.Pegawai
	skps    map[int64]int64 // pegawai → their latest SKP (version 2)
	opdID   int64
}

// The ekspektasi khusus pimpinan of the revised plans, for BerAKHLAK value 1.
const ekspektasiV2 = "Menyelesaikan layanan pemohon pada hari yang sama."

var fixtureActor = store.Actor{Label: "setup"}

func (f *unitFixture) must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// version is the SKP's current optimistic-lock version.
func (f *unitFixture) version(t *testing.T, id int64) int {
	t.Helper()
	k, err := f.ps.GetSKP(context.Background(), id)
	f.must(t, err)
	return k.Version
}

// move takes the period to the phase.
func (f *unitFixture) move(t *testing.T, to periode.Fase) {
	t.Helper()
	cur, err := f.ps.Get(context.Background())
	f.must(t, err)
	f.must(t, f.ps.Move(context.Background(), fixtureActor, cur.Version, to))
}

func newUnitFixture(t *testing.T) *unitFixture {
	t.Helper()
	db := dbtest.NewSeeded(t)
	f := &unitFixture{db: db, st: store.New(db.Pool), skps: map[int64]int64{}}
	ds := dbtest.DemoDataset(t)
	ctx := context.Background()

	// A penilai with two or more subordinates and an atasan of their own.
	subs := map[int64][]seed.Pegawai{}
	byID := map[int64]seed.Pegawai{}
	for _, p := range ds.Pegawai {
		subs[p.AtasanID] = append(subs[p.AtasanID], p)
		byID[p.ID] = p
	}
	for _, p := range ds.Pegawai {
		if p.AtasanID != 0 && len(subs[p.ID]) >= 2 && p.ID != ds.AdminIDs[0] {
			f.penilai = p
			break
		}
	}
	if f.penilai.ID == 0 {
		t.Fatal("demo data has no penilai with two subordinates")
	}
	f.atasan = byID[f.penilai.AtasanID]
	f.unit = subs[f.penilai.ID][:2]
	for _, u := range ds.Units {
		if u.ID == f.penilai.UnitID {
			f.opdID = u.OPDID
		}
	}

	settings, _ := periode.CheckSettings(periode.DefaultInput(2026))
	settings.Kalibrasi = periode.KalibrasiPenilai
	pid, err := f.st.CreatePeriode(ctx, fixtureActor, settings)
	f.must(t, err)
	f.ps = f.st.Period(pid)
	f.must(t, f.ps.Move(ctx, fixtureActor, 1, periode.Perencanaan))
	f.must(t, f.ps.SetPredikatOPD(ctx, fixtureActor, f.opdID, "Baik"))
	pSKP, err := f.ps.CreateSKP(ctx, fixtureActor, f.penilai.ID)
	f.must(t, err)
	_, err = f.ps.SaveRHK(ctx, fixtureActor, pSKP, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Meningkatnya mutu layanan unit"})
	f.must(t, err)
	prhk, err := f.ps.PenilaiRHK(ctx, f.penilai.ID)
	f.must(t, err)
	v1 := map[int64]int64{}
	for _, p := range f.unit {
		id, err := f.ps.CreateSKP(ctx, fixtureActor, p.ID)
		f.must(t, err)
		rhk, err := f.ps.SaveRHK(ctx, fixtureActor, id, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Terselesaikannya layanan administrasi unit", AtasanKunci: prhk[0].Kunci})
		f.must(t, err)
		target := 50.0
		_, err = f.ps.SaveIKI(ctx, fixtureActor, id, 2, rhk, 0, skp.IKI{Indikator: "Jumlah layanan diselesaikan", Aspek: "kuantitas", Target: &target, Satuan: "layanan"})
		f.must(t, err)
		f.must(t, f.ps.Submit(ctx, fixtureActor, id, 3))
		f.must(t, f.ps.SaveEkspektasi(ctx, fixtureActor, id, f.version(t, id), map[int]string{1: "Melayani pemohon dengan ramah."}))
		f.must(t, f.ps.Decide(ctx, fixtureActor, id, f.version(t, id), true, ""))
		v1[p.ID] = id
	}
	f.move(t, periode.Pelaksanaan)
	for _, p := range f.unit {
		id, err := f.ps.NewRevision(ctx, fixtureActor, v1[p.ID], f.version(t, v1[p.ID]), "Target layanan dinaikkan setelah evaluasi triwulan I.")
		f.must(t, err)
		f.must(t, f.ps.Submit(ctx, fixtureActor, id, f.version(t, id)))
		f.must(t, f.ps.SaveEkspektasi(ctx, fixtureActor, id, f.version(t, id), map[int]string{1: ekspektasiV2}))
		f.must(t, f.ps.Decide(ctx, fixtureActor, id, f.version(t, id), true, ""))
		k, err := f.ps.GetSKP(ctx, id)
		f.must(t, err)
		nilai := 45.0
		f.must(t, f.ps.SaveRealisasi(ctx, fixtureActor, id, 1, []skp.Realisasi{{IKIID: k.RHK[0].IKI[0].ID, Checkin: 1, Nilai: &nilai, Teks: "termasuk layanan daring"}}))
		f.skps[p.ID] = id
	}
	return f
}

// fetchPDFText downloads a document with the browser's session and returns its text.
func fetchPDFText(t *testing.T, ctx context.Context, path string) string {
	t.Helper()
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("`+path+`").then(r => { if (!r.ok) throw new Error("status " + r.status); return r.arrayBuffer() })
		.then(b => { let s = ""; new Uint8Array(b).forEach(c => s += String.fromCharCode(c)); return btoa(s) })`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch %s: %v", path, err)
	}
	pdf, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	txt, err := pdftext.Extract(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return txt
}
