// Package demo builds the demo pemda's appraisal periods through the store, so that
// every rule of the domain applies to them as to real data: a finished previous year
// for one OPD (plans cascaded and approved, a year of realisasi with bukti, umpan
// balik, peer reviews, annual ratings published, one keberatan decided, the period
// closed) and the current year open in Perencanaan with its deadlines.
package demo

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
	"kinerja/internal/store"
)

// Actor is who the audit log names for the demo's changes.
var Actor = store.Actor{Label: "data demo"}

// OpenYear opens the period of year in Perencanaan with deadlines in order: plans due
// in three weeks, pelaksanaan at the end of November, penilaian at the period's end
// (late in the year each stays a day before the next).
func OpenYear(ctx context.Context, st *store.Store, year int, today time.Time) (int64, error) {
	in := periode.DefaultInput(year)
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	plan := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 21)
	if plan.After(end.AddDate(0, 0, -2)) || plan.Year() < year {
		plan = end.AddDate(0, 0, -2)
	}
	pel := time.Date(year, 11, 30, 0, 0, 0, 0, time.UTC)
	if !pel.After(plan) {
		pel = plan.AddDate(0, 0, 1)
	}
	in.TenggatPerencanaan = plan.Format(time.DateOnly)
	in.TenggatPelaksanaan = pel.Format(time.DateOnly)
	in.TenggatPenilaian = end.Format(time.DateOnly)
	settings, errs := periode.CheckSettings(in)
	if len(errs) > 0 {
		return 0, fmt.Errorf("demo: period %d: %v", year, errs)
	}
	id, err := st.CreatePeriode(ctx, Actor, settings)
	if err != nil {
		return 0, err
	}
	return id, step(ctx, st.Period(id), periode.Perencanaan)
}

// step moves the period to the phase.
func step(ctx context.Context, ps *store.PeriodStore, to periode.Fase) error {
	cur, err := ps.Get(ctx)
	if err != nil {
		return err
	}
	return ps.Move(ctx, Actor, cur.Version, to)
}

// history is the previous year being built.
type history struct {
	st   *store.Store
	ps   *store.PeriodStore
	urut []store.PesertaUrut
	skps map[int64]int64 // pegawai → approved SKP
	rhk  map[int64]int64 // pegawai → the kunci of their RHK
}

func (h *history) version(ctx context.Context, id int64) (int, error) {
	k, err := h.ps.GetSKP(ctx, id)
	if err != nil {
		return 0, err
	}
	return k.Version, nil
}

// FinishedYear builds and closes the period of year for the OPD opdID: every
// participant of the OPD gets a plan that cascades from their penilai's, approved;
// four quarters of realisasi with a bukti link and the penilai's umpan balik; peer
// reviews for the keberatanPegawai (who must be in the OPD) and for one colleague
// with enough candidates to pass the anonymity threshold; the annual
// ratings are published, the keberatanPegawai files a keberatan that their atasan
// penilai decides; then the period closes.
func FinishedYear(ctx context.Context, st *store.Store, year int, opdID, keberatanPegawai int64, now time.Time, loc *time.Location) (int64, error) {
	settings, errs := periode.CheckSettings(periode.DefaultInput(year))
	if len(errs) > 0 {
		return 0, fmt.Errorf("demo: period %d: %v", year, errs)
	}
	id, err := st.CreatePeriode(ctx, Actor, settings)
	if err != nil {
		return 0, err
	}
	h := &history{st: st, ps: st.Period(id), skps: map[int64]int64{}, rhk: map[int64]int64{}}
	if err := step(ctx, h.ps, periode.Perencanaan); err != nil {
		return 0, err
	}
	if err := h.ps.SetPredikatOPD(ctx, Actor, opdID, "Baik"); err != nil {
		return 0, err
	}
	if h.urut, err = h.ps.UrutanKaskade(ctx, opdID); err != nil {
		return 0, err
	}
	for i, x := range h.urut {
		if err := h.plan(ctx, i, x); err != nil {
			return 0, fmt.Errorf("demo: plan of pegawai %d: %w", x.PegawaiID, err)
		}
	}
	if err := step(ctx, h.ps, periode.Pelaksanaan); err != nil {
		return 0, err
	}
	for i, x := range h.urut {
		if err := h.year(ctx, i, x); err != nil {
			return 0, fmt.Errorf("demo: realisasi of pegawai %d: %w", x.PegawaiID, err)
		}
	}
	// Peer reviews for the demo pegawai (whose unit may have fewer candidates than
	// the anonymity threshold), and for the first participant with enough of them.
	if _, err := h.peers(ctx, keberatanPegawai); err != nil {
		return 0, fmt.Errorf("demo: peer review: %w", err)
	}
	for _, x := range h.urut {
		if x.PegawaiID == keberatanPegawai {
			continue
		}
		n, err := h.peers(ctx, x.PegawaiID)
		if err != nil {
			return 0, fmt.Errorf("demo: peer review: %w", err)
		}
		if n >= settings.AmbangAnonim {
			break
		}
	}
	if err := step(ctx, h.ps, periode.Penilaian); err != nil {
		return 0, err
	}
	if err := h.rate(ctx); err != nil {
		return 0, err
	}
	if err := h.keberatan(ctx, keberatanPegawai, now, loc); err != nil {
		return 0, fmt.Errorf("demo: keberatan: %w", err)
	}
	return id, step(ctx, h.ps, periode.Selesai)
}

