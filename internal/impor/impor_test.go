package impor_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/impor"
)

var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// reference is a tiny organisation: OPD 1.02 with a root, a bidang and two seksi
// (one name used twice, under different bidang), and three pegawai.
func reference() *impor.Reference {
	return &impor.Reference{
		Golongan: map[string]string{"PNS|iii/a": "III/a", "PNS|iv/a": "IV/a", "PNS|iii/c": "III/c", "PPPK|ix": "IX"},
		OPDs:     map[string]bool{"1.02": true, "1.03": true},
		Units: []impor.Unit{
			{ID: 1, OPDKode: "1.02", Nama: "Dinas Pendidikan", Path: "Dinas Pendidikan"},
			{ID: 2, ParentID: 1, OPDKode: "1.02", Nama: "Bidang SD", Path: "Dinas Pendidikan > Bidang SD"},
			{ID: 3, ParentID: 2, OPDKode: "1.02", Nama: "Seksi Kurikulum", Path: "Dinas Pendidikan > Bidang SD > Seksi Kurikulum"},
			{ID: 4, ParentID: 1, OPDKode: "1.02", Nama: "Bidang SMP", Path: "Dinas Pendidikan > Bidang SMP"},
			{ID: 5, ParentID: 4, OPDKode: "1.02", Nama: "Seksi Kurikulum", Path: "Dinas Pendidikan > Bidang SMP > Seksi Kurikulum"},
			{ID: 6, OPDKode: "1.03", Nama: "Dinas Kesehatan", Path: "Dinas Kesehatan"},
		},
		Pegawai: map[string]impor.Existing{
			"197001012000011001": {ID: 1, NIP: "197001012000011001", Nama: "Kepala Dinas", JenisASN: "PNS", Golongan: "IV/a", Jabatan: "Kepala Dinas Pendidikan",
				JenisJabatan: "jpt_pratama", KepalaUnit: true, UnitID: 1, OPDKode: "1.02", Aktif: true},
			"198001012005011001": {ID: 2, NIP: "198001012005011001", Nama: "Kabid SD", JenisASN: "PNS", Golongan: "IV/a", Jabatan: "Kepala Bidang SD",
				JenisJabatan: "administrator", KepalaUnit: true, UnitID: 2, OPDKode: "1.02", AtasanNIP: "197001012000011001", Aktif: true},
			"199001012015011001": {ID: 3, NIP: "199001012015011001", Nama: "Staf Lama", JenisASN: "PNS", Golongan: "III/a", Jabatan: "Pengadministrasi",
				JenisJabatan: "pelaksana", UnitID: 2, OPDKode: "1.02", AtasanNIP: "198001012005011001", Aktif: true},
			"198501012010011001": {ID: 4, NIP: "198501012010011001", Nama: "Kadinkes", JenisASN: "PNS", Golongan: "IV/a", Jabatan: "Kepala Dinas Kesehatan",
				JenisJabatan: "jpt_pratama", KepalaUnit: true, UnitID: 6, OPDKode: "1.03", Aktif: true},
		},
		Fingerprint: "fp",
	}
}

const header = "NIP,NAMA,GELAR_DEPAN,GELAR_BELAKANG,TEMPAT_LAHIR,TANGGAL_LAHIR,JENIS_KELAMIN,JENIS_PEGAWAI,GOLONGAN,JABATAN,JENIS_JABATAN,KEPALA_UNIT,KODE_OPD,UNIT_KERJA,NIP_ATASAN,TMT\n"

