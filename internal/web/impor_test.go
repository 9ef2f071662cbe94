package web_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/impor"
	"kinerja/internal/queue"
	"kinerja/internal/store"
)

// upload posts a file to /impor and returns the batch page it redirects to.
func (c *client) upload(name string, data []byte, cakupan string) resp {
	c.a.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf_token", c.csrf())
	_ = mw.WriteField("cakupan", cakupan)
	fw, _ := mw.CreateFormFile("berkas", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.a.srv.URL+"/impor", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// waitImport polls the batch page until checking or applying is over.
func (c *client) waitImport(path string) resp {
	c.a.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		r := c.get(path)
		if !strings.Contains(r.body, `http-equiv="refresh"`) {
			return r
		}
		time.Sleep(50 * time.Millisecond)
	}
	c.a.t.Fatalf("import %s did not finish", path)
	return resp{}
}

func (c *client) importFile(name string, data []byte, cakupan string) (string, resp) {
	c.a.t.Helper()
	r := c.upload(name, data, cakupan)
	if r.status != http.StatusSeeOther {
		c.a.t.Fatalf("upload %s: %d %s", name, r.status, r.text())
	}
	loc := r.header.Get("Location")
	return loc, c.waitImport(loc)
}

func (c *client) apply(batch string) resp {
	c.a.t.Helper()
	r := c.post(batch+"/terapkan", nil)
	if r.status != http.StatusSeeOther {
		c.a.t.Fatalf("apply: %d %s", r.status, r.text())
	}
	return c.waitImport(batch)
}

func TestImportRoundTripIsIdempotentAndAppliesChanges(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.admin.NIP)
	// A pegawai without an atasan, and values a spreadsheet would read as formulas,
	// which the export protects with an apostrophe.
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE pegawai SET atasan_id = NULL, tempat_lahir = '=Kotalama', gelar_belakang = '-' WHERE id = $1`, ppl.penilai.ID); err != nil {
		t.Fatal(err)
	}

	exp := c.get("/pegawai/ekspor.csv?status=aktif")
	if exp.status != http.StatusOK || !strings.HasPrefix(exp.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d", exp.status)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(exp.body, "\xEF\xBB\xBF"))).ReadAll()
	if err != nil || len(records) != 401 || strings.Join(records[0], ",") != strings.Join(impor.Header, ",") {
		t.Fatalf("export has %d lines, header %v, err %v", len(records), records[0], err)
	}

	if !strings.Contains(exp.body, ",'=Kotalama,") {
		t.Fatal("the export does not protect a formula-like value")
	}
	t.Run("importing the export changes nothing", func(t *testing.T) {
		batch, r := c.importFile("ekspor.csv", []byte(exp.body), "lengkap")
		txt := r.text()
		if !strings.Contains(txt, "Siap diterapkan") || !regexp.MustCompile(`Baru 0 Berubah 0 Tetap 400 Dinonaktifkan 0`).MatchString(txt) {
			t.Fatalf("preview: %s", txt)
		}
		r = c.apply(batch)
		if !strings.Contains(r.text(), "Impor selesai diterapkan.") {
			t.Fatalf("apply: %s", r.text())
		}
		entries, _ := a.store.ListAudit(t.Context(), store.AuditFilter{Entity: "pegawai"})
		if len(entries) != 0 {
			t.Fatalf("an unchanged import audited %d changes", len(entries))
		}
		var tempat, gelar string
		var atasan *int64
		if err := a.db.Pool.QueryRow(t.Context(), `SELECT tempat_lahir, gelar_belakang, atasan_id FROM pegawai WHERE id = $1`, ppl.penilai.ID).Scan(&tempat, &gelar, &atasan); err != nil ||
			tempat != "=Kotalama" || gelar != "-" || atasan != nil {
			t.Fatalf("after the round trip: tempat %q gelar %q atasan %v, %v", tempat, gelar, atasan, err)
		}
	})

	// Change one gelar, drop one staff member, add one new pegawai (full file for the OPDs).
	var changedNIP, droppedNIP string
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	for i, rec := range records {
		switch {
		case i > 0 && rec[0] == ppl.staff.NIP:
			changedNIP = rec[0]
			rec[3] = "S.E., M.Ak."
		case i > 0 && rec[0] == ppl.dinkesStaff.NIP:
			droppedNIP = rec[0]
			continue
		}
		_ = w.Write(rec)
	}
	_ = w.Write([]string{"199703142022032001", "Putri Impor", "", "S.Pd.", "Kotalama", "14-03-1997", "P", "PNS", "III/a",
		"Guru Ahli Pertama", "Fungsional", "Tidak", "1.02", "SD Negeri 1 Kotalama", "", "2026-07-01"})
	w.Flush()
	modified := out.Bytes()

	t.Run("a changed file previews and applies its changes", func(t *testing.T) {
		batch, r := c.importFile("perubahan.csv", modified, "lengkap")
		txt := r.text()
		if !regexp.MustCompile(`Baru 1 Berubah 1 Tetap 398 Dinonaktifkan 1`).MatchString(txt) || !strings.Contains(txt, "Putri Impor") ||
			!strings.Contains(txt, "gelar") || !strings.Contains(txt, ppl.dinkesStaff.Nama) {
			t.Fatalf("preview: %s", txt)
		}
		r = c.apply(batch)
		if !strings.Contains(r.text(), "Impor selesai diterapkan.") {
			t.Fatalf("apply: %s", r.text())
		}
		list, n, _ := a.store.SearchPegawai(t.Context(), store.PegawaiFilter{Q: "199703142022032001"})
		if n != 1 || list[0].Unit != "SD Negeri 1 Kotalama" || list[0].AtasanJabatan != "Kepala Sekolah" {
			t.Fatalf("new pegawai: %+v", list)
		}
		p, _ := a.store.GetPegawai(t.Context(), ppl.staff.ID)
		if p.GelarBelakang != "S.E., M.Ak." || p.NIP != changedNIP {
			t.Fatalf("changed pegawai: %+v", p)
		}
		d, _ := a.store.GetPegawai(t.Context(), ppl.dinkesStaff.ID)
		if d.Aktif || d.NIP != droppedNIP {
			t.Fatal("the pegawai missing from the full file is still active")
		}
		riwayat, _ := a.store.ListRiwayat(t.Context(), list[0].ID)
		if len(riwayat) != 1 || riwayat[0].TMT.Format("2006-01-02") != "2026-07-01" {
			t.Fatalf("riwayat of the new pegawai: %+v", riwayat)
		}
		for action, want := range map[string]int{"pegawai.impor_tambah": 1, "pegawai.impor": 1, "pegawai.impor_nonaktif": 1} {
			entries, _ := a.store.ListAudit(t.Context(), store.AuditFilter{Action: action})
			if len(entries) != want || entries[0].Before == nil && action != "pegawai.impor_tambah" {
				t.Errorf("audit %s: %d entries, want %d", action, len(entries), want)
			}
		}
	})

	t.Run("the same file again changes nothing", func(t *testing.T) {
		_, r := c.importFile("perubahan.csv", modified, "lengkap")
		if !regexp.MustCompile(`Baru 0 Berubah 0 Tetap 400 Dinonaktifkan 0`).MatchString(r.text()) {
			t.Fatalf("second preview: %s", r.text())
		}
	})

	t.Run("a change between check and apply is caught", func(t *testing.T) {
		mod2 := bytes.Replace(modified, []byte("S.E., M.Ak."), []byte("S.E., M.Ak., CPA"), 1)
		batch, r := c.importFile("lagi.csv", mod2, "tambah")
		if !strings.Contains(r.text(), "Siap diterapkan") {
			t.Fatalf("preview: %s", r.text())
		}
		if _, err := a.db.Pool.Exec(t.Context(), `UPDATE pegawai SET tempat_lahir = 'Medan', updated_at = now() WHERE id = $1`, ppl.penilai.ID); err != nil {
			t.Fatal(err)
		}
		r = c.apply(batch)
		if !strings.Contains(r.text(), "Data pegawai berubah sejak berkas diperiksa") {
			t.Fatalf("stale apply: %s", r.text())
		}
		p, _ := a.store.GetPegawai(t.Context(), ppl.staff.ID)
		if p.GelarBelakang != "S.E., M.Ak." {
			t.Fatal("a refused import changed data")
		}
	})
}

func TestImportReportsErrorsAndSavesNothing(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c := a.clientAs(a.people().admin.NIP)
	data, err := os.ReadFile("testdata/salah.csv")
	if err != nil {
		t.Fatal(err)
	}
	before, _, _ := a.store.SearchPegawai(t.Context(), store.PegawaiFilter{Status: "semua", Limit: 1})
	_ = before
	batch, r := c.importFile("salah.csv", data, "tambah")
	txt := r.text()
	for _, want := range []string{"Ditolak", "Tidak ada data yang disimpan", "Baris Kolom Masalah", "2 NIP", "3 GOLONGAN", "4 UNIT_KERJA", "5 NIP_ATASAN"} {
		if !strings.Contains(txt, want) {
			t.Errorf("report lacks %q:\n%s", want, txt)
		}
	}
	if strings.Contains(r.body, "/terapkan") {
		t.Fatal("a rejected file can be applied")
	}
	if r := c.post(batch+"/terapkan", nil); r.status != http.StatusConflict {
		t.Fatalf("applying a rejected batch: %d", r.status)
	}
	dl := c.get(batch + "/galat.csv")
	if !strings.Contains(dl.body, "BARIS,KOLOM,MASALAH") || strings.Count(dl.body, "\n") < 5 {
		t.Fatalf("problems CSV: %s", dl.body)
	}
	_, n, _ := a.store.SearchPegawai(t.Context(), store.PegawaiFilter{Status: "semua"})
	if n != 400 {
		t.Fatalf("pegawai = %d after a rejected import", n)
	}
}

func TestImportRefusesMalformedUploads(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c := a.clientAs(a.people().admin.NIP)

	t.Run("100 MB of junk", func(t *testing.T) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		_ = mw.WriteField("csrf_token", c.csrf())
		fw, _ := mw.CreateFormFile("berkas", "besar.csv")
		pr, pw := io.Pipe()
		go func() {
			_, _ = io.Copy(pw, io.MultiReader(bytes.NewReader(body.Bytes()), io.LimitReader(junk{}, 100<<20)))
			pw.Close()
		}()
		_ = fw
		req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/impor", pr)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		r := c.do(req)
		if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.text(), "Unggahan paling besar 20 MB") {
			t.Fatalf("status %d: %s", r.status, r.text())
		}
	})
	t.Run("no file", func(t *testing.T) {
		r := c.post("/impor", url.Values{})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Pilih berkas CSV atau XLSX") {
			t.Fatalf("status %d", r.status)
		}
	})
	t.Run("wrong type", func(t *testing.T) {
		r := c.upload("gambar.png", []byte("\x89PNG...."), "tambah")
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "unggah .csv atau .xlsx") {
			t.Fatalf("status %d", r.status)
		}
	})
	for name, data := range map[string][]byte{
		"kosong.csv": {},
		"acak.csv":   bytes.Repeat([]byte{0xff, 0xfe, 0x00, 0x41}, 5000),
		"judul.csv":  []byte("a,b,c\n1,2,3\n"),
		"rusak.xlsx": []byte("PK\x03\x04rusak"),
		"latin1.csv": append([]byte(strings.Join(impor.Header, ",")+"\n"), []byte("199001012015011001,Jos\xe9,,,,,,PNS,III/a,Staf,Pelaksana,,1.02,Sekretariat,,\n")...),
	} {
		t.Run(name, func(t *testing.T) {
			r := c.upload(name, data, "tambah")
			if r.status == http.StatusUnprocessableEntity {
				return // refused up front (empty file)
			}
			if r.status != http.StatusSeeOther {
				t.Fatalf("status %d", r.status)
			}
			page := c.waitImport(r.header.Get("Location"))
			if page.status != http.StatusOK || !strings.Contains(page.text(), "Ditolak") {
				t.Fatalf("%s: %d %s", name, page.status, page.text())
			}
		})
	}
}

type junk struct{}

func (junk) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte('A' + i%26)
	}
	return len(p), nil
}

func TestImportTemplatesAndExportReadBack(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c := a.clientAs(a.people().admin.NIP)
	for _, path := range []string{"/impor/templat.csv", "/impor/templat.xlsx", "/pegawai/ekspor.xlsx?opd=2"} {
		r := c.get(path)
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d", path, r.status)
		}
		rows, probs, err := impor.Read([]byte(r.body), impor.DefaultLimits)
		if err != nil || len(probs) > 0 || len(rows) == 0 {
			t.Fatalf("%s does not read back: %v %v", path, err, probs)
		}
		if path == "/pegawai/ekspor.xlsx?opd=2" {
			for _, row := range rows {
				if row.Values["KODE_OPD"] != "1.02" {
					t.Fatalf("the OPD filter leaked %s", row.Values["KODE_OPD"])
				}
			}
		}
	}
}

func TestImportIsForAdminsOnly(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	for _, who := range []string{ppl.staff.NIP, ppl.penilai.NIP, ppl.kepalaDisdik.NIP} {
		c := a.clientAs(who)
		for _, path := range []string{"/impor", "/impor/templat.csv", "/impor/1", "/pegawai/ekspor.csv", "/pegawai/ekspor.xlsx"} {
			if r := c.get(path); r.status != http.StatusForbidden {
				t.Errorf("%s GET %s: %d", who, path, r.status)
			}
		}
		if r := c.upload("x.csv", []byte("a"), "tambah"); r.status != http.StatusForbidden {
			t.Errorf("%s upload: %d", who, r.status)
		}
		if r := c.post("/impor/1/terapkan", nil); r.status != http.StatusForbidden {
			t.Errorf("%s apply: %d", who, r.status)
		}
	}
	_ = fmt.Sprint()
}

// The template's example row is refused by line and column, so uploading the
// template unchanged never creates "Contoh Pegawai" (issue 14).
func TestTemplateExampleIsNeverImported(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c := a.clientAs(a.people().admin.NIP)
	for _, name := range []string{"templat.csv", "templat.xlsx"} {
		tpl := c.get("/impor/" + name)
		if tpl.status != http.StatusOK {
			t.Fatalf("%s: %d", name, tpl.status)
		}
		_, r := c.importFile(name, []byte(tpl.body), "tambah")
		if !strings.Contains(r.text(), "Ditolak") || !strings.Contains(r.text(), "2 NIP Baris contoh dari templat") || strings.Contains(r.body, "/terapkan") {
			t.Fatalf("%s uploaded unchanged: %s", name, r.text())
		}
	}
	if list, _, _ := a.store.SearchPegawai(t.Context(), store.PegawaiFilter{Q: "Contoh Pegawai", Status: "semua"}); len(list) != 0 {
		t.Fatalf("the example row was imported: %+v", list)
	}
}

// TestImportJobsKeepNoFileAndRunOnce: checking and applying are River jobs; the
// uploaded file rests in the database only until it is checked, and a repeated
// applying job (a retry after the work was done) changes nothing.
func TestImportJobsKeepNoFileAndRunOnce(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.admin.NIP)
	exp := c.get("/pegawai/ekspor.csv?status=aktif")
	edited := strings.Replace(exp.body, ppl.staff.Nama, ppl.staff.Nama+" Baru", 1)
	batch, r := c.importFile("ekspor.csv", []byte(edited), "lengkap")
	if !strings.Contains(r.text(), "Berubah 1") {
		t.Fatalf("preview: %s", r.text())
	}
	id := must(strconv.ParseInt(path.Base(batch), 10, 64))
	var left int
	if err := a.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM impor_pegawai WHERE berkas IS NOT NULL`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("files left after checking: %d %v", left, err)
	}
	if r := c.apply(batch); !strings.Contains(r.text(), "Impor selesai diterapkan.") {
		t.Fatalf("apply: %s", r.text())
	}
	audited := func() int {
		var n int
		if err := a.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM audit_log WHERE action LIKE 'pegawai.impor%' OR action = 'impor.terapkan'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := audited()
	if before == 0 {
		t.Fatal("the import audited nothing")
	}
	jobs := must(queue.NewInserter(a.db.Pool))
	res := must(jobs.Insert(t.Context(), queue.Impor{BatchID: id, Terapkan: true, Label: "retry"}, nil))
	waitJob(t, a, res.Job.ID)
	if got := audited(); got != before {
		t.Fatalf("a repeated applying job audited %d more changes", got-before)
	}
	if r := c.get(batch); !strings.Contains(r.text(), "Impor selesai diterapkan.") {
		t.Fatalf("after the repeat: %s", r.text())
	}
	// The admin was told of each step once, the repeated job adding nothing.
	n := c.get("/pemberitahuan").text()
	if !strings.Contains(n, "Impor ekspor.csv sudah diperiksa dan siap diterapkan") || !strings.Contains(n, "Baru 0, berubah 1") ||
		strings.Count(n, "Impor ekspor.csv selesai diterapkan") != 1 {
		t.Fatalf("admin's notices: %s", n)
	}
}

