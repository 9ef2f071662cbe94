package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/store"
)

// ratedUnit is a penilai with approved plans (2 RHK) for each direct subordinate, in
// a period moved to pelaksanaan.
type ratedUnit struct {
	p     *store.PeriodStore
	head  seed.Pegawai
	subs  []seed.Pegawai
	skps  map[int64]int64
	kunci map[int64][]int64 // pegawai → RHK keys
}

func newRatedUnit(t *testing.T, st *store.Store, pool seed.DB, ds *seed.Dataset) ratedUnit {
	t.Helper()
	head, _ := headOf(t, ds, "Seksi Kurikulum SD")
	return newRatedUnitOf(t, st, pool, ds, head)
}

// newRatedUnitOf is newRatedUnit for the given penilai.
func newRatedUnitOf(t *testing.T, st *store.Store, pool seed.DB, ds *seed.Dataset, head seed.Pegawai) ratedUnit {
	t.Helper()
	p := newPeriode(t, st, 2026)
	move(t, p, periode.Perencanaan)
	u := ratedUnit{p: p, head: head, kunci: map[int64][]int64{}}
	var ids []int64
	for _, x := range ds.Pegawai {
		if x.AtasanID == head.ID {
			u.subs = append(u.subs, x)
			ids = append(ids, x.ID)
		}
	}
	if len(u.subs) < 2 {
		t.Fatalf("unit has %d subordinates", len(u.subs))
	}
	var err error
	if u.skps, err = seed.BenchSKP(ctx, pool, p.ID(), ids, 2, 1); err != nil {
		t.Fatal(err)
	}
	var skpIDs []int64
	for _, id := range u.skps {
		skpIDs = append(skpIDs, id)
	}
	if err := seed.BenchApprove(ctx, pool, p.ID(), skpIDs); err != nil {
		t.Fatal(err)
	}
	for peg, id := range u.skps {
		k, err := p.GetSKP(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range k.RHK {
			u.kunci[peg] = append(u.kunci[peg], r.Kunci)
		}
	}
	move(t, p, periode.Pelaksanaan)
	return u
}

// rate gives every RHK and value the same rating, with hk and pk as a whole.
func (u ratedUnit) rate(t *testing.T, peg int64, checkin int, hk, pk penilaian.Rating, version int) error {
	t.Helper()
	in := penilaian.Input{Checkin: checkin, HasilKerja: hk, Perilaku: pk, Version: version}
	for _, k := range u.kunci[peg] {
		in.Items = append(in.Items, penilaian.Item{Sasaran: penilaian.RHKSasaran(k), Rating: hk, UmpanBalik: "Capaian sesuai bukti."})
	}
	for n := 1; n <= 7; n++ {
		in.Items = append(in.Items, penilaian.Item{Sasaran: penilaian.NilaiSasaran(n), Rating: pk})
	}
	return u.p.SavePenilaian(ctx, actor, u.skps[peg], peg, in)
}

func TestPenilaianMatrixInTheDatabase(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	u := newRatedUnit(t, st, db.Pool, ds)
	peg := u.subs[0].ID
	v := 0
	for _, hk := range penilaian.Ratings {
		for _, pk := range penilaian.Ratings {
			if err := u.rate(t, peg, 1, hk, pk, v); err != nil {
				t.Fatalf("%s/%s: %v", hk, pk, err)
			}
			v++
			got, err := u.p.PenilaianOf(ctx, peg, 1)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := penilaian.PredikatOf(hk, pk)
			if got.Predikat != want || got.Version != v {
				t.Fatalf("%s/%s: predikat %q version %d, want %q", hk, pk, got.Predikat, got.Version, want)
			}
		}
	}
	// Stale version: nothing saved.
	if err := u.rate(t, peg, 1, penilaian.Sesuai, penilaian.Sesuai, 1); !errors.Is(err, store.ErrStale) {
		t.Fatalf("stale save: %v", err)
	}
	// The annual rating waits for the penilaian phase.
	if err := u.rate(t, peg, 0, penilaian.Sesuai, penilaian.Sesuai, 0); !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "fase Penilaian") {
		t.Fatalf("annual in pelaksanaan: %v", err)
	}
	// An override of the suggestion without a reason is refused by the database too.
	_, err := db.Pool.Exec(ctx, `UPDATE penilaian SET hasil_kerja = 'diatas', saran_hasil_kerja = 'sesuai', alasan_hasil_kerja = '' WHERE pegawai_id = $1`, peg)
	if err == nil {
		t.Fatal("override without a reason was stored")
	}
	hist, err := u.p.RiwayatPenilaian(ctx, peg)
	if err != nil || len(hist) < 9 {
		t.Fatalf("history: %d rows, %v", len(hist), err)
	}
}

