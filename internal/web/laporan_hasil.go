package web

// The result reports: Penilaian, Rekap Predikat, Rekonsiliasi and Antartahun.

import (
	"net/http"
	"strconv"

	"kinerja/internal/laporan"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// checkinName is the check-in's label, "Tahunan" for the year.
func (q laporanReq) checkinName() string { return checkinLabel(q.cs, max(q.checkin, 0)) }

// penilaianRows counts the rating facts by row and in total.
func (s *Server) penilaianRows(r *http.Request, q laporanReq) (map[int64]*laporan.BarisPenilaian, *laporan.BarisPenilaian, error) {
	facts, err := s.store.Period(q.per.ID).LaporanPenilaian(r.Context(), q.query())
	if err != nil {
		return nil, nil, err
	}
	rows := map[int64]*laporan.BarisPenilaian{}
	total := &laporan.BarisPenilaian{}
	for _, x := range facts {
		if rows[x.Key] == nil {
			rows[x.Key] = &laporan.BarisPenilaian{}
		}
		rows[x.Key].Add(x.FaktaPenilaian)
		total.Add(x.FaktaPenilaian)
	}
	return rows, total, nil
}

// kurvaCell says whether an OPD's distribution keeps its bounds.
func kurvaCell(d penilaian.Distribusi) string {
	switch {
	case d.OrgPredikat == "":
		return "Predikat organisasi belum ditetapkan"
	case d.Dinilai == 0:
		return "Belum ada predikat"
	}
	if b := d.Pelanggaran(); len(b) > 0 {
		return "Melanggar " + view.Angka(len(b)) + " batas"
	}
	return "Sesuai batas"
}

// predikatChart is the distribution of counts as a chart.
func predikatChart(title string, counts map[penilaian.Predikat]int, n int) view.BarChart {
	c := view.BarChart{Title: title}
	for _, p := range penilaian.PredikatList {
		b := persenBar(string(p), counts[p], n)
		b.Text = view.Angka(counts[p]) + " (" + persenDari(counts[p], n) + ")"
		c.Bars = append(c.Bars, b)
	}
	return c
}

// laporanPenilaian is the Penilaian report at a check-in or the year.
func (s *Server) laporanPenilaian(r *http.Request, q laporanReq, v *view.LaporanPage) error {
	rows, total, err := s.penilaianRows(r, q)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		v.Empty = "Tidak ada peserta yang sesuai filter."
		return nil
	}
	ps := s.store.Period(q.per.ID)
	org, err := ps.OPDPredikat(r.Context())
	if err != nil {
		return err
	}
	mode := penilaian.Pembulatan(q.per.Settings.KurvaPembulatan)
	heads := []string{q.rowHead(), "#Peserta aktif", "#Dengan SKP disetujui", "#Dinilai", "#Ditetapkan", "#Keberatan diajukan", "#Keberatan diputus"}
	for _, p := range penilaian.PredikatList {
		heads = append(heads, "#"+string(p))
	}
	byOPD := q.filter.Level() == laporan.LevelOPD
	if byOPD {
		heads = append(heads, "Kurva distribusi")
	}
	label := q.checkinName()
	v.Table = view.LaporanTable{ID: "ringkasan", Caption: "Penilaian " + label + " per " + lower(q.rowHead()), Heads: append(heads, statusHeads...)}
	cells := func(b *laporan.BarisPenilaian, kurva string) []string {
		c := []string{view.Angka(b.Aktif), view.Angka(b.DenganSKP), jumlahPersen(b.Dinilai, b.DenganSKP), jumlahPersen(b.Ditetapkan, b.DenganSKP),
			view.Angka(b.KeberatanDiajukan), view.Angka(b.KeberatanDiputus)}
		for _, p := range penilaian.PredikatList {
			c = append(c, jumlahPersen(b.Predikat[p], b.Dinilai))
		}
		if byOPD {
			c = append(c, kurva)
		}
		return append(c, statusCells(b.Hitung)...)
	}
	for _, k := range q.orderedKeys(func(id int64) bool { return rows[id] != nil }) {
		name, href := q.rowLabel(k)
		v.Table.Rows = append(v.Table.Rows, view.LaporanRow{Label: name, Href: href, Cells: cells(rows[k], kurvaCell(rows[k].Distribusi(org[k], mode)))})
	}
	v.Table.Total = &view.LaporanRow{Label: "Jumlah", Cells: cells(total, "–")}
	scope := "seluruh pemda"
	if q.filter.OPDID != 0 {
		scope = q.opd[q.filter.OPDID]
	}
	v.Chart = predikatChart("Sebaran predikat "+label+", "+scope, total.Predikat, total.Dinilai)
	if q.filter.Level() == laporan.LevelUnit {
		k := kurvaView(total.Distribusi(org[q.filter.OPDID], mode), scope)
		v.Kurva = &k
	}
	v.Downloads = s.downloads(q, "xlsx", "csv")
	if byOPD {
		return nil
	}
	penilai, err := ps.LaporanPenilai(r.Context(), q.query())
	if err != nil {
		return err
	}
	belum := daftar{t: view.LaporanTable{ID: "penilai-belum", Caption: "Penilai yang belum selesai, " + label,
		Heads: []string{"Penilai", "#Bawahan dengan SKP disetujui", "#Dinilai", "#Ditetapkan"}}}
	for _, x := range penilai {
		if !laporan.Selesai(x.DenganSKP, x.Ditetapkan) {
			belum.add(view.LaporanRow{Label: x.Nama, Sub: view.NIP(x.NIP), Cells: []string{view.Angka(x.DenganSKP), view.Angka(x.Dinilai), view.Angka(x.Ditetapkan)}})
		}
	}
	v.Lists = append(v.Lists, belum.done("Semua penilai sudah menetapkan penilaian "+label+"."))
	return nil
}