const good = header +
	"197001012000011001,Kepala Dinas,,,,1970-01-01,L,PNS,IV/a,Kepala Dinas Pendidikan,JPT Pratama,Ya,1.02,Dinas Pendidikan,,\n" +
	"198001012005011001,Kabid SD,,,,,,PNS,IV/a,Kepala Bidang SD,Administrator,Ya,1.02,Bidang SD,197001012000011001,\n" +
	"199001012015011001,Staf Lama,,S.E.,,,,PNS,III/a,Pengadministrasi,Pelaksana,Tidak,1.02,Bidang SD,,\n" +
	"199505052020122001,Staf Baru,,,Kotalama,05-05-1995,P,PNS,III/a,Analis,Fungsional,,1.02,Bidang SD > Seksi Kurikulum,,2026-11-01\n"

func read(t *testing.T, s string) []impor.Row {
	t.Helper()
	rows, probs, err := impor.Read([]byte(s), impor.DefaultLimits)
	if err != nil || len(probs) > 0 {
		t.Fatalf("Read: %v %v", err, probs)
	}
	return rows
}

func TestGoodFilePlansChanges(t *testing.T) {
	t.Parallel()
	for _, full := range []bool{false, true} {
		plan, probs := impor.Check(read(t, good), reference(), today, full, nil)
		if len(probs) > 0 {
			t.Fatalf("problems: %v", probs)
		}
		c := plan.Count()
		if c.Baru != 1 || c.Ubah != 1 || c.Sama != 2 {
			t.Fatalf("counts = %+v", c)
		}
		byNIP := map[string]impor.PlanRow{}
		for _, r := range plan.Rows {
			byNIP[r.NIP] = r
		}
		staf := byNIP["199001012015011001"]
		if staf.Status != "ubah" || strings.Join(staf.Changes, ",") != "gelar" || staf.AtasanNIP != "198001012005011001" {
			t.Fatalf("changed row = %+v", staf)
		}
		baru := byNIP["199505052020122001"]
		// Seksi Kurikulum (under Bidang SD) has no head: the default atasan is the head above.
		if baru.Status != "baru" || baru.UnitID != 3 || baru.AtasanNIP != "198001012005011001" || baru.JenisKelamin != "P" {
			t.Fatalf("new row = %+v", baru)
		}
		if !baru.TMT.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("TMT = %s", baru.TMT)
		}
		if len(plan.Deactivate) != 0 {
			t.Fatalf("deactivate = %v (full=%v)", plan.Deactivate, full)
		}
	}
}

func TestFullFileDeactivatesTheMissing(t *testing.T) {
	t.Parallel()
	lines := strings.Split(strings.TrimSpace(good), "\n")
	without := strings.Join(append(lines[:3:3], lines[4]), "\n") // drop Staf Lama
	plan, probs := impor.Check(read(t, without), reference(), today, true, nil)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if len(plan.Deactivate) != 1 || plan.Deactivate[0].NIP != "199001012015011001" {
		t.Fatalf("deactivate = %v", plan.Deactivate)
	}
	plan, _ = impor.Check(read(t, without), reference(), today, false, nil)
	if len(plan.Deactivate) != 0 {
		t.Fatalf("a partial file deactivates %v", plan.Deactivate)
	}
	// Dropping the Kabid from a full file: Staf Lama names the Kabid as atasan? No: by
	// default the head of Bidang SD, who is leaving, so no default; but an explicit atasan who
	// leaves is refused.
	explicit := strings.Replace(without, "Pengadministrasi,Pelaksana,Tidak,1.02,Bidang SD,,", "Pengadministrasi,Pelaksana,Tidak,1.02,Bidang SD,198001012005011001,", 1)
	noKabid := strings.Join(append(strings.Split(explicit, "\n")[:2:2], strings.Split(explicit, "\n")[3:]...), "\n")
	_, probs = impor.Check(read(t, noKabid+"\n199001012015011001,Staf Lama,,S.E.,,,,PNS,III/a,Pengadministrasi,Pelaksana,Tidak,1.02,Bidang SD,198001012005011001,\n"), reference(), today, true, nil)
	if !hasProblem(probs, 4, "NIP_ATASAN", "akan dinonaktifkan") {
		t.Fatalf("problems: %v", probs)
	}
}

