package laporan_test

import (
	"testing"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/laporan"
	"kinerja/internal/penilaian"
)

func TestScopeNarrow(t *testing.T) {
	admin, _ := laporan.ScopeOf(laporan.Viewer{AdminBKD: true, OPDID: 9})
	kepala, _ := laporan.ScopeOf(laporan.Viewer{KepalaOPD: true, OPDID: 2, PegawaiID: 7})
	penilai, _ := laporan.ScopeOf(laporan.Viewer{Penilai: true, OPDID: 2, PegawaiID: 8})
	if _, ok := laporan.ScopeOf(laporan.Viewer{OPDID: 2, PegawaiID: 5}); ok {
		t.Error("a pegawai without subordinates has a Laporan scope")
	}
	if penilai.AtasanID != 8 || kepala.AtasanID != 0 || !admin.Pemda {
		t.Errorf("scopes: admin %+v kepala %+v penilai %+v", admin, kepala, penilai)
	}
	cases := []struct {
		name    string
		s       laporan.Scope
		f       laporan.Filter
		unitOPD int64
		want    laporan.Filter
		code    apperr.Code
	}{
		{"admin reads the pemda", admin, laporan.Filter{}, 0, laporan.Filter{}, ""},
		{"admin picks a unit: its OPD follows", admin, laporan.Filter{UnitID: 4}, 3, laporan.Filter{OPDID: 3, UnitID: 4}, ""},
		{"unit of another OPD than the one chosen", admin, laporan.Filter{OPDID: 2, UnitID: 4}, 3, laporan.Filter{}, apperr.Invalid},
		{"kepala starts at their OPD", kepala, laporan.Filter{}, 0, laporan.Filter{OPDID: 2}, ""},
		{"kepala asks for another OPD", kepala, laporan.Filter{OPDID: 3}, 0, laporan.Filter{}, apperr.Forbidden},
		{"kepala asks for a unit of another OPD", kepala, laporan.Filter{UnitID: 4}, 3, laporan.Filter{}, apperr.Forbidden},
		{"kepala's own unit", kepala, laporan.Filter{UnitID: 5}, 2, laporan.Filter{OPDID: 2, UnitID: 5}, ""},
		{"penilai asks for another OPD", penilai, laporan.Filter{OPDID: 3}, 0, laporan.Filter{}, apperr.Forbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.s.Narrow(c.f, c.unitOPD)
			if c.code != "" {
				if !apperr.Is(err, c.code) {
					t.Fatalf("err = %v, want %s", err, c.code)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("Narrow = %+v, %v; want %+v", got, err, c.want)
			}
		})
	}
}

func TestStatusOf(t *testing.T) {
	cases := []struct {
		f    laporan.Flags
		want laporan.Status
	}{
		{laporan.Flags{PesertaAktif: true, PegawaiAktif: true}, laporan.Aktif},
		{laporan.Flags{PesertaAktif: false, PegawaiAktif: false, Lama: true}, laporan.Dikeluarkan},
		{laporan.Flags{PesertaAktif: true, PegawaiAktif: false, Lama: true}, laporan.Nonaktif},
		{laporan.Flags{PesertaAktif: true, PegawaiAktif: true, Lama: true}, laporan.Dipindahkan},
	}
	for _, c := range cases {
		if got := laporan.StatusOf(c.f); got != c.want {
			t.Errorf("StatusOf(%+v) = %s, want %s", c.f, got, c.want)
		}
	}
}

func TestRencanaCountsOnlyActiveWork(t *testing.T) {
	var r laporan.BarisRencana
	on := laporan.Flags{PesertaAktif: true, PegawaiAktif: true}
	r.Add(on, laporan.StatusSKP(true, "draft"), 3)
	r.Add(on, laporan.StatusSKP(false, "dikembalikan"), 1)
	r.Add(on, laporan.StatusSKP(false, ""), 2)
	r.Add(laporan.Flags{PesertaAktif: true, PegawaiAktif: true, Lama: true}, laporan.TanpaSKP, 1)
	r.Add(laporan.Flags{PesertaAktif: false, PegawaiAktif: true}, laporan.TanpaSKP, 1)
	if r.Aktif != 6 || r.Dipindahkan != 1 || r.Dikeluarkan != 1 {
		t.Errorf("counts %+v", r.Hitung)
	}
	if r.Status[laporan.Disetujui] != 3 || r.Status[laporan.Dikembalikan] != 1 || r.Status[laporan.TanpaSKP] != 2 {
		t.Errorf("plan columns %v: the transferred and removed must not count as missing plans", r.Status)
	}
	if p, ok := laporan.Bagian(r.Status[laporan.Disetujui], r.Aktif); !ok || p != 50 {
		t.Errorf("Bagian = %v %v", p, ok)
	}
	if _, ok := laporan.Bagian(1, 0); ok {
		t.Error("an empty base has a percentage")
	}
}

