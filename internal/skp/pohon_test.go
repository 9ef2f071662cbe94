package skp_test

import (
	"testing"

	"kinerja/internal/skp"
)

func TestBuildPohon(t *testing.T) {
	nodes := []skp.PohonNode{
		{PegawaiID: 1, Nama: "Kepala", SKPID: 10, Status: skp.Disetujui, RHK: []skp.PohonRHK{{Kunci: 100, Jenis: "utama", Uraian: "Layanan pendidikan merata"}, {Kunci: 101, Jenis: "utama", Uraian: "Guru tersertifikasi"}, {Kunci: 102, Jenis: "tambahan", Uraian: "Rapat koordinasi"}}},
		{PegawaiID: 2, PenilaiID: 1, Nama: "Kabid", SKPID: 20, Status: skp.Diajukan, RHK: []skp.PohonRHK{{Kunci: 200, AtasanKunci: 100, Jenis: "utama", Uraian: "Sekolah baru"}}},
		{PegawaiID: 3, PenilaiID: 2, Nama: "Staf", SKPID: 30, Status: skp.Dikembalikan},
		{PegawaiID: 4, PenilaiID: 1, Nama: "Belum"},
		{PegawaiID: 5, PenilaiID: 5, Nama: "Dirinya sendiri", SKPID: 50, Status: skp.Draft},
	}
	p := skp.BuildPohon(nodes)
	if p.Peserta != 5 || p.BelumAjukan != 3 || p.RHKTanpa != 2 || len(p.Roots) != 2 {
		t.Fatalf("counts: %+v", p)
	}
	if p.Status[skp.Disetujui] != 1 || p.Status[skp.Diajukan] != 1 || p.Status[skp.Dikembalikan] != 1 || p.Status[skp.Draft] != 1 || p.Status[""] != 1 {
		t.Errorf("status: %v", p.Status)
	}
	head := p.Roots[0]
	if head.Nama != "Kepala" || len(head.Bawahan) != 2 || head.Bawahan[0].Nama != "Kabid" || head.Bawahan[0].Bawahan[0].Nama != "Staf" {
		t.Fatalf("tree: %+v", head)
	}
	// 100 is supported; 101 is an unsupported RHK Utama of a head with subordinates;
	// 102 is Tambahan; Kabid's 200 has a subordinate who supports nothing.
	r := head.RHK
	if r[0].Didukung != 1 || r[0].Tanpa || !r[1].Tanpa || r[2].Tanpa {
		t.Errorf("head's RHK: %+v", r)
	}
	if k := head.Bawahan[0].RHK[0]; k.Mendukung != "Layanan pendidikan merata" || !k.Tanpa {
		t.Errorf("kabid's RHK: %+v", k)
	}
	if !head.Bawahan[1].BelumAjukan || head.Bawahan[0].BelumAjukan {
		t.Errorf("belum ajukan: %v %v", head.Bawahan[1].BelumAjukan, head.Bawahan[0].BelumAjukan)
	}
	if p.Roots[1].Nama != "Dirinya sendiri" {
		t.Errorf("a participant who is their own penilai is a root: %+v", p.Roots[1])
	}
}