// laporanRekap is the official rekap predikat: published counts by row, and at the
// unit level the named list.
func (s *Server) laporanRekap(r *http.Request, q laporanReq, v *view.LaporanPage) error {
	rows, total, err := s.penilaianRows(r, q)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		v.Empty = "Tidak ada peserta yang sesuai filter."
		return nil
	}
	label := q.checkinName()
	v.Intro = "Rekap resmi: hanya predikat yang sudah ditetapkan. Peserta yang dikeluarkan dan masa tugas sebelum mutasi tidak termasuk."
	heads := []string{q.rowHead(), "#Peserta", "#Ditetapkan"}
	for _, p := range penilaian.PredikatList {
		heads = append(heads, "#"+string(p))
	}
	v.Table = view.LaporanTable{ID: "ringkasan", Caption: "Rekap predikat " + label + " per " + lower(q.rowHead()), Heads: append(heads, "#"+laporan.BelumDitetapkan)}
	cells := func(b *laporan.BarisPenilaian) []string {
		n := b.Aktif + b.Nonaktif
		c := []string{view.Angka(n), view.Angka(b.Ditetapkan)}
		for _, p := range penilaian.PredikatList {
			c = append(c, jumlahPersen(b.Resmi[p], b.Ditetapkan))
		}
		return append(c, view.Angka(n-b.Ditetapkan))
	}
	for _, k := range q.orderedKeys(func(id int64) bool { return rows[id] != nil }) {
		name, href := q.rowLabel(k)
		v.Table.Rows = append(v.Table.Rows, view.LaporanRow{Label: name, Href: href, Cells: cells(rows[k])})
	}
	v.Table.Total = &view.LaporanRow{Label: "Jumlah", Cells: cells(total)}
	v.Chart = predikatChart("Predikat "+label+" yang ditetapkan", total.Resmi, total.Ditetapkan)
	v.Downloads = s.downloads(q, "xlsx", "csv", "cetak", "pdf")
	if q.filter.Level() == laporan.LevelOPD {
		return nil
	}
	list := daftar{t: view.LaporanTable{ID: "rekap", Caption: "Rekap predikat " + label, Heads: []string{"Pegawai", "Golongan", "Unit kerja", "Predikat"}}}
	err = s.store.Period(q.per.ID).LaporanOrang(r.Context(), q.query(), func(o store.OrangLaporan) error {
		if laporan.MasukRekap(o.Status()) {
			list.add(orangRow(o, o.Golongan, o.Unit, o.Rekap(q.per.Settings.Tahun).PredikatResmi()))
		}
		return nil
	})
	v.Lists = append(v.Lists, list.done("Tidak ada peserta."))
	return err
}

