package skp_test

import (
	"strings"
	"testing"

	"kinerja/internal/apperr"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
)

func TestParseAngka(t *testing.T) {
	for in, want := range map[string]float64{"12": 12, "12,5": 12.5, "12.5": 12.5, "1.204": 1204, "1.204,75": 1204.75, " 3 ": 3, "0,25": 0.25, "100.000": 100000} {
		got, ok := skp.ParseAngka(in)
		if !ok || got != want {
			t.Errorf("ParseAngka(%q) = %v %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "abc", "1,2,3", "NaN", "Inf"} {
		if _, ok := skp.ParseAngka(in); ok {
			t.Errorf("ParseAngka(%q) accepted", in)
		}
	}
}

func TestCheckIKI(t *testing.T) {
	k, errs := skp.CheckIKI(skp.IKIInput{Indikator: "Jumlah dokumen kurikulum", Aspek: "kuantitas", Target: "12", Satuan: "dokumen"}, false)
	if len(errs) > 0 || *k.Target != 12 {
		t.Fatalf("valid: %v", errs)
	}
	_, errs = skp.CheckIKI(skp.IKIInput{Indikator: "abc", Aspek: "", Target: "-3", Satuan: ""}, false)
	for _, f := range []string{"indikator", "aspek", "target", "satuan"} {
		if errs[f] == "" {
			t.Errorf("no message for %s: %v", f, errs)
		}
	}
	if _, errs := skp.CheckIKI(skp.IKIInput{Indikator: "Kualitas layanan publik", Target: "0", Satuan: "x"}, true); !strings.Contains(errs["target"], "lebih besar dari 0") {
		t.Errorf("zero target: %v", errs)
	}
	if k, errs := skp.CheckIKI(skp.IKIInput{Indikator: "Kualitas layanan publik", TargetTeks: "Tanpa keluhan berulang"}, true); len(errs) > 0 || k.Target != nil {
		t.Errorf("qualitative for JPT: %v", errs)
	}
	if _, errs := skp.CheckIKI(skp.IKIInput{Indikator: "Kualitas layanan publik", Aspek: "kualitas"}, false); errs["target"] == "" {
		t.Error("no target accepted")
	}
}

func TestCheckRHK(t *testing.T) {
	known := func(k int64) bool { return k == 7 }
	r, errs := skp.CheckRHK(skp.RHKInput{Jenis: "utama", Uraian: "Tersusunnya kurikulum muatan lokal", AtasanKunci: "7"}, false, false, known)
	if len(errs) > 0 || r.AtasanKunci != 7 {
		t.Fatalf("valid: %v", errs)
	}
	_, errs = skp.CheckRHK(skp.RHKInput{Jenis: "lain", Uraian: "x", AtasanKunci: "8"}, false, false, known)
	for _, f := range []string{"jenis", "uraian", "atasan"} {
		if errs[f] == "" {
			t.Errorf("no message for %s", f)
		}
	}
	if _, errs := skp.CheckRHK(skp.RHKInput{Jenis: "utama", Uraian: "Meningkatnya mutu pendidikan"}, true, true, known); errs["perspektif"] == "" {
		t.Error("JPT without perspektif accepted")
	}
}

func TestMissing(t *testing.T) {
	if m := skp.Missing(skp.Plan{}); len(m) != 1 || !strings.Contains(m[0], "Belum ada RHK Utama") {
		t.Fatalf("empty plan: %v", m)
	}
	m := skp.Missing(skp.Plan{RHK: []skp.PlanRHK{{No: 1, Jenis: "utama", Uraian: "Tersusunnya kurikulum", IKI: 0, Linked: false}, {No: 2, Jenis: "tambahan", Uraian: "Membantu", IKI: 1}}})
	if len(m) != 2 || !strings.Contains(m[0], "RHK 1") || !strings.Contains(m[0], "indikator") || !strings.Contains(m[1], "RHK atasan") {
		t.Fatalf("missing: %v", m)
	}
	if m := skp.Missing(skp.Plan{Free: true, RHK: []skp.PlanRHK{{No: 1, Jenis: "utama", Uraian: "x", IKI: 1}}}); len(m) != 1 || !strings.Contains(m[0], "penugasan") {
		t.Fatalf("free: %v", m)
	}
}

func TestWorkflow(t *testing.T) {
	for _, s := range []skp.Status{skp.Draft, skp.Dikembalikan} {
		if err := skp.CheckSubmit(s); err != nil {
			t.Errorf("submit from %s: %v", s, err)
		}
	}
	for _, s := range []skp.Status{skp.Diajukan, skp.Disetujui} {
		if err := skp.CheckSubmit(s); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("submit from %s allowed", s)
		}
		if _, err := skp.CheckDecide(skp.Draft, true, ""); err == nil {
			t.Error("approving a draft allowed")
		}
	}
	if _, err := skp.CheckDecide(skp.Diajukan, false, ""); !apperr.Is(err, apperr.Invalid) {
		t.Error("returning without a note allowed")
	}
	if n, err := skp.CheckDecide(skp.Diajukan, true, " "); err != nil || n != "" {
		t.Errorf("approve: %q %v", n, err)
	}
	if len(skp.BerAKHLAK) != 7 {
		t.Fatal("seven values")
	}
}

func TestInForce(t *testing.T) {
	for _, st := range []skp.Status{skp.Draft, skp.Diajukan, skp.Disetujui, skp.Dikembalikan} {
		for _, latest := range []bool{true, false} {
			want := st == skp.Disetujui && latest
			if got := skp.InForce(st, latest); got != want {
				t.Errorf("%s latest=%v: in force %v, want %v", st, latest, got, want)
			}
			for a, msg := range map[periode.Activity]string{
				periode.RecordRealisasi: "Realisasi dicatat pada SKP terakhir yang sudah disetujui.",
				periode.Rate:            "Penilaian diberikan pada SKP terakhir yang sudah disetujui.",
				periode.SelfAssess:      "Penilaian diri diisi pada SKP terakhir yang sudah disetujui.",
			} {
				err := skp.CheckInForce(st, latest, a)
				if want != (err == nil) || (err != nil && (!apperr.Is(err, apperr.Conflict) || apperr.As(err).Message != msg)) {
					t.Errorf("%s latest=%v %s: %v", st, latest, a.Name(), err)
				}
			}
		}
	}
}

func TestCheckEkspektasi(t *testing.T) {
	got, err := skp.CheckEkspektasi(skp.Diajukan, map[int]string{1: "  Tanggap terhadap aduan.  ", 9: "diabaikan"})
	if err != nil || got[1] != "Tanggap terhadap aduan." || got[2] != "" || len(got) != 7 {
		t.Fatalf("%v %v", got, err)
	}
	if _, err := skp.CheckEkspektasi(skp.Draft, map[int]string{3: strings.Repeat("é", 2001)}); apperr.As(err) == nil || apperr.As(err).Fields[skp.FieldEkspektasi(3)] == "" {
		t.Errorf("too long: %v", err)
	}
	if _, err := skp.CheckEkspektasi(skp.Disetujui, nil); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("approved: %v", err)
	}
}

