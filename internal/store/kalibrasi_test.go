package store_test

import (
	"strings"
	"testing"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/store"
)

// TestKalibrasiOPD: two penilai of one OPD propose; the kalibrasi changes one rating
// with a reason, and publishes the OPD; the keberatan window starts then.
func TestKalibrasiOPD(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	p := newPeriodeMode(t, st, 2026, periode.KalibrasiOPD)
	move(t, p, periode.Perencanaan)
	heads := []seed.Pegawai{}
	for _, unit := range []string{"Seksi Kurikulum SD", "Seksi Sarana Prasarana SD"} {
		h, _ := headOf(t, ds, unit)
		heads = append(heads, h)
	}
	units := []ratedUnit{}
	var subs []int64
	for _, h := range heads {
		u := ratedUnit{p: p, head: h, kunci: map[int64][]int64{}}
		for _, x := range ds.Pegawai {
			if x.AtasanID == h.ID {
				u.subs = append(u.subs, x)
				subs = append(subs, x.ID)
			}
		}
		units = append(units, u)
	}
	skps, err := seed.BenchSKP(ctx, db.Pool, p.ID(), subs, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, id := range skps {
		ids = append(ids, id)
	}
	if err := seed.BenchApprove(ctx, db.Pool, p.ID(), ids); err != nil {
		t.Fatal(err)
	}
	for i := range units {
		units[i].skps = skps
		for _, s := range units[i].subs {
			k, err := p.GetSKP(ctx, skps[s.ID])
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range k.RHK {
				units[i].kunci[s.ID] = append(units[i].kunci[s.ID], r.Kunci)
			}
		}
	}
	move(t, p, periode.Pelaksanaan)
	opd := unitByName(t, ds, "Seksi Kurikulum SD").OPDID
	if err := st.Period(p.ID()).SetPredikatOPD(ctx, actor, opd, "Baik"); err != nil {
		t.Fatal(err)
	}

	// The first penilai proposes: everyone above expectation, no justification asked.
	u := units[0]
	for _, s := range u.subs {
		if err := u.rate(t, s.ID, 1, penilaian.DiAtas, penilaian.DiAtas, 0); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := p.Tetapkan(ctx, actor, u.head.ID, 1, ""); err != nil || n != len(u.subs) {
		t.Fatalf("proposal: %d %v", n, err)
	}
	row, _ := unitRow(t, p, u.head.ID, 1, u.subs[0].ID)
	if !row.Diusulkan || row.Ditetapkan {
		t.Fatalf("after the proposal: %+v", row)
	}
	// A proposal is locked to its penilai, in the store and in the database.
	if err := u.rate(t, u.subs[0].ID, 1, penilaian.Sesuai, penilaian.Sesuai, row.PenilaianVersion); err != penilaian.ErrDiusulkan && !strings.Contains(errString(err), "diusulkan") {
		t.Errorf("the penilai changes a proposal: %v", err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE penilaian SET perilaku = 'sesuai' WHERE id = $1`, row.PenilaianID); pgCode(err) != "55000" {
		t.Errorf("the database let a proposal change: %v", err)
	}

	// Publishing the OPD waits for the second penilai.
	if _, err := p.TetapkanOPD(ctx, actor, opd, 1, "x"); !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), units[1].subs[0].Nama) {
		t.Errorf("publication with a penilai missing: %v", err)
	}
	v := units[1]
	for _, s := range v.subs {
		if err := v.rate(t, s.ID, 1, penilaian.Sesuai, penilaian.Sesuai, 0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.Tetapkan(ctx, actor, v.head.ID, 1, ""); err != nil {
		t.Fatal(err)
	}

	// The kalibrasi lists every proposal of the OPD.
	rows, err := p.KalibrasiOPD(ctx, opd, 1)
	if err != nil {
		t.Fatal(err)
	}
	var target store.KalibrasiRow
	proposed := 0
	for _, r := range rows {
		if r.Diusulkan {
			proposed++
		}
		if r.PegawaiID == u.subs[0].ID {
			target = r
		}
	}
	if proposed != len(u.subs)+len(v.subs) || target.Predikat != "Sangat Baik" || target.Penilai == "" {
		t.Fatalf("kalibrasi rows: %d proposed; target %+v", proposed, target)
	}
	// A change needs a reason and must change something; a stale version is refused.
	id := int64(target.PenilaianID)
	if err := p.UbahKalibrasi(ctx, actor, opd, id, target.PenilaianVersion, penilaian.Ubah{HasilKerja: penilaian.DiAtas, Perilaku: penilaian.Sesuai}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("a change without a reason: %v", err)
	}
	if err := p.UbahKalibrasi(ctx, actor, opd, id, target.PenilaianVersion, penilaian.Ubah{HasilKerja: penilaian.DiAtas, Perilaku: penilaian.DiAtas, Alasan: "Sama"}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("a change that changes nothing: %v", err)
	}
	if err := p.UbahKalibrasi(ctx, actor, opd+1000, id, target.PenilaianVersion, penilaian.Ubah{HasilKerja: penilaian.DiAtas, Perilaku: penilaian.Sesuai, Alasan: "x"}); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("a change through another OPD: %v", err)
	}
	alasan := "Perilaku kolaboratif belum di atas ekspektasi menurut umpan balik rekan."
	if err := p.UbahKalibrasi(ctx, actor, opd, id, target.PenilaianVersion, penilaian.Ubah{HasilKerja: penilaian.DiAtas, Perilaku: penilaian.Sesuai, Alasan: alasan}); err != nil {
		t.Fatal(err)
	}
	if err := p.UbahKalibrasi(ctx, actor, opd, id, target.PenilaianVersion, penilaian.Ubah{HasilKerja: penilaian.Sesuai, Perilaku: penilaian.Sesuai, Alasan: "lagi"}); err != store.ErrStale {
		t.Errorf("a stale change: %v", err)
	}
	got, _ := p.PenilaianOf(ctx, u.subs[0].ID, 1)
	if got.Predikat != penilaian.Baik || got.Ditetapkan() {
		t.Errorf("after the change: %+v", got)
	}
	hist, err := p.RiwayatPenilaian(ctx, u.subs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hist {
		found = found || (h.Sasaran == "perilaku" && h.Lama == "diatas" && h.Baru == "sesuai" && h.Alasan == alasan)
	}
	if !found {
		t.Errorf("history %+v", hist)
	}

	// The OPD (Baik) needs someone below Baik: publishing asks for a justification.
	if _, err := p.TetapkanOPD(ctx, actor, opd, 1, ""); !apperr.Is(err, apperr.Invalid) || apperr.As(err).Fields[penilaian.FieldJustifikasi] == "" {
		t.Fatalf("publication without a justification: %v", err)
	}
	before := time.Now()
	n, err := p.TetapkanOPD(ctx, actor, opd, 1, "Seluruh unit mencapai target triwulan.")
	if err != nil || n != len(u.subs)+len(v.subs) {
		t.Fatalf("publication: %d %v", n, err)
	}
	got, _ = p.PenilaianOf(ctx, u.subs[0].ID, 1)
	if !got.Ditetapkan() || got.DitetapkanAt.Before(before.Add(-time.Second)) {
		t.Errorf("published at %v, want from the publication (after %v)", got.DitetapkanAt, before)
	}
	if err := p.UbahKalibrasi(ctx, actor, opd, id, got.Version, penilaian.Ubah{HasilKerja: penilaian.Sesuai, Perilaku: penilaian.Sesuai, Alasan: "x"}); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("a change after publication: %v", err)
	}
	var scope string
	if err := db.Pool.QueryRow(ctx, `SELECT CASE WHEN opd_id = $1 THEN 'opd' ELSE 'penilai' END FROM penetapan WHERE id = (SELECT penetapan_id FROM penilaian WHERE id = $2)`,
		opd, id).Scan(&scope); err != nil || scope != "opd" {
		t.Errorf("penetapan of %s (%v)", scope, err)
	}
	for _, action := range []string{"penilaian.usulkan", "kalibrasi.ubah", "kalibrasi.tetapkan"} {
		if e, _ := st.ListAudit(ctx, store.AuditFilter{Action: action}); len(e) == 0 {
			t.Errorf("no %s audit entry", action)
		}
	}
	// Once ratings are sent, the mode is fixed.
	cur, _ := p.Get(ctx)
	s := cur.Settings
	s.Kalibrasi = periode.KalibrasiPenilai
	if err := p.Update(ctx, actor, cur.Version, s); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("changing the mode after proposals: %v", err)
	}
	// A keberatan may be filed from the publication.
	if _, err := p.AjukanKeberatan(ctx, actor, u.subs[0].ID, u.head.AtasanID, 1, "Saya keberatan atas perubahan Perilaku Kerja.", time.Now(), time.UTC); err != nil {
		t.Errorf("keberatan after the OPD's publication: %v", err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
