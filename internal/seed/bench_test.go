package seed_test

import (
	"context"
	"strings"
	"testing"

	"kinerja/internal/dbtest"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/store"
)

// The benchmark's data, written straight in SQL, is what make bench times: plans with
// their indicators, a full cascade, approvals and a mix of ratings.
func TestBenchData(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.NewSeeded(t)
	st := store.New(db.Pool)
	s, _ := periode.CheckSettings(periode.DefaultInput(2026))
	id, err := st.CreatePeriode(ctx, store.Actor{Label: "test"}, s)
	if err != nil {
		t.Fatal(err)
	}
	ps := st.Period(id)
	cur, _ := ps.Get(ctx)
	if err := ps.Move(ctx, store.Actor{Label: "test"}, cur.Version, periode.Perencanaan); err != nil {
		t.Fatal(err)
	}
	opd, n, err := seed.OPDNearest(ctx, db.Pool, id, 60)
	if err != nil || n == 0 {
		t.Fatalf("nearest OPD: %d %d %v", opd, n, err)
	}
	members, err := seed.OPDParticipants(ctx, db.Pool, id, opd)
	if err != nil || len(members) != n {
		t.Fatalf("participants: %d of %d, %v", len(members), n, err)
	}
	skps, err := seed.BenchSKP(ctx, db.Pool, id, members, 5, 2)
	if err != nil || len(skps) != n {
		t.Fatalf("plans: %d of %d, %v", len(skps), n, err)
	}
	if again, err := seed.BenchSKP(ctx, db.Pool, id, members, 5, 2); err != nil || len(again) != 0 {
		t.Fatalf("participants with a plan are skipped: %d, %v", len(again), err)
	}
	if err := seed.BenchLinkOPD(ctx, db.Pool, id, opd); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, k := range skps {
		ids = append(ids, k)
	}
	if err := seed.BenchApprove(ctx, db.Pool, id, ids); err != nil {
		t.Fatal(err)
	}
	if err := seed.BenchRate(ctx, db.Pool, id, opd, 1); err != nil {
		t.Fatal(err)
	}
	var rhk, iki, linked, approved, rated int
	if err := db.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM skp_rhk WHERE periode_id = $1), (SELECT count(*) FROM skp_iki WHERE periode_id = $1),
		(SELECT count(*) FROM skp_rhk WHERE periode_id = $1 AND atasan_kunci IS NOT NULL), (SELECT count(*) FROM skp WHERE periode_id = $1 AND status = 'disetujui'),
		(SELECT count(DISTINCT predikat) FROM penilaian WHERE periode_id = $1 AND checkin = 1)`, id).Scan(&rhk, &iki, &linked, &approved, &rated); err != nil {
		t.Fatal(err)
	}
	if rhk != 5*n || iki != 10*n || linked == 0 || approved != n || rated < 2 {
		t.Fatalf("rhk %d, iki %d, linked %d, approved %d, predikat kinds %d for %d participants", rhk, iki, linked, approved, rated, n)
	}
	nodes, err := ps.Pohon(ctx, opd)
	if err != nil || len(nodes) != n {
		t.Fatalf("pohon: %d %v", len(nodes), err)
	}
}

// The demo logins form one chain of the appraisal: the pegawai's atasan is the
// penilai, the penilai's atasan the atasan penilai, and the kepala OPD heads the
// pegawai's OPD; with the Admin BKD.
func TestDemoLoginsFormOneChain(t *testing.T) {
	t.Parallel()
	db := dbtest.NewSeeded(t)
	ctx := context.Background()
	logins, err := seed.DemoLogins(ctx, db.Pool)
	if err != nil {
		t.Fatal(err)
	}
	var peran []string
	nip := map[string]string{}
	for _, l := range logins {
		peran = append(peran, l.Peran)
		nip[l.Peran] = l.NIP
	}
	if strings.Join(peran, ",") != "Admin BKD,Kepala OPD,Atasan penilai,Penilai,Pegawai" {
		t.Fatalf("demo logins: %v", peran)
	}
	atasanOf := func(n string) (atasan string, opd int64, unit string) {
		t.Helper()
		if err := db.Pool.QueryRow(ctx, `SELECT coalesce(a.nip, ''), u.opd_id, u.nama FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_kerja_id
			LEFT JOIN pegawai a ON a.id = p.atasan_id WHERE p.nip = $1`, n).Scan(&atasan, &opd, &unit); err != nil {
			t.Fatal(err)
		}
		return
	}
	a, opd, unit := atasanOf(nip["Pegawai"])
	if a != nip["Penilai"] || unit != "Seksi Kurikulum SD" {
		t.Errorf("pegawai's atasan %s (unit %s), listed penilai %s", a, unit, nip["Penilai"])
	}
	if a, _, _ := atasanOf(nip["Penilai"]); a != nip["Atasan penilai"] {
		t.Errorf("penilai's atasan %s, listed atasan penilai %s", a, nip["Atasan penilai"])
	}
	if _, kopd, _ := atasanOf(nip["Kepala OPD"]); kopd != opd {
		t.Errorf("kepala OPD of OPD %d, pegawai in %d", kopd, opd)
	}
}