func TestTetapkanAndKeberatan(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	u := newRatedUnit(t, st, db.Pool, ds)
	first, second := u.subs[0], u.subs[1]
	if err := u.rate(t, first.ID, 1, penilaian.Sesuai, penilaian.Sesuai, 0); err != nil {
		t.Fatal(err)
	}

	// Tetapkan names everyone still unrated.
	_, err := u.p.Tetapkan(ctx, actor, u.head.ID, 1, "")
	if e := apperr.As(err); e == nil || !strings.Contains(e.Fields["unit"], second.Nama) || strings.Contains(e.Fields["unit"], first.Nama) {
		t.Fatalf("incomplete unit: %v", err)
	}
	for _, s := range u.subs[1:] {
		if err := u.rate(t, s.ID, 1, penilaian.Sesuai, penilaian.Sesuai, 0); err != nil {
			t.Fatal(err)
		}
	}
	// Everyone Baik in an OPD whose organisation predikat is Baik breaches two bounds.
	if err := u.p.SetPredikatOPD(ctx, actor, unitByName(t, ds, "Seksi Kurikulum SD").OPDID, "Baik"); err != nil {
		t.Fatal(err)
	}
	d, err := u.p.KurvaPenilai(ctx, u.head.ID, 1)
	if err != nil || d.Counts[penilaian.Baik] != len(u.subs) || d.BelumDinilai != 0 || d.OrgPredikat != "Baik" || d.Pembulatan != penilaian.Persen {
		t.Fatalf("kurva: %+v %v", d, err)
	}
	_, err = u.p.Tetapkan(ctx, actor, u.head.ID, 1, "  ")
	if e := apperr.As(err); e == nil || !strings.Contains(e.Fields["justifikasi"], "Baik 100% melebihi batas 70%") ||
		!strings.Contains(e.Fields["justifikasi"], "belum ada pegawai dengan predikat Butuh Perbaikan atau Kurang/Misconduct") {
		t.Fatalf("breach without justification: %v", err)
	}
	n, err := u.p.Tetapkan(ctx, actor, u.head.ID, 1, "Seluruh staf mencapai target triwulan I.")
	if err != nil || n != len(u.subs) {
		t.Fatalf("tetapkan: %d %v", n, err)
	}
	var pelanggaran []string
	var just string
	if err := db.Pool.QueryRow(ctx, `SELECT pelanggaran, justifikasi FROM penetapan WHERE penilai_id = $1`, u.head.ID).Scan(&pelanggaran, &just); err != nil ||
		len(pelanggaran) != 2 || just == "" {
		t.Fatalf("penetapan recorded: %q %q %v", pelanggaran, just, err)
	}

	// Locked: the store refuses, and so does the database.
	got, _ := u.p.PenilaianOf(ctx, first.ID, 1)
	if err := u.rate(t, first.ID, 1, penilaian.DiAtas, penilaian.DiAtas, got.Version); !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "sudah ditetapkan") {
		t.Fatalf("save after tetapkan: %v", err)
	}
	for _, q := range []string{
		`UPDATE penilaian SET perilaku = 'diatas' WHERE id = $1`,
		`UPDATE penilaian_item SET rating = 'diatas' WHERE penilaian_id = $1`,
		`DELETE FROM penilaian_item WHERE penilaian_id = $1`,
	} {
		if _, err := db.Pool.Exec(ctx, q, got.ID); err == nil || !strings.Contains(err.Error(), "penilaian sudah ditetapkan") {
			t.Fatalf("%s: %v", q, err)
		}
	}

	// Keberatan: refused after the window, with the day it closed.
	jkt, _ := time.LoadLocation("Asia/Jakarta")
	late := got.DitetapkanAt.Add(16 * 24 * time.Hour)
	batas := penilaian.BatasKeberatan(*got.DitetapkanAt, 14, jkt)
	_, err = u.p.AjukanKeberatan(ctx, actor, first.ID, u.head.AtasanID, 1, "Bukti triwulan I belum dipertimbangkan.", late, jkt)
	if !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "ditutup pada "+periode.Tanggal(batas)) {
		t.Fatalf("late keberatan: %v", err)
	}
	if _, err := u.p.AjukanKeberatan(ctx, actor, first.ID, u.head.AtasanID, 1, " ", time.Now(), jkt); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("empty reason: %v", err)
	}
	kid, err := u.p.AjukanKeberatan(ctx, actor, first.ID, u.head.AtasanID, 1, "Bukti triwulan I belum dipertimbangkan.", time.Now(), jkt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.p.AjukanKeberatan(ctx, actor, first.ID, u.head.AtasanID, 1, "Lagi.", time.Now(), jkt); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("second keberatan: %v", err)
	}
	if err := u.p.KomentariKeberatan(ctx, actor, kid, "Atasan", "atasan", "Mohon penilai menjelaskan dasar penilaian."); err != nil {
		t.Fatal(err)
	}
	k, err := u.p.KeberatanOf(ctx, got.ID)
	if err != nil || k.Status != "diajukan" || len(k.Komentar) != 1 {
		t.Fatalf("keberatan: %+v %v", k, err)
	}
	// The decision changes the ratings; the predikat follows the matrix.
	if err := u.p.PutuskanKeberatan(ctx, actor, kid, penilaian.Putusan{Ubah: true, HasilKerja: "diatas", Perilaku: "diatas", Keputusan: "Bukti mendukung.", Version: k.Version + 1}); !errors.Is(err, store.ErrStale) {
		t.Fatalf("stale decision: %v", err)
	}
	if err := u.p.PutuskanKeberatan(ctx, actor, kid, penilaian.Putusan{Ubah: true, HasilKerja: "diatas", Perilaku: "diatas", Keputusan: "Bukti mendukung.", Version: k.Version}); err != nil {
		t.Fatal(err)
	}
	after, _ := u.p.PenilaianOf(ctx, first.ID, 1)
	if after.Predikat != "Sangat Baik" || after.AlasanHK == "" {
		t.Fatalf("after decision: %+v", after)
	}
	if err := u.p.PutuskanKeberatan(ctx, actor, kid, penilaian.Putusan{Keputusan: "Ubah lagi.", Version: k.Version + 1}); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("second decision: %v", err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE keberatan SET status = 'ditolak' WHERE id = $1`, kid); err == nil || !strings.Contains(err.Error(), "sudah diputuskan") {
		t.Fatalf("decided keberatan changed: %v", err)
	}
	hist, _ := u.p.RiwayatPenilaian(ctx, first.ID)
	var last store.RiwayatItem
	for _, h := range hist {
		if h.Sasaran == "predikat" {
			last = h
		}
	}
	if last.Lama != "Baik" || last.Baru != "Sangat Baik" || !strings.Contains(last.Alasan, "Bukti mendukung.") {
		t.Fatalf("history of the decision: %+v", hist)
	}
	// Without an atasan penilai (pemutus 0) the decision names the official who made
	// it, in the store and in the database; the Admin BKD's list shows the keberatan.
	kid2, err := u.p.AjukanKeberatan(ctx, actor, second.ID, 0, 1, "Penilaian tidak memuat bukti saya.", time.Now(), jkt)
	if err != nil {
		t.Fatal(err)
	}
	got2, _ := u.p.PenilaianOf(ctx, second.ID, 1)
	k2, err := u.p.KeberatanOf(ctx, got2.ID)
	if err != nil || k2.PemutusID != 0 {
		t.Fatalf("keberatan without pemutus: %+v %v", k2, err)
	}
	if n, _ := u.p.KeberatanTerbuka(ctx, -1, true); n != 1 {
		t.Fatalf("open keberatan without pemutus: %d", n)
	}
	if list, _ := u.p.DaftarKeberatan(ctx, -1, -1, false); len(list) != 0 {
		t.Fatalf("list without the admin's share: %+v", list)
	}
	if list, _ := u.p.DaftarKeberatan(ctx, -1, -1, true); len(list) != 1 || list[0].ID != kid2 {
		t.Fatalf("admin's list: %+v", list)
	}
	if err := u.p.PutuskanKeberatan(ctx, actor, kid2, penilaian.Putusan{Keputusan: "Ditolak.", Version: k2.Version}); !apperr.Is(err, apperr.Invalid) ||
		apperr.As(err).Fields["atas_nama"] == "" {
		t.Fatalf("decision without the official: %v", err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE keberatan SET status = 'ditolak', keputusan = 'x', diputuskan_at = now() WHERE id = $1`, kid2); pgCode(err) != "23514" {
		t.Fatalf("SQL decision without the official: %v", err)
	}
	if err := u.p.PutuskanKeberatan(ctx, actor, kid2, penilaian.Putusan{Keputusan: "Ditolak.", AtasNama: "Wali Kota Kotalama", Version: k2.Version}); err != nil {
		t.Fatal(err)
	}
	if k2, _ = u.p.KeberatanOf(ctx, got2.ID); k2.Status != "ditolak" || k2.AtasNama != "Wali Kota Kotalama" {
		t.Fatalf("decided without pemutus: %+v", k2)
	}

	// The audit log holds every step.
	var actions []string
	if err := db.Pool.QueryRow(ctx, `SELECT array_agg(DISTINCT action ORDER BY action) FROM audit_log WHERE action LIKE 'penilaian.%' OR action LIKE 'keberatan.%'`).Scan(&actions); err != nil {
		t.Fatal(err)
	}
	if strings.Join(actions, ",") != "keberatan.ajukan,keberatan.komentar,keberatan.putuskan,penilaian.simpan,penilaian.tetapkan" {
		t.Fatalf("audit actions: %v", actions)
	}

	// A closed period takes no write at all.
	move(t, u.p, periode.Penilaian)
	move(t, u.p, periode.Selesai)
	if err := u.rate(t, second.ID, 2, penilaian.Sesuai, penilaian.Sesuai, 0); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("rating in a closed period: %v", err)
	}
	if _, err := db.Pool.Exec(ctx, `INSERT INTO penilaian_riwayat (periode_id, penilaian_id, sasaran) VALUES ($1, $2, 'x')`, u.p.ID(), got.ID); err == nil {
		t.Fatal("history written in a closed period")
	}
}

