package impor_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"kinerja/internal/impor"
	"kinerja/internal/org"
	"kinerja/internal/seed"
)

// TestGenerated50000RowFile checks a generated file of the whole 50,000-pegawai
// dataset against a reference of that same dataset: every row reads, nothing is
// wrong, and only the rows the test changed are planned as changes.
func TestGenerated50000RowFile(t *testing.T) {
	t.Parallel()
	ds, err := seed.Generate(50000, seed.DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	ref := &impor.Reference{Golongan: map[string]string{}, OPDs: map[string]bool{}, Pegawai: map[string]impor.Existing{}}
	gol := map[int16]string{}
	for i, g := range []string{"I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"} {
		gol[int16(i+1)] = g
		ref.Golongan["PNS|"+strings.ToLower(g)] = g
	}
	for i, g := range []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"} {
		gol[int16(101+i)] = g
		ref.Golongan["PPPK|"+strings.ToLower(g)] = g
	}
	kode := map[int64]string{}
	for _, o := range ds.OPDs {
		kode[o.ID] = o.Kode
		ref.OPDs[o.Kode] = true
	}
	unit := map[int64]seed.Unit{}
	path := map[int64]string{}
	names := map[string]int{}
	for _, u := range ds.Units {
		unit[u.ID] = u
		path[u.ID] = u.Nama
		if u.ParentID != 0 {
			path[u.ID] = path[u.ParentID] + " > " + u.Nama
		}
		names[kode[u.OPDID]+"|"+strings.ToLower(u.Nama)]++
		ref.Units = append(ref.Units, impor.Unit{ID: u.ID, ParentID: u.ParentID, OPDKode: kode[u.OPDID], Nama: u.Nama, Path: path[u.ID]})
	}
	jab := map[int64]seed.Jabatan{}
	for _, j := range ds.Jabatan {
		jab[j.ID] = j
	}
	nip := map[int64]string{}
	for _, p := range ds.Pegawai {
		nip[p.ID] = p.NIP
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(impor.Header)
	for i, p := range ds.Pegawai {
		j := jab[p.JabatanID]
		u := unit[p.UnitID]
		ref.Pegawai[p.NIP] = impor.Existing{ID: p.ID, NIP: p.NIP, Nama: p.Nama, GelarDepan: p.GelarDepan, GelarBelakang: p.GelarBelakang,
			JenisASN: string(p.JenisASN), TempatLahir: p.TempatLahir, Golongan: gol[p.PangkatID], Jabatan: j.Nama, JenisJabatan: j.Jenis,
			KepalaUnit: j.Kepala, UnitID: p.UnitID, OPDKode: kode[u.OPDID], AtasanNIP: nip[p.AtasanID], Aktif: true}
		unitName := u.Nama
		if names[kode[u.OPDID]+"|"+strings.ToLower(u.Nama)] > 1 {
			unitName = path[u.ID]
		}
		kepala := "Tidak"
		if j.Kepala {
			kepala = "Ya"
		}
		nama := p.Nama
		if i%1000 == 0 {
			nama += " Diubah"
		}
		_ = w.Write([]string{p.NIP, nama, p.GelarDepan, p.GelarBelakang, p.TempatLahir, p.TanggalLahir.Format("2006-01-02"), p.JenisKelamin,
			string(p.JenisASN), gol[p.PangkatID], j.Nama, org.JenisJabatanLabel(j.Jenis), kepala, kode[u.OPDID], unitName, nip[p.AtasanID], ""})
	}
	w.Flush()
	if buf.Len() < 5<<20 {
		t.Fatalf("generated file is only %d bytes", buf.Len())
	}
	rows, probs, err := impor.Read(buf.Bytes(), impor.DefaultLimits)
	if err != nil || len(probs) > 0 || len(rows) != 50000 {
		t.Fatalf("read: %d rows, %d problems, %v", len(rows), len(probs), err)
	}
	plan, probs := impor.Check(rows, ref, today, true, nil)
	if len(probs) > 0 {
		t.Fatalf("%d problems, first %+v", len(probs), probs[0])
	}
	c := plan.Count()
	if c.Ubah != 50 || c.Sama != 49950 || c.Baru != 0 || c.Nonaktif != 0 {
		t.Fatalf("counts = %+v", c)
	}
	for _, r := range plan.Rows {
		if r.Status == "ubah" && fmt.Sprint(r.Changes) != "[nama]" {
			t.Fatalf("row %d changes %v", r.Line, r.Changes)
		}
	}
}