// waitJob waits until River has completed job id.
func waitJob(t *testing.T, a *app, id int64) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var state, errs string
		if err := a.db.Pool.QueryRow(t.Context(), `SELECT state, coalesce(errors::text, '') FROM river_job WHERE id = $1`, id).Scan(&state, &errs); err != nil {
			t.Fatal(err)
		}
		if state == "completed" {
			return
		}
		if state == "discarded" || state == "cancelled" || time.Now().After(deadline) {
			t.Fatalf("job %d: %s %s", id, state, errs)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestImportEmailColumn: SIASN's EMAIL column sets a verified address (the export
// carries it back); a bad address is reported by line and column and nothing is
// saved; an empty cell keeps the address a pegawai has.
func TestImportEmailColumn(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.admin.NIP)
	exp := c.get("/pegawai/ekspor.csv?status=aktif")
	lines := strings.Split(strings.TrimRight(exp.body, "\r\n"), "\n")
	if !strings.HasSuffix(strings.TrimSpace(lines[0]), ",TMT,EMAIL") {
		t.Fatalf("export header: %s", lines[0])
	}
	with := func(addr string) []byte {
		out := []string{lines[0]}
		for _, l := range lines[1:] {
			if strings.HasPrefix(l, ppl.staff.NIP+",") {
				l = strings.TrimRight(l, "\r") + addr // the EMAIL cell is the last, empty in the export
			}
			out = append(out, l)
		}
		return []byte(strings.Join(out, "\n") + "\n")
	}
	_, r := c.importFile("surel-salah.csv", with("bukan-alamat"), "tambah")
	if !strings.Contains(r.text(), "EMAIL") || !strings.Contains(r.text(), `Alamat surel "bukan-alamat" tidak valid.`) {
		t.Fatalf("bad address: %s", r.text())
	}
	batch, r := c.importFile("surel.csv", with("Siti.Aminah@Disdik.Example.GO.ID"), "tambah")
	if !strings.Contains(r.text(), "Berubah 1") || !strings.Contains(r.text(), "surel") {
		t.Fatalf("preview: %s", r.text())
	}
	c.apply(batch)
	staff := a.clientAs(ppl.staff.NIP)
	if set := staff.get("/pemberitahuan/pengaturan").text(); !strings.Contains(set, "Siti.Aminah@disdik.example.go.id (terverifikasi)") {
		t.Fatalf("after the import: %s", set)
	}
	// The export carries it; a file with the cell empty keeps it.
	if again := c.get("/pegawai/ekspor.csv?status=aktif"); !strings.Contains(again.body, "Siti.Aminah@disdik.example.go.id") {
		t.Fatal("the export lacks the address")
	}
	if _, r := c.importFile("tanpa-surel.csv", with(""), "tambah"); !strings.Contains(r.text(), "Berubah 0") {
		t.Fatalf("an empty EMAIL cell changed something: %s", r.text())
	}
}
