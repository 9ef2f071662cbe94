package web_test

import (
	"archive/zip"
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestBuktiNamesAndBombs checks that an uploaded file's name is reduced to a plain
// one for the page and the download header (no path, no bidi override, RFC 6266
// filename*), and that an Office file that inflates far past its size is refused.
func TestBuktiNamesAndBombs(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	c, _, mine := approvedSKP(t, a)
	page := c.get(mine + "/realisasi?ke=1")
	iki := regexp.MustCompile(`name="nilai_(\d+)"`).FindStringSubmatch(page.body)[1]

	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	raw := "C:\\fakepath\\Laporan “akhir” \u202Efdp.exe"
	if r := c.uploadBukti(mine+"/bukti?ke=1", map[string]string{"iki": iki, "judul": "Laporan akhir"}, raw, pdf); r.status != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", r.status, r.text())
	}
	page = c.get(mine + "/realisasi?ke=1")
	if strings.Contains(page.body, "\u202E") || strings.Contains(page.body, "fakepath") || !strings.Contains(page.text(), "Laporan “akhir” fdp.pdf") {
		t.Fatalf("the page shows the raw name: %s", page.text())
	}
	href := regexp.MustCompile(`href="(/bukti/\d+)"`).FindStringSubmatch(page.body)
	if href == nil {
		t.Fatal("no download link")
	}
	d := c.get(href[1])
	cd := d.header.Get("Content-Disposition")
	if d.status != http.StatusOK || cd != `attachment; filename="Laporan _akhir_ fdp.pdf"; filename*=UTF-8''Laporan%20%E2%80%9Cakhir%E2%80%9D%20fdp.pdf` {
		t.Fatalf("download: %d %q", d.status, cd)
	}

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(n)
		_, _ = w.Write([]byte("<x/>"))
	}
	w, _ := zw.Create("xl/sharedStrings.xml")
	zero := make([]byte, 1<<20)
	for range 5 { // 5 MB of zeros: far past 100 times the zip's size
		_, _ = w.Write(zero)
	}
	_ = zw.Close()
	r := c.uploadBukti(mine+"/bukti?ke=1", map[string]string{"iki": iki, "judul": "Bom"}, "bom.xlsx", buf.Bytes())
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "mengembang terlalu besar") || !strings.Contains(r.body, `value="Bom"`) {
		t.Fatalf("bomb (%d bytes): %d %s", buf.Len(), r.status, r.text())
	}
}