// plan writes, submits and approves one participant's plan: one RHK Utama that
// supports their penilai's (when the penilai is of the OPD), one numeric IKI, and
// the penilai's ekspektasi for Berorientasi Pelayanan.
func (h *history) plan(ctx context.Context, i int, x store.PesertaUrut) error {
	id, err := h.ps.CreateSKP(ctx, Actor, x.PegawaiID)
	if err != nil {
		return err
	}
	k, err := h.ps.GetSKP(ctx, id)
	if err != nil {
		return err
	}
	r := skp.RHK{Jenis: "utama", Uraian: uraian[i%len(uraian)], AtasanKunci: h.rhk[x.PenilaiID]}
	if k.JPT {
		r.Perspektif = skp.Perspektif[0].Kode
	}
	if k.KepalaOPD {
		r.AtasanKunci, r.Penugasan = 0, "Rencana Strategis Perangkat Daerah"
	}
	rhkID, err := h.ps.SaveRHK(ctx, Actor, id, k.Version, 0, r)
	if err != nil {
		return err
	}
	target := float64(12 + 4*(i%4))
	v, err := h.version(ctx, id)
	if err != nil {
		return err
	}
	if _, err := h.ps.SaveIKI(ctx, Actor, id, v, rhkID, 0, skp.IKI{Indikator: "Jumlah " + satuan[i%len(satuan)] + " yang diselesaikan",
		Aspek: "kuantitas", Target: &target, Satuan: satuan[i%len(satuan)]}); err != nil {
		return err
	}
	for _, f := range []func(v int) error{
		func(v int) error { return h.ps.Submit(ctx, Actor, id, v) },
		func(v int) error {
			return h.ps.SaveEkspektasi(ctx, Actor, id, v, map[int]string{1: "Menanggapi setiap permintaan layanan sekolah paling lambat dua hari kerja."})
		},
		func(v int) error { return h.ps.Decide(ctx, Actor, id, v, true, "") },
	} {
		if v, err = h.version(ctx, id); err != nil {
			return err
		}
		if err := f(v); err != nil {
			return err
		}
	}
	rhk, err := h.ps.PenilaiRHK(ctx, x.PegawaiID)
	if err != nil || len(rhk) == 0 {
		return fmt.Errorf("no RHK after approval: %v", err)
	}
	h.skps[x.PegawaiID], h.rhk[x.PegawaiID] = id, rhk[0].Kunci
	return nil
}

var (
	uraian = []string{"Terlaksananya layanan administrasi sekolah tepat waktu", "Tersusunnya laporan capaian program pendidikan",
		"Meningkatnya mutu data pokok pendidikan", "Terselenggaranya pembinaan guru dan tenaga kependidikan"}
	satuan = []string{"dokumen", "laporan", "kegiatan", "sekolah"}
)

// year records four quarters of realisasi (the fourth with a bukti link), and the
// penilai's umpan balik on the second quarter.
func (h *history) year(ctx context.Context, i int, x store.PesertaUrut) error {
	id := h.skps[x.PegawaiID]
	k, err := h.ps.GetSKP(ctx, id)
	if err != nil {
		return err
	}
	iki := k.RHK[0].IKI[0]
	for q := 1; q <= 4; q++ {
		// Cumulative; most reach the target, some exceed it, a few fall short.
		n := *iki.Target * float64(q) / 4 * (0.85 + 0.1*float64(i%4))
		n = float64(int(n*10)) / 10
		if err := h.ps.SaveRealisasi(ctx, Actor, id, q, []skp.Realisasi{{IKIID: iki.ID, Checkin: q, Nilai: &n}}); err != nil {
			return err
		}
	}
	if _, err := h.ps.AddBukti(ctx, Actor, id, store.Bukti{IKIID: iki.ID, Checkin: 4, Jenis: "tautan", Judul: "Rekap " + iki.Satuan + " triwulan IV",
		URL: "https://arsip.kotalama.go.id/kinerja/" + strconv.FormatInt(id, 10)}); err != nil {
		return err
	}
	if x.PenilaiID == 0 {
		return nil
	}
	return h.ps.AddUmpanBalik(ctx, Actor, id, store.UmpanBalik{Checkin: 2, RHKKunci: k.RHK[0].Kunci, Peran: "penilai",
		Teks: "Capaian sesuai rencana; lampirkan rekap sebagai bukti dukung pada triwulan berikutnya."})
}

