package store_test

import (
	"errors"
	"strings"
	"testing"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/skp"
	"kinerja/internal/store"
)

// unitRow finds the pegawai on the penilai's list at a check-in.
func unitRow(t *testing.T, p *store.PeriodStore, penilaiID int64, checkin int, peg int64) (store.UnitRow, bool) {
	t.Helper()
	list, err := p.UnitPenilaian(ctx, penilaiID, checkin)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range list {
		if r.PegawaiID == peg {
			return r, true
		}
	}
	return store.UnitRow{}, false
}

func TestMutasiInsideAPeriod(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	u := newRatedUnit(t, st, db.Pool, ds)
	sub := u.subs[0]
	oldSKP := u.skps[sub.ID]
	var baru seed.Pegawai // the new penilai: the old penilai's own atasan
	for _, x := range ds.Pegawai {
		if x.ID == u.head.AtasanID {
			baru = x
		}
	}
	if baru.ID == 0 {
		t.Fatal("the unit head has no atasan")
	}
	if err := u.rate(t, sub.ID, 1, penilaian.Sesuai, penilaian.Sesuai, 0); err != nil {
		t.Fatal(err)
	}
	x, err := u.p.GetPeserta(ctx, sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	in := store.MutasiInput{MutasiInput: periode.MutasiInput{TMT: "2026-05-15", Alasan: "SK Kepala Dinas 800/15/2026"}, PenilaiNIP: baru.NIP}

	// Refusals save nothing.
	for _, c := range []struct {
		name  string
		in    store.MutasiInput
		field string
	}{
		{"outside the period", store.MutasiInput{MutasiInput: periode.MutasiInput{TMT: "2027-02-01", Alasan: in.Alasan}, PenilaiNIP: baru.NIP}, periode.FieldTMT},
		{"unknown penilai", store.MutasiInput{MutasiInput: in.MutasiInput, PenilaiNIP: "199001012020011999"}, "nip_penilai"},
		{"no reason", store.MutasiInput{MutasiInput: periode.MutasiInput{TMT: in.TMT}, PenilaiNIP: baru.NIP}, periode.FieldAlasanMutasi},
	} {
		_, err := u.p.Mutasi(ctx, actor, sub.ID, x.Version, c.in)
		if e := apperr.As(err); e == nil || e.Fields[c.field] == "" {
			t.Errorf("%s: %v, want a message on %s", c.name, err, c.field)
		}
	}
	same := store.MutasiInput{MutasiInput: in.MutasiInput, PenilaiNIP: u.head.NIP}
	if _, err := u.p.Mutasi(ctx, actor, sub.ID, x.Version, same); !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "tidak mengubah") {
		t.Errorf("a mutasi that changes nothing: %v", err)
	}

	newSKP, err := u.p.Mutasi(ctx, actor, sub.ID, x.Version, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.p.Mutasi(ctx, actor, sub.ID, x.Version, in); !errors.Is(err, store.ErrStale) {
		t.Errorf("a second mutasi on the version read before: %v", err)
	}

	// Two stretches: the earlier ends the day before the TMT and keeps Triwulan I–II.
	list, err := u.p.PenugasanOf(ctx, sub.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("penugasan: %+v, %v", list, err)
	}
	lama, kini := list[0], list[1]
	if lama.Masa() != "1 Januari 2026 – 14 Mei 2026" || lama.CheckinDari != 1 || lama.CheckinSampai != 2 || !lama.Berakhir ||
		lama.PenilaiID != u.head.ID || lama.SKPID != oldSKP || lama.Alasan != in.Alasan {
		t.Errorf("earlier stretch = %+v", lama)
	}
	if kini.Masa() != "15 Mei 2026 – 31 Desember 2026" || kini.CheckinDari != 3 || kini.Berakhir || kini.PenilaiID != baru.ID ||
		kini.SKPID != newSKP || kini.SKPStatus != "draft" {
		t.Errorf("current stretch = %+v", kini)
	}

	// The new plan: a draft for the new penilai, to be cascaded anew.
	k, err := u.p.GetSKP(ctx, newSKP)
	if err != nil {
		t.Fatal(err)
	}
	if !k.Current() || k.PenilaiID != baru.ID || k.Status != skp.Draft || len(k.RHK) != 0 || k.Versi != 2 || len(k.Versions) != 1 {
		t.Errorf("new plan: current %v penilai %d status %s rhk %d versi %d versions %d", k.Current(), k.PenilaiID, k.Status, len(k.RHK), k.Versi, len(k.Versions))
	}
	// The earlier plan: history, with its penilai, its RHK and its rating.
	old, err := u.p.GetSKP(ctx, oldSKP)
	if err != nil {
		t.Fatal(err)
	}
	if old.Current() || !old.Latest || old.PenilaiID != u.head.ID || old.Penilai == nil || old.Penilai.ID != u.head.ID || len(old.RHK) != 2 ||
		old.Penugasan.Masa() != lama.Masa() {
		t.Errorf("earlier plan: current %v latest %v penilai %d rhk %d masa %q", old.Current(), old.Latest, old.PenilaiID, len(old.RHK), old.Penugasan.Masa())
	}
	if _, err := u.p.SaveRHK(ctx, actor, oldSKP, old.Version, old.RHK[0].ID, old.RHK[0]); !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "penugasan yang sudah berakhir") {
		t.Errorf("editing the earlier plan: %v", err)
	}
	if got, err := u.p.PenilaianOf(ctx, sub.ID, 1); err != nil || got.Version == 0 || got.SKPID != oldSKP {
		t.Errorf("the Triwulan I rating was not kept: %+v, %v", got, err)
	}

	// Who rates when: the earlier penilai at Triwulan I–II, the new one from III and for the year.
	for _, c := range []struct {
		penilai int64
		checkin int
		want    bool
		skp     int64
	}{
		{u.head.ID, 1, true, oldSKP}, {u.head.ID, 2, true, oldSKP}, {u.head.ID, 3, false, 0}, {u.head.ID, 0, false, 0},
		{baru.ID, 2, false, 0}, {baru.ID, 3, true, newSKP}, {baru.ID, 4, true, newSKP}, {baru.ID, 0, true, newSKP},
	} {
		r, ok := unitRow(t, u.p, c.penilai, c.checkin, sub.ID)
		if ok != c.want || (ok && r.SKPID != c.skp) {
			t.Errorf("penilai %d check-in %d: listed %v (SKP %d), want %v (SKP %d)", c.penilai, c.checkin, ok, r.SKPID, c.want, c.skp)
		}
	}
	if err := u.rate(t, sub.ID, 2, penilaian.DiAtas, penilaian.Sesuai, 0); err != nil {
		t.Errorf("the earlier penilai rating Triwulan II: %v", err)
	}
	if err := u.rate(t, sub.ID, 3, penilaian.Sesuai, penilaian.Sesuai, 0); !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "masa penugasan") {
		t.Errorf("rating Triwulan III on the earlier plan: %v", err)
	}
	d, err := u.p.KurvaPenilai(ctx, u.head.ID, 2)
	if err != nil || d.Dinilai+d.BelumDinilai != len(u.subs) {
		t.Errorf("the earlier penilai's Triwulan II kurva counts %d, want %d: %v", d.Dinilai+d.BelumDinilai, len(u.subs), err)
	}
	// The database refuses what the store would: a rating outside the plan's stretch,
	// a changed history row.
	if _, err := db.Pool.Exec(ctx, `INSERT INTO penilaian (periode_id, pegawai_id, skp_id, checkin) VALUES ($1, $2, $3, 4)`, u.p.ID(), sub.ID, oldSKP); err == nil ||
		!strings.Contains(err.Error(), "penugasan") {
		t.Errorf("database stored a Triwulan IV rating on the earlier plan: %v", err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE periode_penugasan SET penilai_id = NULL WHERE pegawai_id = $1`, sub.ID); err == nil {
		t.Error("an ended stretch was changed")
	}

	// A later mutasi cannot take back a check-in already rated.
	x, _ = u.p.GetPeserta(ctx, sub.ID)
	back := store.MutasiInput{MutasiInput: periode.MutasiInput{TMT: "2026-05-01", Alasan: in.Alasan}, PenilaiNIP: u.head.NIP}
	if _, err := u.p.Mutasi(ctx, actor, sub.ID, x.Version, back); apperr.As(err) == nil || !strings.Contains(apperr.As(err).Fields[periode.FieldTMT], "15 Mei 2026") {
		t.Errorf("a TMT before the current stretch: %v", err)
	}
}