func TestCheckRealisasi(t *testing.T) {
	got, errs := skp.CheckRealisasi([]skp.RealisasiInput{{IKIID: 1, Nilai: "1.204,5", Teks: "  dokumen  ", Version: 2}, {IKIID: 2}})
	if errs != nil || *got[0].Nilai != 1204.5 || got[0].Teks != "dokumen" || got[0].Version != 2 || got[1].Nilai != nil {
		t.Fatalf("%+v %v", got, errs)
	}
	_, errs = skp.CheckRealisasi([]skp.RealisasiInput{{IKIID: 3, Nilai: "-1"}, {IKIID: 4, Nilai: "dua"}, {IKIID: 5, Teks: strings.Repeat("é", 2001)}})
	if errs[skp.FieldNilai(3)] == "" || errs[skp.FieldNilai(4)] == "" || errs[skp.FieldTeks(5)] == "" || len(errs) != 3 {
		t.Errorf("refusals: %v", errs)
	}
	if s, err := skp.CheckUmpanBalik("  Lampirkan notulen.  "); err != nil || s != "Lampirkan notulen." {
		t.Errorf("%q %v", s, err)
	}
	for _, bad := range []string{" ", strings.Repeat("u", 2001)} {
		if _, err := skp.CheckUmpanBalik(bad); apperr.As(err) == nil || apperr.As(err).Fields[skp.FieldUmpanBalik] == "" {
			t.Errorf("umpan balik of %d: %v", len(bad), err)
		}
	}
}

func TestPeran(t *testing.T) {
	k := &skp.SKP{PegawaiID: 1, PenilaiID: 2, AtasanPenilaiID: 3, OPDID: 9, Latest: true, Fase: periode.Perencanaan, Status: skp.Draft}
	own, pen, ats := skp.PeranOf(1, 0, false, k), skp.PeranOf(2, 0, false, k), skp.PeranOf(3, 0, false, k)
	kep, adm, other := skp.PeranOf(4, 9, false, k), skp.PeranOf(5, 0, true, k), skp.PeranOf(6, 8, false, k)
	for _, c := range []struct {
		name string
		p    skp.Peran
		view bool
	}{{"pegawai", own, true}, {"penilai", pen, true}, {"atasan penilai", ats, true}, {"kepala OPD", kep, true}, {"admin", adm, true}, {"another OPD's kepala", other, false}} {
		if c.p.MayView() != c.view {
			t.Errorf("%s views: %v", c.name, c.p.MayView())
		}
	}
	check := func(label string, got, want bool) {
		t.Helper()
		if got != want {
			t.Errorf("%s: %v, want %v", label, got, want)
		}
	}
	check("owner edits a draft", own.MayEdit(k), true)
	check("penilai edits", pen.MayEdit(k), false)
	check("penilai writes ekspektasi on a draft", pen.MayExpect(k), true)
	check("penilai decides a draft", pen.MayDecide(k), false)
	k.Status = skp.Diajukan
	check("owner edits a submitted plan", own.MayEdit(k), false)
	check("penilai decides a submitted plan", pen.MayDecide(k), true)
	check("atasan penilai decides", ats.MayDecide(k), false)
	k.Status = skp.Disetujui
	check("owner revises an approved plan", own.MayRevise(k), true)
	check("penilai writes ekspektasi after approval", pen.MayExpect(k), false)
	k.Fase = periode.Penilaian
	check("owner revises in penilaian", own.MayRevise(k), false)
	k.Fase, k.Status, k.Latest = periode.Pelaksanaan, skp.Draft, false
	check("owner edits an old version", own.MayEdit(k), false)
}