func hasProblem(probs []impor.Problem, line int, col, msg string) bool {
	for _, p := range probs {
		if p.Line == line && (col == "" || p.Column == col) && strings.Contains(p.Message, msg) {
			return true
		}
	}
	return false
}

// TestEachKindOfError reads one fixture file per kind of error.
func TestEachKindOfError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		line int
		col  string
		msg  string
	}{
		{"nip-invalid.csv", 2, "NIP", "tanggal lahir yang valid"},
		{"nip-vs-tanggal-lahir.csv", 2, "TANGGAL_LAHIR", "tidak sama dengan NIP"},
		{"nip-vs-jenis-kelamin.csv", 2, "JENIS_KELAMIN", "tidak sesuai dengan digit ke-15 NIP"},
		{"golongan-unknown.csv", 2, "GOLONGAN", "Golongan PNS tidak dikenal"},
		{"atasan-not-found.csv", 2, "NIP_ATASAN", "tidak ditemukan"},
		{"nip-duplicate.csv", 3, "NIP", "NIP sama dengan baris 2"},
		{"cycle.csv", 2, "NIP_ATASAN", "Rantai atasan melingkar: Siklus Satu → Siklus Dua → Siklus Satu"},
		{"unit-unknown.csv", 2, "UNIT_KERJA", "tidak ditemukan di OPD 1.02"},
		{"unit-ambiguous.csv", 2, "UNIT_KERJA", "dipakai lebih dari satu unit"},
		{"opd-unknown.csv", 2, "KODE_OPD", "tidak dikenal"},
		{"nama-missing.csv", 2, "NAMA", "Nama wajib diisi"},
		{"two-heads.csv", 3, "KEPALA_UNIT", "sudah berkepala"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			rows, probs, err := impor.Read(data, impor.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			plan, more := impor.Check(rows, reference(), today, false, nil)
			probs = append(probs, more...)
			if plan != nil {
				t.Fatal("a file with errors produced a plan")
			}
			if !hasProblem(probs, tt.line, tt.col, tt.msg) {
				t.Fatalf("want line %d column %s %q; got %+v", tt.line, tt.col, tt.msg, probs)
			}
		})
	}
}