func TestPelaksanaanAndBarisPenilaians(t *testing.T) {
	on := laporan.Flags{PesertaAktif: true, PegawaiAktif: true}
	var p laporan.BarisPelaksanaan
	p.Add(laporan.FaktaPelaksanaan{Flags: on, DenganSKP: true, UmpanBalik: true, IKI: 4, Terisi: 4, Berbukti: 6, N: 2})
	p.Add(laporan.FaktaPelaksanaan{Flags: on, DenganSKP: true, IKI: 4, Terisi: 1, N: 1})
	p.Add(laporan.FaktaPelaksanaan{Flags: on, N: 1})
	p.Add(laporan.FaktaPelaksanaan{Flags: laporan.Flags{PesertaAktif: true, PegawaiAktif: false}, DenganSKP: true, IKI: 3, N: 1})
	want := laporan.BarisPelaksanaan{Hitung: laporan.Hitung{Aktif: 4, Nonaktif: 1}, DenganSKP: 3, Lengkap: 2, UmpanBalik: 2, IKI: 12, Terisi: 9, Berbukti: 6}
	if p != want {
		t.Errorf("pelaksanaan %+v, want %+v", p, want)
	}
	var r laporan.BarisPenilaian
	r.Add(laporan.FaktaPenilaian{Flags: on, DenganSKP: true, Predikat: penilaian.Baik, Ditetapkan: true, Keberatan: "diubah", N: 2})
	r.Add(laporan.FaktaPenilaian{Flags: on, DenganSKP: true, Predikat: penilaian.SangatBaik, Keberatan: "diajukan", N: 1})
	r.Add(laporan.FaktaPenilaian{Flags: on, DenganSKP: true, N: 1})
	if r.Dinilai != 3 || r.Ditetapkan != 2 || r.KeberatanDiajukan != 3 || r.KeberatanDiputus != 2 || r.Predikat[penilaian.Baik] != 2 {
		t.Errorf("penilaian %+v", r)
	}
	if r.Resmi[penilaian.Baik] != 2 || r.Resmi[penilaian.SangatBaik] != 0 {
		t.Errorf("published %v", r.Resmi)
	}
	if !laporan.MasukRekap(laporan.Nonaktif) || laporan.MasukRekap(laporan.Dipindahkan) || laporan.MasukRekap(laporan.Dikeluarkan) {
		t.Error("MasukRekap")
	}
	if d := r.Distribusi("Istimewa", penilaian.Pembulatan("persen")); d.BelumDinilai != 1 || d.Dinilai != 3 {
		t.Errorf("distribusi %+v", d)
	}
	if laporan.Selesai(3, 2) || !laporan.Selesai(2, 2) {
		t.Error("Selesai")
	}
}

func TestTerlambat(t *testing.T) {
	tenggat := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	jkt := time.FixedZone("WIB", 7*3600)
	if laporan.Terlambat(tenggat, time.Date(2026, 1, 31, 23, 0, 0, 0, jkt), false) {
		t.Error("late on the deadline's own day")
	}
	if !laporan.Terlambat(tenggat, time.Date(2026, 2, 1, 0, 30, 0, 0, jkt), false) {
		t.Error("not late the day after")
	}
	if laporan.Terlambat(tenggat, time.Date(2026, 3, 1, 0, 0, 0, 0, jkt), true) || laporan.Terlambat(time.Time{}, time.Now(), false) {
		t.Error("done work or no deadline is late")
	}
}

func TestParseFilter(t *testing.T) {
	q := map[string]string{"opd": "3", "unit": "x", "jabatan": "pelaksana", "asn": "PNS", "status": "hilang"}
	f, errs := laporan.ParseFilter(func(k string) string { return q[k] }, []string{"pelaksana", "fungsional"})
	if errs["unit"] == "" || errs["status"] == "" || len(errs) != 2 {
		t.Errorf("errs %v", errs)
	}
	if f.OPDID != 3 || f.JenisJabatan != "pelaksana" || f.JenisASN != "PNS" {
		t.Errorf("filter %+v", f)
	}
	f, errs = laporan.ParseFilter(func(string) string { return "" }, nil)
	if errs != nil || f.Level() != laporan.LevelOPD {
		t.Errorf("empty filter: %+v %v", f, errs)
	}
	if (laporan.Filter{OPDID: 1}).Level() != laporan.LevelUnit || (laporan.Filter{OPDID: 1, UnitID: 2}).Level() != laporan.LevelPegawai {
		t.Error("levels")
	}
}

func TestRekonsiliasiLayout(t *testing.T) {
	b := laporan.BarisRekap{NIP: "198609262015051001", Nama: "Sari", NIPPenilai: "197001011995031001", Tahun: 2026,
		HasilKerja: penilaian.DiAtas, Perilaku: penilaian.Sesuai, Predikat: penilaian.Baik, Ditetapkan: true}
	rec := laporan.Record(laporan.KolomRekonsiliasi, b)
	head := laporan.Header(laporan.KolomRekonsiliasi)
	got := map[string]string{}
	for i, h := range head {
		got[h] = rec[i]
	}
	if got["NIP"] != b.NIP || got["NIP_PENILAI"] != b.NIPPenilai || got["TAHUN"] != "2026" || got["HASIL_KERJA"] != "Di Atas Ekspektasi" ||
		got["PERILAKU_KERJA"] != "Sesuai Ekspektasi" || got["PREDIKAT_KINERJA"] != "Baik" {
		t.Errorf("row %v", got)
	}
	b.Ditetapkan = false
	rec = laporan.Record(laporan.KolomRekonsiliasi, b)
	if rec[len(rec)-1] != "" || b.PredikatResmi() != laporan.BelumDitetapkan {
		t.Errorf("an unpublished rating is exported: %v", rec)
	}
}
