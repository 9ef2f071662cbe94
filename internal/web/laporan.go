package web

// The Laporan pages: one page per report (laporan.Reports), scoped to the viewer
// (laporan.ScopeOf), with a GET filter, a drill-down from OPD to unit to named
// pegawai, a chart beside its table, and downloads with the same filter.

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
	"kinerja/internal/laporan"
	"kinerja/internal/org"
	"kinerja/internal/periode"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// viewerOf is the principal as the Laporan rules see them.
func viewerOf(p auth.Principal) laporan.Viewer {
	return laporan.Viewer{AdminBKD: p.Roles.AdminBKD, KepalaOPD: p.Roles.KepalaOPD, Penilai: p.Roles.Penilai, OPDID: p.OPDID, PegawaiID: p.PegawaiID}
}

// hasLaporan reports whether the principal has Laporan pages.
func hasLaporan(p auth.Principal) bool { _, ok := laporan.ScopeOf(viewerOf(p)); return ok }

// laporanReq is a report request, read and narrowed to the viewer.
type laporanReq struct {
	jenis   laporan.Jenis
	scope   laporan.Scope
	per     periode.Periode
	periods []periode.Periode
	cs      []periode.Checkin
	checkin int // store.Rencana for the plan report
	filter  laporan.Filter
	errs    map[string]string
	opds    []org.OPD
	opd     map[int64]string
	units   []org.Unit // of the filter's OPD
	unit    map[int64]string
	jabatan [][2]string
	today   string
}

func (q laporanReq) query() store.LaporanQuery {
	return store.LaporanQuery{Filter: q.filter, Scope: q.scope, Checkin: q.checkin}
}