func TestEveryBadRowIsReported(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("testdata", "many-errors.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, probs, err := impor.Read(data, impor.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	_, more := impor.Check(rows, reference(), today, false, nil)
	probs = append(probs, more...)
	lines := map[int]bool{}
	for _, p := range probs {
		lines[p.Line] = true
	}
	for _, l := range []int{2, 3, 4, 5} {
		if !lines[l] {
			t.Errorf("line %d has no problem reported: %+v", l, probs)
		}
	}
}

func TestMalformedFiles(t *testing.T) {
	t.Parallel()
	long := header + "199001012015011001," + strings.Repeat("x", 600) + ",,,,,,PNS,III/a,Staf,Pelaksana,,1.02,Bidang SD,,\n"
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty", nil, "Berkas kosong"},
		{"spaces only", []byte("  \n \n"), "Berkas kosong"},
		{"header only", []byte(header), "hanya berisi judul kolom"},
		{"wrong header", []byte("nomor,nama lengkap\n1,Ani\n"), "Baris judul tidak sesuai templat"},
		{"latin-1", append([]byte(header), []byte("199001012015011001,Jos\xe9,,,,,,PNS,III/a,Staf,Pelaksana,,1.02,Bidang SD,,\n")...), "bukan teks UTF-8 (baris 2)"},
		{"binary junk", append([]byte("\x00\x01\x02junk"), bytes.Repeat([]byte{0xff, 0x00}, 1000)...), "bukan teks UTF-8"},
		{"old xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0}, make([]byte, 100)...), ".xls"},
		{"broken zip", []byte("PK\x03\x04 not really a zip"), "XLSX rusak"},
		{"unbalanced quotes", []byte(header + "\"199001012015011001,Ani\n"), "CSV rusak"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := impor.Read(tt.data, impor.DefaultLimits)
			var fe *impor.FileError
			if err == nil || !strings.Contains(err.Error(), tt.msg) || !errorsAs(err, &fe) {
				t.Fatalf("err = %v, want a FileError with %q", err, tt.msg)
			}
		})
	}
	t.Run("formula in a CSV cell", func(t *testing.T) {
		_, probs, err := impor.Read([]byte(header+"199001012015011001,\"=HYPERLINK(\"\"x\"\")\",,,,,,PNS,III/a,Staf,Pelaksana,,1.02,Bidang SD,,\n"), impor.DefaultLimits)
		if err != nil || !hasProblem(probs, 2, "NAMA", "rumus") {
			t.Fatalf("err %v probs %v", err, probs)
		}
	})
	t.Run("overlong cell", func(t *testing.T) {
		_, probs, err := impor.Read([]byte(long), impor.DefaultLimits)
		if err != nil || !hasProblem(probs, 2, "NAMA", "terlalu panjang") {
			t.Fatalf("err %v probs %v", err, probs)
		}
	})
	t.Run("too many rows", func(t *testing.T) {
		_, _, err := impor.Read([]byte(good), withRows(impor.DefaultLimits, 2))
		if err == nil || !strings.Contains(err.Error(), "lebih dari 2 baris") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("semicolons and a BOM", func(t *testing.T) {
		s := "\xEF\xBB\xBF" + strings.ReplaceAll(good, ",", ";")
		rows, probs, err := impor.Read([]byte(s), impor.DefaultLimits)
		if err != nil || len(probs) > 0 || len(rows) != 4 || rows[0].Values["NIP"] != "197001012000011001" {
			t.Fatalf("rows %v probs %v err %v", len(rows), probs, err)
		}
	})
}

func errorsAs(err error, target **impor.FileError) bool {
	fe, ok := err.(*impor.FileError)
	if ok {
		*target = fe
	}
	return ok
}

func xlsx(t *testing.T, rows [][]any, formulaCell string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if formulaCell != "" {
		if err := f.SetCellFormula("Sheet1", formulaCell, "1+1"); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	t.Parallel()
	var rows [][]any
	for _, line := range strings.Split(strings.TrimSpace(good), "\n") {
		var r []any
		for _, v := range strings.Split(line, ",") {
			r = append(r, v)
		}
		rows = append(rows, r)
	}
	got, probs, err := impor.Read(xlsx(t, rows, ""), impor.DefaultLimits)
	if err != nil || len(probs) > 0 || len(got) != 4 || got[3].Values["UNIT_KERJA"] != "Bidang SD > Seksi Kurikulum" || got[3].Line != 5 {
		t.Fatalf("xlsx: %d rows, %v, %v", len(got), probs, err)
	}
	plan, probs := impor.Check(got, reference(), today, false, nil)
	if len(probs) > 0 || plan.Count().Baru != 1 {
		t.Fatalf("check xlsx: %v", probs)
	}
	_, probs, err = impor.Read(xlsx(t, rows, "B3"), impor.DefaultLimits)
	if err != nil || !hasProblem(probs, 3, "NAMA", "rumus") {
		t.Fatalf("formula: %v %v", probs, err)
	}
}

func TestTemplateExampleRowIsRefused(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(strings.Join(impor.Header, ",") + "\n" + strings.Join(impor.TemplateExample, ",") + "\n")
	rows, probs, err := impor.Read([]byte(b.String()), impor.DefaultLimits)
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	plan, probs := impor.Check(rows, reference(), today, false, nil)
	if plan != nil || !hasProblem(probs, 2, impor.ColNIP, "Baris contoh dari templat") {
		t.Fatalf("the example row: %+v %+v", plan, probs)
	}
}

func withRows(l impor.Limits, n int) impor.Limits {
	l.MaxRows = n
	return l
}