// laporanRekonsiliasi is the year's file for the national system: what it holds and
// its download.
func (s *Server) laporanRekonsiliasi(r *http.Request, q laporanReq, v *view.LaporanPage) error {
	q.checkin = 0
	rows, total, err := s.penilaianRows(r, q)
	if err != nil {
		return err
	}
	v.Intro = "Berkas rekonsiliasi untuk unggahan e-Kinerja/SIASN: satu baris per peserta dengan predikat tahunan " + strconv.Itoa(q.per.Settings.Tahun) +
		" yang sudah ditetapkan. Kolom: " + view.Daftar(laporan.Header(laporan.KolomRekonsiliasi)) + "."
	if len(rows) == 0 {
		v.Empty = "Tidak ada peserta yang sesuai filter."
		return nil
	}
	v.Table = view.LaporanTable{ID: "ringkasan", Caption: "Predikat tahunan per " + lower(q.rowHead()),
		Heads: []string{q.rowHead(), "#Peserta", "#Predikat tahunan ditetapkan", "#" + laporan.BelumDitetapkan}}
	cells := func(b *laporan.BarisPenilaian) []string {
		n := b.Aktif + b.Nonaktif
		return []string{view.Angka(n), jumlahPersen(b.Ditetapkan, n), view.Angka(n - b.Ditetapkan)}
	}
	v.Chart.Title = "Predikat tahunan ditetapkan (% peserta) per " + lower(q.rowHead())
	for _, k := range q.orderedKeys(func(id int64) bool { return rows[id] != nil }) {
		name, href := q.rowLabel(k)
		v.Table.Rows = append(v.Table.Rows, view.LaporanRow{Label: name, Href: href, Cells: cells(rows[k])})
		v.Chart.Bars = append(v.Chart.Bars, persenBar(name, rows[k].Ditetapkan, rows[k].Aktif+rows[k].Nonaktif))
	}
	v.Table.Total = &view.LaporanRow{Label: "Jumlah", Cells: cells(total)}
	if n := total.Aktif + total.Nonaktif - total.Ditetapkan; n > 0 {
		v.Notes = append(v.Notes, view.Angka(n)+" peserta belum memiliki predikat tahunan yang ditetapkan; barisnya ada di berkas dengan kolom predikat kosong.")
	}
	v.Downloads = s.downloads(q, "xlsx", "csv")
	return nil
}

// laporanAntartahun compares the published annual predikat across periods, and at
// the unit level each pegawai's.
func (s *Server) laporanAntartahun(r *http.Request, q laporanReq, v *view.LaporanPage) error {
	started := periode.StartedPhases()
	list, err := s.store.LaporanAntartahun(r.Context(), q.query(), started)
	if err != nil {
		return err
	}
	v.Intro = "Predikat tahunan yang sudah ditetapkan di setiap periode, menurut perangkat daerah dan unit kerja peserta pada periode itu."
	if len(list) == 0 {
		v.Empty = "Belum ada predikat tahunan yang ditetapkan untuk filter ini."
		return nil
	}
	years, byYear := antartahun(list)
	heads := []string{"Tahun", "#Ditetapkan"}
	for _, p := range penilaian.PredikatList {
		heads = append(heads, "#"+string(p))
	}
	v.Table = view.LaporanTable{ID: "ringkasan", Caption: "Predikat tahunan per periode", Heads: heads}
	v.Chart.Title = "Sangat Baik dan Baik (% yang ditetapkan) per tahun"
	for _, y := range years {
		n := 0
		for _, c := range byYear[y] {
			n += c
		}
		cells := []string{view.Angka(n)}
		for _, p := range penilaian.PredikatList {
			cells = append(cells, jumlahPersen(byYear[y][p], n))
		}
		v.Table.Rows = append(v.Table.Rows, view.LaporanRow{Label: strconv.Itoa(y), Cells: cells})
		v.Chart.Bars = append(v.Chart.Bars, persenBar(strconv.Itoa(y), byYear[y][penilaian.SangatBaik]+byYear[y][penilaian.Baik], n))
	}
	if q.filter.Level() != laporan.LevelPegawai {
		v.Notes = append(v.Notes, "Pilih unit kerja untuk melihat predikat setiap pegawai dari tahun ke tahun.")
		return nil
	}
	var people []store.OrangLaporan
	var ids []int64
	q.checkin = 0
	if err := s.store.Period(q.per.ID).LaporanOrang(r.Context(), q.query(), func(o store.OrangLaporan) error {
		if laporan.MasukRekap(o.Status()) {
			people = append(people, o)
			ids = append(ids, o.PegawaiID)
		}
		return nil
	}); err != nil {
		return err
	}
	hist, err := s.store.PredikatAntartahun(r.Context(), ids, started)
	if err != nil {
		return err
	}
	got := map[int64]map[int]string{}
	for _, h := range hist {
		if got[h.PegawaiID] == nil {
			got[h.PegawaiID] = map[int]string{}
		}
		got[h.PegawaiID][h.Tahun] = h.Predikat
	}
	t := daftar{t: view.LaporanTable{ID: "pegawai", Caption: "Predikat tahunan pegawai " + q.unit[q.filter.UnitID], Heads: []string{"Pegawai"}}}
	for _, y := range years {
		t.t.Heads = append(t.t.Heads, strconv.Itoa(y))
	}
	for _, o := range people {
		var cells []string
		for _, y := range years {
			cells = append(cells, orDash(got[o.PegawaiID][y]))
		}
		t.add(orangRow(o, cells...))
	}
	v.Lists = append(v.Lists, t.done("Tidak ada pegawai di unit ini."))
	return nil
}

