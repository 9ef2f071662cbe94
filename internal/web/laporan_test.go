package web_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/laporan"
)

// TestLaporanScopesByRole is the matrix of report routes × roles, with the URL
// tampered with to reach another OPD or unit.
func TestLaporanScopesByRole(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	openPeriod(t, a)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	var routes []string
	for _, j := range laporan.Reports {
		base := "/laporan/" + string(j)
		routes = append(routes, base, base+"/unduh.xlsx", base+"/unduh.csv")
	}
	routes = append(routes, "/laporan/rekap/cetak")
	otherOPD := "opd=" + id(ppl.dinkesOPD)
	otherUnit := "unit=" + id(ppl.dinkesUnit)
	cases := []struct {
		who   string
		nip   string
		query string
		want  int
	}{
		{"admin, pemda", ppl.admin.NIP, "", http.StatusOK},
		{"admin, another OPD", ppl.admin.NIP, otherOPD, http.StatusOK},
		{"kepala OPD, own", ppl.kepalaDisdik.NIP, "", http.StatusOK},
		{"kepala OPD, own unit", ppl.kepalaDisdik.NIP, "unit=" + id(ppl.seksiUnit), http.StatusOK},
		{"kepala OPD, another OPD", ppl.kepalaDisdik.NIP, otherOPD, http.StatusForbidden},
		{"kepala OPD, a unit of another OPD", ppl.kepalaDisdik.NIP, otherUnit, http.StatusForbidden},
		{"penilai, own", ppl.penilai.NIP, "", http.StatusOK},
		{"penilai, another OPD", ppl.penilai.NIP, otherOPD, http.StatusForbidden},
		{"penilai, a unit of another OPD", ppl.penilai.NIP, otherUnit, http.StatusForbidden},
		{"pegawai without subordinates", ppl.staff.NIP, "", http.StatusForbidden},
		{"pegawai of another OPD", ppl.dinkesStaff.NIP, "", http.StatusForbidden},
	}
	for _, c := range cases {
		cl := a.clientAs(c.nip)
		for _, route := range routes {
			path := route
			if c.query != "" {
				path += "?" + c.query
			}
			if r := cl.get(path); r.status != c.want {
				t.Errorf("%s: GET %s = %d, want %d", c.who, path, r.status, c.want)
			}
		}
	}
	anon := a.client()
	if r := anon.get("/laporan/perencanaan"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login") {
		t.Errorf("anonymous: %d %s", r.status, r.header.Get("Location"))
	}
	// The kepala's report never names another OPD's units, and the menu has Laporan.
	r := a.clientAs(ppl.kepalaDisdik.NIP).get("/laporan/perencanaan")
	if strings.Contains(r.text(), "Seksi Promosi Kesehatan") || !strings.Contains(r.text(), "Seksi Kurikulum SD") || !strings.Contains(r.body, `href="/laporan"`) {
		t.Errorf("kepala's report: %s", r.text())
	}
	if r := a.clientAs(ppl.staff.NIP).get("/"); strings.Contains(r.body, `href="/laporan"`) {
		t.Error("a pegawai without Laporan sees it in the menu")
	}
	if r := a.clientAs(ppl.admin.NIP).get("/laporan/tidak-ada"); r.status != http.StatusNotFound {
		t.Errorf("unknown report: %d", r.status)
	}
}