func TestAkhirAndCapaian(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	year := map[int]skp.Realisasi{
		1: {Nilai: f(3)},
		2: {Nilai: f(7), Teks: "termasuk 2 dokumen susulan"},
		3: {},
		4: {Teks: ""},
	}
	got, ok := skp.Akhir(year)
	if !ok || got.Checkin != 2 || *got.Nilai != 7 {
		t.Fatalf("Akhir = %+v %v, want check-in 2 with 7", got, ok)
	}
	if _, ok := skp.Akhir(map[int]skp.Realisasi{1: {}, 2: {}}); ok {
		t.Error("Akhir of nothing recorded is ok")
	}
	if got, ok := skp.Akhir(map[int]skp.Realisasi{1: {Teks: "selesai"}, 2: {}}); !ok || got.Checkin != 1 {
		t.Errorf("a note alone is a realisasi: %+v %v", got, ok)
	}
	for _, c := range []struct {
		k    skp.IKI
		r    skp.Realisasi
		want float64
		ok   bool
	}{
		{skp.IKI{Target: f(12)}, skp.Realisasi{Nilai: f(7)}, 58.3, true},
		{skp.IKI{Target: f(12)}, skp.Realisasi{Nilai: f(15)}, 125, true},
		{skp.IKI{Target: f(0.5)}, skp.Realisasi{Nilai: f(0.5)}, 100, true},
		{skp.IKI{Target: f(0)}, skp.Realisasi{Nilai: f(3)}, 0, false},
		{skp.IKI{TargetTeks: "Laporan tepat waktu"}, skp.Realisasi{Nilai: f(3)}, 0, false},
		{skp.IKI{Target: f(12)}, skp.Realisasi{Teks: "selesai"}, 0, false},
	} {
		if got, ok := skp.Capaian(c.k, c.r); got != c.want || ok != c.ok {
			t.Errorf("Capaian(%v, %v) = %v %v, want %v %v", c.k.Target, c.r.Nilai, got, ok, c.want, c.ok)
		}
	}
}

func TestCheckHapusRHK(t *testing.T) {
	if err := skp.CheckHapusRHK(skp.RHK{Uraian: "Tanpa pendukung"}); err != nil {
		t.Fatalf("an RHK nobody supports: %v", err)
	}
	r := skp.RHK{Uraian: "Layanan pendidikan merata", Pendukung: []skp.Pendukung{
		{SKPID: 5, Nama: "Budi, S.Pd.", Status: skp.Disetujui, Uraian: "Kurikulum"},
		{SKPID: 5, Nama: "Budi, S.Pd.", Status: skp.Disetujui, Uraian: "Pelatihan"},
		{SKPID: 6, Nama: "Ani", Status: skp.Draft, Uraian: "Sarana"},
	}}
	err := skp.CheckHapusRHK(r)
	if !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "Budi, S.Pd. (SKP disetujui); Ani (SKP draf).") || strings.Count(err.Error(), "Budi") != 1 {
		t.Fatalf("an RHK two plans support: %v", err)
	}
}

func TestCatatanKembali(t *testing.T) {
	k := &skp.SKP{Versi: 2, Status: skp.Dikembalikan, Notes: []skp.Note{
		{Versi: 1, Aksi: "kembalikan", Catatan: "versi 1"}, {Versi: 2, Aksi: "kembalikan", Catatan: "pertama"},
		{Versi: 2, Aksi: "ajukan"}, {Versi: 2, Aksi: "kembalikan", Catatan: "terakhir"}, {Versi: 2, Aksi: "perubahan"},
	}}
	if n, ok := k.CatatanKembali(); !ok || n.Catatan != "terakhir" {
		t.Fatalf("returned plan: %+v %v", n, ok)
	}
	k.Status = skp.Draft
	if _, ok := k.CatatanKembali(); ok {
		t.Fatalf("a draft shows no return note")
	}
}