// href is the report at path with filter f and the request's period and check-in.
func (q laporanReq) href(path string, f laporan.Filter) string {
	v := url.Values{}
	if q.per.ID != q.periods[0].ID {
		v.Set("tahun", strconv.Itoa(q.per.Settings.Tahun))
	}
	if q.jenis.PerCheckin() {
		v.Set("ke", strconv.Itoa(q.checkin))
	}
	set := func(k string, id int64) {
		if id != 0 {
			v.Set(k, strconv.FormatInt(id, 10))
		}
	}
	set(laporan.FieldOPD, f.OPDID)
	set(laporan.FieldUnit, f.UnitID)
	for k, x := range map[string]string{laporan.FieldJabatan: f.JenisJabatan, laporan.FieldASN: f.JenisASN, laporan.FieldStatus: string(f.Status)} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

func laporanPath(j laporan.Jenis) string { return "/laporan/" + string(j) }

// laporanRequest reads the report, the period, the check-in and the filter, and
// narrows the filter to the viewer's scope. It answers itself (and returns false) for
// an unknown report, a viewer without Laporan, a filter outside the scope, or no
// started period; a malformed filter comes back in errs, to be shown at 422.
func (s *Server) laporanRequest(w http.ResponseWriter, r *http.Request) (laporanReq, bool) {
	var q laporanReq
	var ok bool
	if q.jenis, ok = laporan.ParseJenis(chi.URLParam(r, "jenis")); !ok {
		s.notFound(w, r)
		return q, false
	}
	p, _ := principal(r)
	if q.scope, ok = laporan.ScopeOf(viewerOf(p)); !ok {
		s.forbidden(w, r)
		return q, false
	}
	ctx := r.Context()
	var err error
	if q.periods, err = s.store.StartedPeriods(ctx); err != nil {
		s.fail(w, r, err)
		return q, false
	}
	if len(q.periods) == 0 {
		s.render(w, r, http.StatusOK, page{title: "Laporan", active: "/laporan", body: view.Empty("Belum ada periode penilaian yang dibuka.")})
		return q, false
	}
	qs := r.URL.Query()
	q.per = q.periods[0]
	q.errs = map[string]string{}
	if t := qs.Get("tahun"); t != "" {
		found := false
		for _, x := range q.periods {
			if strconv.Itoa(x.Settings.Tahun) == t {
				q.per, found = x, true
			}
		}
		if !found {
			q.errs["tahun"] = "Pilih periode dari daftar."
		}
	}
	q.cs = periode.Checkins(q.per.Settings)
	q.today = view.Tanggal(s.today())
	switch q.jenis {
	case laporan.Perencanaan:
		q.checkin = store.Rencana
	case laporan.Pelaksanaan:
		q.checkin = periode.CheckinAsked(qs.Get("ke"), q.cs, s.today())
	case laporan.Penilaian, laporan.Rekap:
		q.checkin = periode.RatingCheckin(qs.Get("ke"), q.per.Fase, q.cs, s.today())
	}
	if q.jabatan, err = s.store.JenisJabatan(ctx); err != nil {
		s.fail(w, r, err)
		return q, false
	}
	codes := make([]string, len(q.jabatan))
	for i, j := range q.jabatan {
		codes[i] = j[0]
	}
	f, errs := laporan.ParseFilter(qs.Get, codes)
	for k, v := range errs {
		q.errs[k] = v
	}
	if q.opds, err = s.store.ListOPD(ctx); err != nil {
		s.fail(w, r, err)
		return q, false
	}
	q.opd = map[int64]string{}
	for _, o := range q.opds {
		q.opd[o.ID] = o.Nama
	}
	if f.OPDID != 0 && q.opd[f.OPDID] == "" {
		if !q.scope.Pemda {
			s.forbidden(w, r)
			return q, false
		}
		q.errs[laporan.FieldOPD], f.OPDID, f.UnitID = "Perangkat daerah itu tidak ditemukan.", 0, 0
	}
	var unitOPD int64
	if f.UnitID != 0 {
		u, err := s.store.GetUnit(ctx, f.UnitID)
		switch {
		case apperr.Is(err, apperr.NotFound):
			q.errs[laporan.FieldUnit], f.UnitID = "Unit kerja itu tidak ditemukan.", 0
		case err != nil:
			s.fail(w, r, err)
			return q, false
		default:
			unitOPD = u.OPDID
		}
	}
	if q.filter, err = q.scope.Narrow(f, unitOPD); err != nil {
		if e := apperr.As(err); e != nil && e.Code == apperr.Invalid {
			for k, v := range e.Fields {
				q.errs[k] = v
			}
			q.filter, _ = q.scope.Narrow(laporan.Filter{OPDID: f.OPDID, JenisJabatan: f.JenisJabatan, JenisASN: f.JenisASN, Status: f.Status}, 0)
		} else {
			s.fail(w, r, err)
			return q, false
		}
	}
	q.unit = map[int64]string{}
	if q.filter.OPDID != 0 {
		if q.units, err = s.store.UnitTree(ctx, q.filter.OPDID); err != nil {
			s.fail(w, r, err)
			return q, false
		}
		for _, u := range q.units {
			q.unit[u.ID] = u.Nama
		}
	}
	return q, true
}

// laporanIndex opens the first report.
func (s *Server) laporanIndex(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, laporanPath(laporan.Perencanaan), http.StatusSeeOther)
}

