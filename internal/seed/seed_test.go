package seed_test

import (
	"reflect"
	"testing"

	"kinerja/internal/org"
	"kinerja/internal/seed"
)

func TestGenerateDemo(t *testing.T) {
	t.Parallel()
	ds, err := seed.Generate(400, seed.DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Pegawai) != 400 {
		t.Fatalf("pegawai = %d, want 400", len(ds.Pegawai))
	}
	if len(ds.OPDs) < 10 {
		t.Errorf("OPDs = %d, want about ten", len(ds.OPDs))
	}
	names := map[string]bool{}
	for _, o := range ds.OPDs {
		names[o.Nama] = true
	}
	for _, want := range []string{"Sekretariat Daerah", "Dinas Pendidikan", "Dinas Kesehatan",
		"Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Dinas Pekerjaan Umum dan Penataan Ruang"} {
		if !names[want] {
			t.Errorf("missing OPD %q", want)
		}
	}
	checkConsistent(t, ds)
	if len(ds.AdminIDs) != 1 {
		t.Errorf("admins = %v, want one", ds.AdminIDs)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()
	a, err := seed.Generate(600, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, err := seed.Generate(600, 7)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with the same seed differ")
	}
	c, err := seed.Generate(600, 8)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a.Pegawai, c.Pegawai) {
		t.Fatal("another seed gave the same pegawai")
	}
}

func TestGenerateScales(t *testing.T) {
	t.Parallel()
	ds, err := seed.Generate(50000, seed.DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Pegawai) != 50000 {
		t.Fatalf("pegawai = %d", len(ds.Pegawai))
	}
	checkConsistent(t, ds)
}

func TestGenerateTooSmall(t *testing.T) {
	t.Parallel()
	if _, err := seed.Generate(seed.MinPegawai-1, 1); err == nil {
		t.Fatal("want an error below MinPegawai")
	}
}

// checkConsistent verifies what the database also enforces, plus the tree's shape.
func checkConsistent(t *testing.T, ds *seed.Dataset) {
	t.Helper()
	nips := map[string]bool{}
	byID := map[int64]seed.Pegawai{}
	for _, p := range ds.Pegawai {
		byID[p.ID] = p
	}
	jab := map[int64]seed.Jabatan{}
	for _, j := range ds.Jabatan {
		jab[j.ID] = j
	}
	unitOPD := map[int64]int64{}
	for _, u := range ds.Units {
		unitOPD[u.ID] = u.OPDID
		if u.ParentID != 0 && unitOPD[u.ParentID] != u.OPDID {
			t.Fatalf("unit %d has a parent in another OPD", u.ID)
		}
	}
	tops := 0
	for _, p := range ds.Pegawai {
		n, err := org.ParseNIP(p.NIP, p.JenisASN)
		if err != nil {
			t.Fatalf("pegawai %d NIP %s: %v", p.ID, p.NIP, err)
		}
		if !n.TanggalLahir.Equal(p.TanggalLahir) {
			t.Fatalf("NIP %s does not match birth date %s", p.NIP, p.TanggalLahir)
		}
		if n.Gender != p.JenisKelamin {
			t.Fatalf("NIP %s does not match gender %s", p.NIP, p.JenisKelamin)
		}
		if nips[p.NIP] {
			t.Fatalf("duplicate NIP %s", p.NIP)
		}
		nips[p.NIP] = true
		if j := jab[p.JabatanID]; j.UnitID != p.UnitID {
			t.Fatalf("pegawai %d: jabatan %d is in unit %d, not %d", p.ID, p.JabatanID, j.UnitID, p.UnitID)
		}
		isPPPKGol := p.PangkatID > 100
		if isPPPKGol != (p.JenisASN == org.PPPK) {
			t.Fatalf("pegawai %d: golongan %d does not fit %s", p.ID, p.PangkatID, p.JenisASN)
		}
		if p.AtasanID == 0 {
			tops++
			continue
		}
		// Walk up: the chain must end without revisiting anyone.
		seen := map[int64]bool{p.ID: true}
		for cur := p.AtasanID; cur != 0; cur = byID[cur].AtasanID {
			if seen[cur] {
				t.Fatalf("cycle in the atasan chain of pegawai %d", p.ID)
			}
			seen[cur] = true
		}
	}
	if tops != 1 {
		t.Fatalf("pegawai without atasan = %d, want 1 (the Sekretaris Daerah)", tops)
	}
}