// TestKurvaFollowsThePeriodRounding: the period's small-unit setting reaches the
// distribution check. A penilai with five to nine subordinates, one rated Sangat Baik
// and the rest Butuh Perbaikan, in an OPD of predikat Butuh Perbaikan: "Sangat Baik at
// most 10%" allows nobody in exact percentages, and one person once bounds are rounded
// to whole persons (10% of 5 to 9 rounds to 1).
func TestKurvaFollowsThePeriodRounding(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	count := map[int64]int{}
	for _, p := range ds.Pegawai {
		count[p.AtasanID]++
	}
	var head seed.Pegawai
	for _, p := range ds.Pegawai {
		if n := count[p.ID]; n >= 5 && n <= 9 && p.ID != ds.AdminIDs[0] {
			head = p
			break
		}
	}
	if head.ID == 0 {
		t.Fatal("demo data has no penilai with five to nine subordinates")
	}
	u := newRatedUnitOf(t, st, db.Pool, ds, head)
	var opdID int64
	for _, x := range ds.Units {
		if x.ID == head.UnitID {
			opdID = x.OPDID
		}
	}
	if err := u.p.SetPredikatOPD(ctx, actor, opdID, "Butuh Perbaikan"); err != nil {
		t.Fatal(err)
	}
	for i, s := range u.subs {
		hk, pk := penilaian.DiBawah, penilaian.Sesuai // Butuh Perbaikan
		if i == 0 {
			hk, pk = penilaian.DiAtas, penilaian.DiAtas // Sangat Baik
		}
		if err := u.rate(t, s.ID, 1, hk, pk, 0); err != nil {
			t.Fatal(err)
		}
	}
	n := len(u.subs)
	check := func(mode penilaian.Pembulatan, breached bool) {
		t.Helper()
		cur, err := u.p.Get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s := cur.Settings
		s.KurvaPembulatan = string(mode)
		if err := u.p.Update(ctx, actor, cur.Version, s); err != nil {
			t.Fatal(err)
		}
		d, err := u.p.KurvaPenilai(ctx, u.head.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		got := d.Pelanggaran()
		if d.Pembulatan != mode || (len(got) > 0) != breached {
			t.Fatalf("%s with %d people: %+v", mode, n, got)
		}
	}
	check(penilaian.Persen, true)
	check(penilaian.Orang, false)
}

// The store applies the rating rules itself: it computes the Hasil Kerja suggestion
// from the plan and refuses what the domain refuses, whatever the caller checked.
func TestSavePenilaianChecksTheRules(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	u := newRatedUnit(t, st, db.Pool, ds)
	peg := u.subs[0].ID
	in := penilaian.Input{Checkin: 1, HasilKerja: penilaian.DiAtas, Perilaku: penilaian.Sesuai}
	for _, k := range u.kunci[peg] {
		in.Items = append(in.Items, penilaian.Item{Sasaran: penilaian.RHKSasaran(k), Rating: penilaian.Sesuai})
	}
	for n := 1; n <= 7; n++ {
		in.Items = append(in.Items, penilaian.Item{Sasaran: penilaian.NilaiSasaran(n), Rating: penilaian.Sesuai})
	}
	err := u.p.SavePenilaian(ctx, actor, u.skps[peg], peg, in)
	if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || !strings.Contains(e.Fields[penilaian.FieldAlasan], "Sesuai Ekspektasi") {
		t.Fatalf("Di Atas against a Sesuai suggestion without a reason: %v", err)
	}
	bad := in
	bad.HasilKerja, bad.Items = penilaian.Sesuai, append([]penilaian.Item{{Sasaran: penilaian.RHKSasaran(u.kunci[u.subs[1].ID][0]), Rating: penilaian.Sesuai}}, in.Items...)
	if err := u.p.SavePenilaian(ctx, actor, u.skps[peg], peg, bad); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("an RHK of another plan: %v", err)
	}
	in.Alasan = "Inovasi layanan daring di luar rencana."
	if err := u.p.SavePenilaian(ctx, actor, u.skps[peg], peg, in); err != nil {
		t.Fatal(err)
	}
	got, err := u.p.PenilaianOf(ctx, peg, 1)
	if err != nil || got.SaranHK != penilaian.Sesuai || got.HasilKerja != penilaian.DiAtas || got.AlasanHK != in.Alasan || got.Predikat != penilaian.Baik {
		t.Fatalf("saved: %+v %v", got, err)
	}
}