// laporanPage renders one report.
func (s *Server) laporanPage(w http.ResponseWriter, r *http.Request) {
	q, ok := s.laporanRequest(w, r)
	if !ok {
		return
	}
	v := s.laporanFrame(q)
	status := http.StatusOK
	if len(q.errs) > 0 {
		v.Errors, v.Message, v.Empty = q.errs, "Periksa kembali filter yang ditandai.", "Laporan ditampilkan setelah filter diperbaiki."
		status = http.StatusUnprocessableEntity
	} else {
		var err error
		switch q.jenis {
		case laporan.Perencanaan:
			err = s.laporanRencana(r, q, &v)
		case laporan.Pelaksanaan:
			err = s.laporanPelaksanaan(r, q, &v)
		case laporan.Penilaian:
			err = s.laporanPenilaian(r, q, &v)
		case laporan.Rekap:
			err = s.laporanRekap(r, q, &v)
		case laporan.Rekonsiliasi:
			err = s.laporanRekonsiliasi(r, q, &v)
		case laporan.Antartahun:
			err = s.laporanAntartahun(r, q, &v)
		case laporan.Tunggakan:
			err = s.laporanTunggakan(r, q, &v)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, status, page{title: "Laporan " + q.jenis.Label(), active: "/laporan", body: view.LaporanView(v)})
}

// laporanFrame is what every report shows: the tabs, the filter and the path.
func (s *Server) laporanFrame(q laporanReq) view.LaporanPage {
	v := view.LaporanPage{Title: "Laporan " + q.jenis.Label() + " " + strconv.Itoa(q.per.Settings.Tahun), Errors: map[string]string{}}
	if q.jenis == laporan.Antartahun {
		v.Title = "Laporan " + q.jenis.Label()
	}
	for _, j := range laporan.Reports {
		v.Reports = append(v.Reports, view.Option{Value: q.href(laporanPath(j), q.filter), Label: j.Label(), Selected: j == q.jenis})
	}
	f := &v.Filter
	f.Action = laporanPath(q.jenis)
	if q.jenis != laporan.Antartahun {
		for _, x := range q.periods {
			f.Periode = append(f.Periode, view.Option{Value: strconv.Itoa(x.Settings.Tahun), Label: strconv.Itoa(x.Settings.Tahun) + " (" + x.Fase.Label() + ")", Selected: x.ID == q.per.ID})
		}
	}
	if q.jenis.PerCheckin() {
		for _, c := range q.cs {
			f.Checkin = append(f.Checkin, view.Option{Value: strconv.Itoa(c.No), Label: c.Label, Selected: c.No == q.checkin})
		}
		if q.jenis != laporan.Pelaksanaan {
			f.Checkin = append(f.Checkin, view.Option{Value: "0", Label: "Tahunan", Selected: q.checkin == periode.Year})
		}
	}
	f.ShowOPD = q.scope.Pemda
	for _, o := range q.opds {
		f.OPD = append(f.OPD, view.Option{Value: strconv.FormatInt(o.ID, 10), Label: o.Nama, Selected: o.ID == q.filter.OPDID})
	}
	for _, u := range q.units {
		f.Unit = append(f.Unit, view.Option{Value: strconv.FormatInt(u.ID, 10), Label: u.Nama, Selected: u.ID == q.filter.UnitID})
	}
	for _, j := range q.jabatan {
		f.Jabatan = append(f.Jabatan, view.Option{Value: j[0], Label: j[1], Selected: j[0] == q.filter.JenisJabatan})
	}
	for _, a := range laporan.JenisASN {
		f.ASN = append(f.ASN, view.Option{Value: a, Label: a, Selected: a == q.filter.JenisASN})
	}
	for _, st := range laporan.Statuses {
		f.Status = append(f.Status, view.Option{Value: string(st), Label: st.Label(), Selected: st == q.filter.Status})
	}
	path := laporanPath(q.jenis)
	if q.scope.Pemda {
		v.Path = append(v.Path, view.Crumb{Label: "Seluruh pemda", Href: q.href(path, laporan.Filter{JenisJabatan: q.filter.JenisJabatan, JenisASN: q.filter.JenisASN, Status: q.filter.Status})})
	}
	if q.filter.OPDID != 0 {
		up := q.filter
		up.UnitID = 0
		v.Path = append(v.Path, view.Crumb{Label: q.opd[q.filter.OPDID], Href: q.href(path, up)})
	}
	if q.filter.UnitID != 0 {
		v.Path = append(v.Path, view.Crumb{Label: q.unit[q.filter.UnitID], Href: q.href(path, q.filter)})
	}
	if q.scope.AtasanID != 0 {
		v.Intro = "Cakupan Anda: pegawai yang Anda nilai dan bawahan mereka."
	} else {
		v.Related = append(v.Related, view.Crumb{Label: "Periksa Data", Href: "/periksa"})
		if q.filter.OPDID != 0 {
			v.Related = append(v.Related, view.Crumb{Label: "Kurva distribusi OPD", Href: "/penilaian/opd?opd=" + strconv.FormatInt(q.filter.OPDID, 10)})
			if q.per.Settings.Kalibrasi == periode.KalibrasiOPD {
				v.Related = append(v.Related, view.Crumb{Label: "Kalibrasi OPD", Href: "/kalibrasi?opd=" + strconv.FormatInt(q.filter.OPDID, 10)})
			}
		}
	}
	return v
}

// rowLabel is the name of a row's key at the request's level, and the link one level
// down.
func (q laporanReq) rowLabel(key int64) (string, string) {
	f := q.filter
	if f.Level() == laporan.LevelOPD {
		f.OPDID = key
		return q.opd[key], q.href(laporanPath(q.jenis), f)
	}
	f.UnitID = key
	name := q.unit[key]
	if name == "" {
		name = "Unit kerja " + strconv.FormatInt(key, 10)
	}
	if q.filter.UnitID == key {
		return name, ""
	}
	return name, q.href(laporanPath(q.jenis), f)
}

// rowHead is the first column's title at the request's level.
func (q laporanReq) rowHead() string {
	if q.filter.Level() == laporan.LevelOPD {
		return "Perangkat daerah"
	}
	return "Unit kerja"
}

// orderedKeys lists the keys present in rows in the order of the OPD list or the
// unit tree, then any other.
func (q laporanReq) orderedKeys(present func(int64) bool) []int64 {
	var out []int64
	seen := map[int64]bool{}
	add := func(id int64) {
		if present(id) && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if q.filter.Level() == laporan.LevelOPD {
		for _, o := range q.opds {
			add(o.ID)
		}
	} else {
		for _, u := range q.units {
			add(u.ID)
		}
	}
	return out
}

func jumlahPersen(n, base int) string {
	if p, ok := laporan.Bagian(n, base); ok {
		return view.Angka(n) + " (" + view.Persen(p) + ")"
	}
	return view.Angka(n)
}

func persenDari(n, base int) string {
	if p, ok := laporan.Bagian(n, base); ok {
		return view.Persen(p)
	}
	return "–"
}

func persenBar(label string, n, base int) view.Bar {
	p, _ := laporan.Bagian(n, base)
	return view.Bar{Label: label, Value: int(p*10 + 0.5), Text: persenDari(n, base)}
}

func statusCells(h laporan.Hitung) []string {
	return []string{view.Angka(h.Dikeluarkan), view.Angka(h.Nonaktif), view.Angka(h.Dipindahkan)}
}

var statusHeads = []string{"#Dikeluarkan", "#Nonaktif", "#Dipindahkan"}

// maxDaftar is how many names a list on the page shows; the download has them all.
const maxDaftar = 100

// daftar is a named list: the first maxDaftar rows, with a note for the rest.
type daftar struct {
	t view.LaporanTable
	n int
}

func (d *daftar) add(r view.LaporanRow) {
	d.n++
	if d.n <= maxDaftar {
		d.t.Rows = append(d.t.Rows, r)
	}
}

func (d *daftar) done(empty string) view.LaporanTable {
	switch {
	case d.n == 0:
		d.t.Note = empty
	case d.n > maxDaftar:
		d.t.Note = "Menampilkan " + view.Angka(maxDaftar) + " dari " + view.Angka(d.n) + " orang; daftar lengkap ada di Unduh Excel."
	}
	return d.t
}

func orangRow(o store.OrangLaporan, cells ...string) view.LaporanRow {
	return view.LaporanRow{Label: o.Nama, Href: profileHref(o.PegawaiID), Sub: view.NIP(o.NIP) + " · " + o.Jabatan, Cells: cells}
}

func (s *Server) downloads(q laporanReq, kinds ...string) []view.Crumb {
	var out []view.Crumb
	for _, k := range kinds {
		switch k {
		case "xlsx":
			out = append(out, view.Crumb{Label: "Unduh Excel", Href: q.href(laporanPath(q.jenis)+"/unduh.xlsx", q.filter)})
		case "csv":
			out = append(out, view.Crumb{Label: "Unduh CSV", Href: q.href(laporanPath(q.jenis)+"/unduh.csv", q.filter)})
		case "cetak":
			out = append(out, view.Crumb{Label: "Cetak", Href: q.href(laporanPath(q.jenis)+"/cetak", q.filter)})
		case "pdf":
			out = append(out, view.Crumb{Label: "Unduh PDF", Href: q.href(laporanPath(q.jenis)+"/cetak.pdf", q.filter)})
		}
	}
	return out
}

// laporanRencana is the Perencanaan report.
func (s *Server) laporanRencana(r *http.Request, q laporanReq, v *view.LaporanPage) error {
	facts, err := s.store.Period(q.per.ID).LaporanRencana(r.Context(), q.query())
	if err != nil {
		return err
	}
	rows := map[int64]*laporan.BarisRencana{}
	total := &laporan.BarisRencana{}
	for _, x := range facts {
		if rows[x.Key] == nil {
			rows[x.Key] = &laporan.BarisRencana{}
		}
		rows[x.Key].Add(x.Flags, x.Status, x.N)
		total.Add(x.Flags, x.Status, x.N)
	}
	if len(rows) == 0 {
		v.Empty = "Tidak ada peserta yang sesuai filter."
		return nil
	}
	heads := []string{q.rowHead(), "#Peserta aktif"}
	for _, st := range laporan.StatusesRencana {
		heads = append(heads, "#"+st.Label())
	}
	v.Table = view.LaporanTable{ID: "ringkasan", Caption: "Status SKP per " + lower(q.rowHead()), Heads: append(heads, statusHeads...)}
	cells := func(b *laporan.BarisRencana) []string {
		c := []string{view.Angka(b.Aktif)}
		for _, st := range laporan.StatusesRencana {
			c = append(c, jumlahPersen(b.Status[st], b.Aktif))
		}
		return append(c, statusCells(b.Hitung)...)
	}
	v.Chart.Title = "SKP disetujui (% peserta aktif) per " + lower(q.rowHead())
	for _, k := range q.orderedKeys(func(id int64) bool { return rows[id] != nil }) {
		label, href := q.rowLabel(k)
		v.Table.Rows = append(v.Table.Rows, view.LaporanRow{Label: label, Href: href, Cells: cells(rows[k])})
		v.Chart.Bars = append(v.Chart.Bars, persenBar(label, rows[k].Status[laporan.Disetujui], rows[k].Aktif))
	}
	v.Table.Total = &view.LaporanRow{Label: "Jumlah", Cells: cells(total)}
	tenggat := q.per.Settings.TenggatPerencanaan
	lewat := laporan.Terlambat(tenggat, s.today(), false)
	switch {
	case tenggat.IsZero():
		v.Notes = append(v.Notes, "Tenggat perencanaan belum ditetapkan.")
	case lewat:
		v.Notes = append(v.Notes, "Tenggat perencanaan "+view.Tanggal(tenggat)+" sudah lewat: "+view.Angka(total.Aktif-total.Status[laporan.Disetujui])+" peserta aktif belum memiliki SKP yang disetujui.")
	default:
		v.Notes = append(v.Notes, "Tenggat perencanaan: "+view.Tanggal(tenggat)+".")
	}
	v.Downloads = s.downloads(q, "xlsx", "csv")
	if q.filter.Level() == laporan.LevelOPD {
		return nil
	}
	// The named lists: those not approved (late once the deadline passed), and at the
	// unit level everyone.
	caption := "SKP belum disetujui"
	if lewat {
		caption = "Terlambat: SKP belum disetujui setelah tenggat " + view.Tanggal(tenggat)
	}
	late := daftar{t: view.LaporanTable{ID: "terlambat", Caption: caption, Heads: []string{"Pegawai", "Unit kerja", "Status SKP"}}}
	all := daftar{t: view.LaporanTable{ID: "peserta", Caption: "Peserta", Heads: []string{"Pegawai", "Status peserta", "Status SKP"}}}
	err = s.store.Period(q.per.ID).LaporanOrang(r.Context(), q.query(), func(o store.OrangLaporan) error {
		if o.Status() == laporan.Aktif && o.Rencana != laporan.Disetujui {
			late.add(orangRow(o, o.Unit, o.Rencana.Label()))
		}
		if q.filter.Level() == laporan.LevelPegawai {
			all.add(orangRow(o, o.Status().Label(), o.Rencana.Label()))
		}
		return nil
	})
	v.Lists = append(v.Lists, late.done("Semua peserta aktif sudah memiliki SKP yang disetujui."))
	if q.filter.Level() == laporan.LevelPegawai {
		v.Lists = append(v.Lists, all.done(""))
	}
	return err
}

func lower(s string) string {
	if s == "Perangkat daerah" {
		return "perangkat daerah"
	}
	return "unit kerja"
}

// laporanPelaksanaan is the Pelaksanaan report at a check-in.
func (s *Server) laporanPelaksanaan(r *http.Request, q laporanReq, v *view.LaporanPage) error {
	ps := s.store.Period(q.per.ID)
	facts, err := ps.LaporanPelaksanaan(r.Context(), q.query())
	if err != nil {
		return err
	}
	rows := map[int64]*laporan.BarisPelaksanaan{}
	total := &laporan.BarisPelaksanaan{}
	for _, x := range facts {
		if rows[x.Key] == nil {
			rows[x.Key] = &laporan.BarisPelaksanaan{}
		}
		rows[x.Key].Add(x.FaktaPelaksanaan)
		total.Add(x.FaktaPelaksanaan)
	}
	if len(rows) == 0 {
		v.Empty = "Tidak ada peserta yang sesuai filter."
		return nil
	}
	label := q.cs[q.checkin-1].Label
	v.Table = view.LaporanTable{ID: "ringkasan", Caption: "Pelaksanaan " + label + " per " + lower(q.rowHead()),
		Heads: append([]string{q.rowHead(), "#Peserta aktif", "#Dengan SKP disetujui", "#Realisasi terisi (IKI)", "#Realisasi lengkap",
			"#IKI dengan bukti", "#Mendapat umpan balik"}, statusHeads...)}
	cells := func(b *laporan.BarisPelaksanaan) []string {
		return append([]string{view.Angka(b.Aktif), view.Angka(b.DenganSKP), persenDari(b.Terisi, b.IKI) + " (" + view.Angka(b.Terisi) + "/" + view.Angka(b.IKI) + ")",
			jumlahPersen(b.Lengkap, b.DenganSKP), persenDari(b.Berbukti, b.IKI), jumlahPersen(b.UmpanBalik, b.DenganSKP)}, statusCells(b.Hitung)...)
	}
	v.Chart.Title = "Realisasi terisi " + label + " (% IKI) per " + lower(q.rowHead())
	for _, k := range q.orderedKeys(func(id int64) bool { return rows[id] != nil }) {
		name, href := q.rowLabel(k)
		v.Table.Rows = append(v.Table.Rows, view.LaporanRow{Label: name, Href: href, Cells: cells(rows[k])})
		v.Chart.Bars = append(v.Chart.Bars, persenBar(name, rows[k].Terisi, rows[k].IKI))
	}
	v.Table.Total = &view.LaporanRow{Label: "Jumlah", Cells: cells(total)}
	c := q.cs[q.checkin-1]
	lewat := laporan.Terlambat(c.Selesai, s.today(), false)
	if lewat {
		v.Notes = append(v.Notes, label+" berakhir "+view.Tanggal(c.Selesai)+": "+view.Angka(total.DenganSKP-total.Lengkap)+" peserta belum melengkapi realisasi.")
	} else {
		v.Notes = append(v.Notes, label+" berakhir "+view.Tanggal(c.Selesai)+".")
	}
	v.Downloads = s.downloads(q, "xlsx", "csv")
	if q.filter.Level() == laporan.LevelOPD {
		return nil
	}
	penilai, err := ps.LaporanPenilai(r.Context(), q.query())
	if err != nil {
		return err
	}
	ub := view.LaporanTable{ID: "umpan-balik", Caption: "Umpan balik per penilai, " + label, Heads: []string{"Penilai", "#Bawahan dengan SKP disetujui", "#Mendapat umpan balik"}}
	for _, x := range penilai {
		if x.DenganSKP > 0 {
			ub.Rows = append(ub.Rows, view.LaporanRow{Label: x.Nama, Sub: view.NIP(x.NIP), Cells: []string{view.Angka(x.DenganSKP), jumlahPersen(x.UmpanBalik, x.DenganSKP)}})
		}
	}
	caption := "Realisasi belum lengkap"
	if lewat {
		caption = "Terlambat: realisasi " + label + " belum lengkap setelah " + view.Tanggal(c.Selesai)
	}
	late := daftar{t: view.LaporanTable{ID: "terlambat", Caption: caption, Heads: []string{"Pegawai", "Unit kerja", "#Realisasi terisi", "#IKI dengan bukti"}}}
	err = ps.LaporanOrang(r.Context(), q.query(), func(o store.OrangLaporan) error {
		if o.Status() == laporan.Aktif && o.SKPID != 0 && !laporan.Lengkap(o.IKI, o.Terisi) {
			late.add(orangRow(o, o.Unit, view.Angka(o.Terisi)+"/"+view.Angka(o.IKI), view.Angka(o.Berbukti)))
		}
		return nil
	})
	v.Lists = append(v.Lists, ub, late.done("Semua peserta dengan SKP disetujui sudah melengkapi realisasi."))
	return err
}