// antartahun arranges the counts by year, in the order given.
func antartahun(list []store.TahunPredikat) ([]int, map[int]map[penilaian.Predikat]int) {
	byYear := map[int]map[penilaian.Predikat]int{}
	var years []int
	for _, x := range list {
		if byYear[x.Tahun] == nil {
			byYear[x.Tahun] = map[penilaian.Predikat]int{}
			years = append(years, x.Tahun)
		}
		byYear[x.Tahun][x.Predikat] += x.N
	}
	return years, byYear
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// laporanTunggakan lists the escalations: penilai who still owed decisions or
// ratings days after a deadline, per deadline, with a chart per OPD.
func (s *Server) laporanTunggakan(r *http.Request, q laporanReq, v *view.LaporanPage) error {
	list, err := s.store.Period(q.per.ID).DaftarTunggakan(r.Context(), q.query())
	if err != nil {
		return err
	}
	v.Intro = "Tugas pejabat penilai yang masih tertunda " + strconv.Itoa(q.per.Settings.EskalasiHari) +
		" hari setelah tenggat dan sudah dilaporkan kepada atasannya (eskalasi). Pengingat sebelum tenggat dikirim " +
		periode.FormatPengingat(q.per.Settings.Pengingat) + " hari sebelumnya."
	if len(list) == 0 {
		v.Empty = "Belum ada tunggakan yang dieskalasi pada periode ini."
		return nil
	}
	v.Table = view.LaporanTable{ID: "tunggakan", Caption: "Tunggakan pejabat penilai",
		Heads: []string{"Penilai", "Tenggat", "Perangkat daerah", "#SKP menunggu keputusan", "#Bawahan belum dinilai", "Dilaporkan kepada", "Dilaporkan"}}
	perOPD := map[string]int{}
	var order []string
	for _, x := range list {
		v.Table.Rows = append(v.Table.Rows, view.LaporanRow{Label: x.Penilai + " (" + view.NIP(x.PenilaiNIP) + ")", Href: profileHref(x.PenilaiID),
			Cells: []string{x.Label + " (" + view.Tanggal(x.Tanggal) + ")", x.OPD, view.Angka(x.Menunggu),
				view.Angka(x.BelumDinilai), x.Atasan, view.Waktu(x.CreatedAt.In(s.loc))}})
		if _, ok := perOPD[x.OPD]; !ok {
			order = append(order, x.OPD)
		}
		perOPD[x.OPD]++
	}
	v.Chart.Title = "Penilai dengan tunggakan per perangkat daerah"
	for _, o := range order {
		v.Chart.Bars = append(v.Chart.Bars, view.Bar{Label: o, Value: perOPD[o]})
	}
	v.Downloads = s.downloads(q, "xlsx", "csv")
	return nil
}