// peers has the penilai request up to three peer reviews for the pegawai from the
// candidates (the wider pool when the unit is small), and the reviewers answer; it
// returns how many answered.
func (h *history) peers(ctx context.Context, pegawaiID int64) (int, error) {
	calon, err := h.ps.CalonPeninjau(ctx, pegawaiID)
	cands := calon.List
	if err != nil || len(cands) == 0 {
		return 0, err
	}
	if len(cands) > 3 {
		cands = cands[:3]
	}
	for _, c := range cands {
		if err := h.ps.Nominasikan(ctx, Actor, pegawaiID, c.ReviewerID, true); err != nil {
			return 0, err
		}
	}
	reqs, err := h.ps.PeninjauOf(ctx, pegawaiID)
	if err != nil {
		return 0, err
	}
	for i, q := range reqs {
		ratings := map[int]string{}
		for n := 1; n <= penilaian.NilaiCount; n++ {
			ratings[n] = string(penilaian.Sesuai)
			if (n+i)%4 == 0 {
				ratings[n] = string(penilaian.DiAtas)
			}
		}
		if err := h.ps.JawabPermintaan(ctx, Actor, q.ReviewerID, q.ID, ratings, "Rekan yang dapat diandalkan."); err != nil {
			return 0, err
		}
	}
	return len(reqs), nil
}

// rate gives each participant their annual rating and has each penilai publish.
func (h *history) rate(ctx context.Context) error {
	penilai := map[int64]bool{}
	var order []int64
	for i, x := range h.urut {
		if x.PenilaiID == 0 {
			continue
		}
		id := h.skps[x.PegawaiID]
		hk, pk := penilaian.Sesuai, penilaian.Sesuai
		switch i % 7 {
		case 0:
			hk, pk = penilaian.DiAtas, penilaian.DiAtas
		case 3:
			hk = penilaian.DiAtas
		case 5:
			hk = penilaian.DiBawah
		}
		in := penilaian.Input{Checkin: periode.Year, HasilKerja: hk, Perilaku: pk,
			Items: []penilaian.Item{{Sasaran: penilaian.RHKSasaran(h.rhk[x.PegawaiID]), Rating: hk, UmpanBalik: "Sesuai realisasi dan bukti dukung."}}}
		for n := 1; n <= penilaian.NilaiCount; n++ {
			in.Items = append(in.Items, penilaian.Item{Sasaran: penilaian.NilaiSasaran(n), Rating: pk})
		}
		if err := h.ps.SavePenilaian(ctx, Actor, id, x.PegawaiID, in); err != nil {
			return fmt.Errorf("demo: rating of pegawai %d: %w", x.PegawaiID, err)
		}
		if !penilai[x.PenilaiID] {
			penilai[x.PenilaiID] = true
			order = append(order, x.PenilaiID)
		}
	}
	for _, p := range order {
		if _, err := h.ps.Tetapkan(ctx, Actor, p, periode.Year, "Data demo: sebaran unit kecil mengikuti capaian masing-masing pegawai."); err != nil {
			return fmt.Errorf("demo: tetapkan by %d: %w", p, err)
		}
	}
	// The period calibrates at the OPD's level: each OPD publishes its proposals.
	waiting, err := h.ps.KalibrasiMenunggu(ctx, periode.Year)
	if err != nil {
		return err
	}
	for opd := range waiting {
		if _, err := h.ps.TetapkanOPD(ctx, Actor, opd, periode.Year, "Data demo: sebaran mengikuti capaian masing-masing pegawai."); err != nil {
			return fmt.Errorf("demo: kalibrasi OPD %d: %w", opd, err)
		}
	}
	return nil
}

// keberatan has the pegawai appeal the annual rating, and the atasan penilai raise
// the Perilaku Kerja.
func (h *history) keberatan(ctx context.Context, pegawaiID int64, now time.Time, loc *time.Location) error {
	k, err := h.ps.GetSKP(ctx, h.skps[pegawaiID])
	if err != nil {
		return err
	}
	kb, err := h.ps.AjukanKeberatan(ctx, Actor, pegawaiID, k.AtasanPenilaiID, periode.Year,
		"Perilaku kerja berorientasi pelayanan: seluruh permintaan sekolah saya tanggapi dalam satu hari kerja (lihat rekap triwulan IV).", now, loc)
	if err != nil {
		return err
	}
	return h.ps.PutuskanKeberatan(ctx, Actor, kb, penilaian.Putusan{Ubah: true, Perilaku: penilaian.DiAtas, Version: 1,
		Keputusan: "Bukti rekap triwulan IV menunjukkan layanan di atas ekspektasi; Perilaku Kerja diubah menjadi Di Atas Ekspektasi."})
}