func TestLaporanPagesAndDownloads(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	approvedSKP(t, a)
	admin := a.clientAs(ppl.admin.NIP)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	unit := "?opd=" + id(ppl.disdikOPD) + "&unit=" + id(ppl.seksiUnit)

	// The pemda level: a row per OPD, linked one level down, and the chart.
	r := admin.get("/laporan/perencanaan")
	if r.status != http.StatusOK || !strings.Contains(r.body, `href="/laporan/perencanaan?opd=`+id(ppl.disdikOPD)+`"`) || !strings.Contains(r.body, "<svg") ||
		!strings.Contains(r.text(), "SKP disetujui (% peserta aktif) per perangkat daerah") {
		t.Fatalf("pemda level: %d %s", r.status, r.text())
	}
	// The unit level names everyone, with the approved plan.
	r = admin.get("/laporan/perencanaan" + unit)
	if r.status != http.StatusOK || !strings.Contains(r.text(), ppl.staff.Nama) || !strings.Contains(r.text(), "Disetujui") || !strings.Contains(r.text(), "Peserta") {
		t.Fatalf("unit level: %d %s", r.status, r.text())
	}
	for _, j := range laporan.Reports {
		if r := admin.get("/laporan/" + string(j) + unit); r.status != http.StatusOK {
			t.Errorf("%s at the unit level: %d %s", j, r.status, r.text())
		}
		if r := admin.get("/laporan/" + string(j)); r.status != http.StatusOK {
			t.Errorf("%s at the pemda level: %d %s", j, r.status, r.text())
		}
	}

	// The Excel file has the same filter: the unit's people, the staff with the approved plan.
	x := admin.get("/laporan/perencanaan/unduh.xlsx" + unit)
	if x.status != http.StatusOK || !strings.Contains(x.header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("xlsx: %d %s", x.status, x.header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(x.body)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Sheet1")
	if err != nil || len(rows) < 2 {
		t.Fatalf("xlsx rows %v %v", rows, err)
	}
	if rows[0][0] != "NIP" || rows[0][len(rows[0])-2] != "Status SKP" {
		t.Errorf("xlsx header %v", rows[0])
	}
	found := false
	for _, row := range rows[1:] {
		if row[0] == ppl.staff.NIP {
			found = row[len(row)-2] == "Disetujui" && row[4] == "Seksi Kurikulum SD"
		}
		if row[4] != "Seksi Kurikulum SD" {
			t.Errorf("a row outside the unit: %v", row)
		}
	}
	if !found {
		t.Errorf("the staff's approved plan is not in the file: %v", rows)
	}
	c := admin.get("/laporan/rekonsiliasi/unduh.csv?opd=" + id(ppl.disdikOPD))
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.body, "\xEF\xBB\xBF"))).ReadAll()
	if err != nil || c.status != http.StatusOK || strings.Join(recs[0], ",") != strings.Join(laporan.Header(laporan.KolomRekonsiliasi), ",") || len(recs) < 10 {
		t.Fatalf("reconciliation csv: %d %v %v", c.status, err, recs)
	}

	// A malformed filter: 422 with the message by the field, nothing else shown.
	r = admin.get("/laporan/perencanaan?status=entah&unit=abc")
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Pilih status dari daftar.") || !strings.Contains(r.body, `href="#f-status"`) ||
		strings.Contains(r.body, "<svg") {
		t.Errorf("bad filter: %d %s", r.status, r.text())
	}
	if r := admin.get("/laporan/perencanaan/unduh.xlsx?status=entah"); r.status != http.StatusBadRequest {
		t.Errorf("bad filter on a download: %d", r.status)
	}
	if r := admin.get("/laporan/perencanaan?opd=" + id(ppl.disdikOPD) + "&unit=" + id(ppl.dinkesUnit)); r.status != http.StatusUnprocessableEntity {
		t.Errorf("a unit of another OPD than the chosen one: %d", r.status)
	}
	if r := admin.get("/laporan/perencanaan?tahun=1999"); r.status != http.StatusUnprocessableEntity {
		t.Errorf("a year without a period: %d", r.status)
	}
	// The printable rekap is signed and names the OPD.
	p := admin.get("/laporan/rekap/cetak?opd=" + id(ppl.disdikOPD))
	if p.status != http.StatusOK || !strings.Contains(p.text(), "REKAP PREDIKAT KINERJA PEGAWAI") || !strings.Contains(p.text(), "Kepala Dinas Pendidikan") ||
		!strings.Contains(p.text(), ppl.staff.Nama) {
		t.Errorf("rekap print: %d %s", p.status, p.text())
	}
}

func TestPeriksaDataPageAndScope(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	openPeriod(t, a)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	// Plant a participant without a penilai.
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE periode_peserta SET penilai_id = NULL WHERE pegawai_id = $1`, ppl.staff.ID); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		nip, path string
		want      int
	}{
		{ppl.admin.NIP, "/periksa", http.StatusOK},
		{ppl.admin.NIP, "/periksa?opd=" + id(ppl.dinkesOPD), http.StatusOK},
		{ppl.admin.NIP, "/periksa?opd=x", http.StatusBadRequest},
		{ppl.kepalaDisdik.NIP, "/periksa", http.StatusOK},
		{ppl.kepalaDisdik.NIP, "/periksa?opd=" + id(ppl.disdikOPD), http.StatusOK},
		{ppl.kepalaDisdik.NIP, "/periksa?opd=" + id(ppl.dinkesOPD), http.StatusForbidden},
		{ppl.penilai.NIP, "/periksa", http.StatusForbidden},
		{ppl.staff.NIP, "/periksa", http.StatusForbidden},
	} {
		if r := a.clientAs(c.nip).get(c.path); r.status != c.want {
			t.Errorf("%s GET %s = %d, want %d", c.nip, c.path, r.status, c.want)
		}
	}
	r := a.clientAs(ppl.admin.NIP).get("/periksa")
	if !strings.Contains(r.text(), "Peserta tanpa penilai (1)") || !strings.Contains(r.text(), ppl.staff.Nama) || !strings.Contains(r.body, "/peserta/"+id(ppl.staff.ID)+`"`) {
		t.Errorf("admin's Periksa Data: %s", r.text())
	}
	// The kepala sees the finding in their OPD, linked to the profile; not another OPD's.
	k := a.clientAs(ppl.kepalaDisdik.NIP).get("/periksa")
	if !strings.Contains(k.text(), ppl.staff.Nama) || !strings.Contains(k.body, `href="/pegawai/`+id(ppl.staff.ID)+`"`) {
		t.Errorf("kepala's Periksa Data: %s", k.text())
	}
	if d := a.clientAs(ppl.admin.NIP).get("/periksa?opd=" + id(ppl.dinkesOPD)); strings.Contains(d.text(), ppl.staff.Nama) {
		t.Error("the Dinkes check lists a Disdik participant")
	}
	// The admin's Beranda counts the findings.
	if b := a.clientAs(ppl.admin.NIP).get("/"); !strings.Contains(b.text(), "Periksa Data") || !strings.Contains(b.text(), "Peserta tanpa penilai: 1") {
		t.Errorf("Beranda: %s", b.text())
	}
}
