package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
	"kinerja/internal/store"
	"kinerja/web/view"
)

func periodeHref(id int64) string { return "/periode/" + strconv.FormatInt(id, 10) }

func (s *Server) periodeList(w http.ResponseWriter, r *http.Request) {
	list, err := s.store.ListPeriode(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The period selector of the period pages: ?tahun=N&hal=peserta opens that page of
	// year N's period.
	if t := r.URL.Query().Get("tahun"); t != "" {
		hal := map[string]string{"peserta": "/peserta", "predikat": "/predikat"}[r.URL.Query().Get("hal")]
		for _, p := range list {
			if strconv.Itoa(p.Settings.Tahun) == t {
				http.Redirect(w, r, periodeHref(p.ID)+hal, http.StatusSeeOther)
				return
			}
		}
		s.fail(w, r, apperr.New(apperr.NotFound, "Periode tahun %s tidak ada.", t))
		return
	}
	var rows []view.PeriodeRow
	for _, p := range list {
		rows = append(rows, view.PeriodeRow{Href: periodeHref(p.ID), Tahun: strconv.Itoa(p.Settings.Tahun),
			Rentang: view.Tanggal(p.Settings.Mulai) + " – " + view.Tanggal(p.Settings.Selesai), Fase: p.Fase.Label(), Peserta: view.Angka(p.Peserta)})
	}
	s.render(w, r, http.StatusOK, page{title: "Periode", active: "/periode",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Periode"}}, body: view.PeriodeListPage(rows)})
}

// adminPeriodChoice is the selector of the Admin BKD's period pages (every period,
// drafts too): it opens page hal ("", "peserta", "predikat") of another period.
func (s *Server) adminPeriodChoice(r *http.Request, id int64, hal string) (view.PeriodChoice, error) {
	list, err := s.store.ListPeriode(r.Context())
	if err != nil {
		return view.PeriodChoice{}, err
	}
	var cur periode.Periode
	for _, x := range list {
		if x.ID == id {
			cur = x
		}
	}
	c := periodChoice(r, list, cur, "/periode")
	c.Param, c.Keep = "", nil // the page's own links carry the period's id
	if hal != "" {
		c.Keep = []view.Param{{Name: "hal", Value: hal}}
	}
	return c, nil
}

func settingsFields(in periode.SettingsInput) []view.FormField {
	jadwal := []view.Option{{Value: "triwulan", Label: "Triwulan (4 kali setahun)", Selected: in.Jadwal == "triwulan"},
		{Value: "bulanan", Label: "Bulanan (12 kali setahun)", Selected: in.Jadwal == "bulanan"}}
	return []view.FormField{
		{ID: "tahun", Label: "Tahun", Type: "number", Value: in.Tahun},
		{ID: "mulai", Label: "Tanggal mulai", Type: "date", Value: in.Mulai},
		{ID: "selesai", Label: "Tanggal selesai", Type: "date", Value: in.Selesai},
		{ID: "jadwal", Label: "Jadwal realisasi dan penilaian berkala", Type: "select", Options: jadwal},
		{ID: "keberatan_hari", Label: "Masa keberatan (hari)", Type: "number", Value: in.KeberatanHari, Hint: "sejak hasil penilaian ditetapkan"},
		{ID: "ambang_anonim", Label: "Ambang anonimitas umpan balik rekan kerja", Type: "number", Value: in.AmbangAnonim, Hint: "jumlah tanggapan paling sedikit sebelum agregat ditampilkan"},
		{ID: "kurva_pembulatan", Label: "Batas kurva distribusi pada unit kecil", Type: "select", Options: []view.Option{
			{Value: "persen", Label: penilaian.Persen.Label(), Selected: in.KurvaPembulatan != "orang"},
			{Value: "orang", Label: penilaian.Orang.Label(), Selected: in.KurvaPembulatan == "orang"}},
			Hint: "batas \"paling sedikit N%\" dengan N > 0 selalu memerlukan sedikitnya satu pegawai"},
		{ID: "kalibrasi", Label: "Cara menetapkan sebaran predikat", Type: "select", Options: []view.Option{
			{Value: string(periode.KalibrasiOPD), Label: periode.KalibrasiOPD.Label(), Selected: in.Kalibrasi != string(periode.KalibrasiPenilai)},
			{Value: string(periode.KalibrasiPenilai), Label: periode.KalibrasiPenilai.Label(), Selected: in.Kalibrasi == string(periode.KalibrasiPenilai)}},
			Hint: "batas kurva SE MenPANRB 3/2023 berlaku untuk perangkat daerah; tidak dapat diubah setelah ada penilaian yang diusulkan atau ditetapkan"},
		{ID: "tenggat_perencanaan", Label: "Tenggat perencanaan (SKP disetujui)", Type: "date", Value: in.TenggatPerencanaan},
		{ID: "tenggat_pelaksanaan", Label: "Tenggat pelaksanaan", Type: "date", Value: in.TenggatPelaksanaan},
		{ID: "tenggat_penilaian", Label: "Tenggat penilaian", Type: "date", Value: in.TenggatPenilaian},
		{ID: "pengingat", Label: "Pengingat (hari sebelum tenggat)", Type: "text", Value: in.Pengingat,
			Hint: "dipisah koma, misalnya 7, 3, 1; pegawai dan penilai yang belum menyelesaikan tugasnya diingatkan pada hari-hari itu"},
		{ID: "eskalasi_hari", Label: "Eskalasi ke atasan penilai (hari setelah tenggat)", Type: "number", Value: in.EskalasiHari,
			Hint: "tugas penilai yang masih tertunda dilaporkan kepada atasannya"},
	}
}

func settingsInput(r *http.Request) periode.SettingsInput {
	f := r.PostFormValue
	return periode.SettingsInput{Tahun: f("tahun"), Mulai: f("mulai"), Selesai: f("selesai"), Jadwal: f("jadwal"),
		KeberatanHari: f("keberatan_hari"), AmbangAnonim: f("ambang_anonim"), KurvaPembulatan: f("kurva_pembulatan"), Kalibrasi: f("kalibrasi"), TenggatPerencanaan: f("tenggat_perencanaan"),
		TenggatPelaksanaan: f("tenggat_pelaksanaan"), TenggatPenilaian: f("tenggat_penilaian"), Pengingat: f("pengingat"), EskalasiHari: f("eskalasi_hari")}
}

func dateValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func (s *Server) periodeForm(w http.ResponseWriter, r *http.Request) {
	var id int64
	v := view.FormView{Title: "Buat periode", Action: "/periode/baru", CancelHref: "/periode", Submit: "Simpan", Hidden: map[string]string{"version": "0"}}
	in := periode.DefaultInput(s.today().Year())
	if p := chi.URLParam(r, "id"); p != "" {
		var ok bool
		if id, ok = pathID(p); !ok {
			s.notFound(w, r)
			return
		}
		cur, err := s.store.Period(id).Info(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		st := cur.Settings
		in = periode.SettingsInput{Tahun: strconv.Itoa(st.Tahun), Mulai: dateValue(st.Mulai), Selesai: dateValue(st.Selesai), Jadwal: string(st.Jadwal),
			KeberatanHari: strconv.Itoa(st.KeberatanHari), AmbangAnonim: strconv.Itoa(st.AmbangAnonim), KurvaPembulatan: st.KurvaPembulatan, Kalibrasi: string(st.Kalibrasi),
			TenggatPerencanaan: dateValue(st.TenggatPerencanaan), TenggatPelaksanaan: dateValue(st.TenggatPelaksanaan), TenggatPenilaian: dateValue(st.TenggatPenilaian),
			Pengingat: periode.FormatPengingat(st.Pengingat), EskalasiHari: strconv.Itoa(st.EskalasiHari)}
		v.Title, v.Action, v.CancelHref = fmt.Sprintf("Ubah periode %d", st.Tahun), periodeHref(id)+"/ubah", periodeHref(id)
		v.Hidden["version"] = strconv.Itoa(cur.Version)
	}
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Periode", Href: "/periode"}, {Label: v.Title}}
	if r.Method == http.MethodPost {
		in = settingsInput(r)
		v.Hidden["version"] = r.PostFormValue("version")
	}
	v.Fields = settingsFields(in)
	if r.Method == http.MethodGet {
		s.render(w, r, http.StatusOK, page{title: v.Title, active: "/periode", crumbs: crumbs, body: view.FormPage(v, csrfToken(r))})
		return
	}
	st, errs := periode.CheckSettings(in)
	var err error
	if len(errs) > 0 {
		err = apperr.Validation(errs)
	} else if id == 0 {
		id, err = s.store.CreatePeriode(r.Context(), actorOf(r), st)
	} else {
		err = s.store.Period(id).Update(r.Context(), actorOf(r), formVersion(r), st)
	}
	s.formOutcome(w, r, err, fmt.Sprintf("Periode %d disimpan.", st.Tahun), periodeHref(id), v, page{active: "/periode", crumbs: crumbs})
}

func (s *Server) periodeFromURL(w http.ResponseWriter, r *http.Request) (*store.PeriodStore, periode.Periode, bool) {
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return nil, periode.Periode{}, false
	}
	ps := s.store.Period(id)
	cur, err := ps.Get(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return nil, cur, false
	}
	return ps, cur, true
}

func periodeCrumbs(cur periode.Periode, last string) []view.Crumb {
	c := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Periode", Href: "/periode"}, {Label: strconv.Itoa(cur.Settings.Tahun), Href: periodeHref(cur.ID)}}
	if last != "" {
		c = append(c, view.Crumb{Label: last})
	}
	return c
}

func (s *Server) periodeDetail(w http.ResponseWriter, r *http.Request) {
	ps, cur, ok := s.periodeFromURL(w, r)
	if !ok {
		return
	}
	st := cur.Settings
	v := view.PeriodeDetail{ID: cur.ID, Tahun: st.Tahun, Fase: cur.Fase.Label(), FaseKode: string(cur.Fase), Closed: cur.Fase.Closed(), Peserta: cur.Peserta,
		AuditHref: auditHistoryHref("periode", strconv.FormatInt(cur.ID, 10))}
	var err error
	if v.Periode, err = s.adminPeriodChoice(r, cur.ID, ""); err != nil {
		s.fail(w, r, err)
		return
	}
	if next, ok := cur.Fase.Next(); ok {
		v.Next = next.Label()
	}
	tenggat := func(t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return view.Tanggal(t)
	}
	jadwal := map[periode.Jadwal]string{periode.Triwulan: "Triwulan", periode.Bulanan: "Bulanan"}[st.Jadwal]
	v.Info = []view.Crumb{
		{Label: "Rentang", Href: view.Tanggal(st.Mulai) + " – " + view.Tanggal(st.Selesai)},
		{Label: "Jadwal", Href: jadwal},
		{Label: "Masa keberatan", Href: strconv.Itoa(st.KeberatanHari) + " hari"},
		{Label: "Ambang anonimitas", Href: strconv.Itoa(st.AmbangAnonim) + " tanggapan"},
		{Label: "Batas kurva pada unit kecil", Href: penilaian.Pembulatan(st.KurvaPembulatan).Label()},
		{Label: "Tenggat perencanaan", Href: tenggat(st.TenggatPerencanaan)},
		{Label: "Tenggat pelaksanaan", Href: tenggat(st.TenggatPelaksanaan)},
		{Label: "Tenggat penilaian", Href: tenggat(st.TenggatPenilaian)},
		{Label: "Pengingat", Href: periode.FormatPengingat(st.Pengingat) + " hari sebelum tenggat; eskalasi " + strconv.Itoa(st.EskalasiHari) + " hari setelahnya"},
	}
	if cur.DibukaAt != nil {
		v.Info = append(v.Info, view.Crumb{Label: "Dibuka", Href: view.Waktu(cur.DibukaAt.In(s.loc))})
	}
	if cur.Fase.Started() {
		sum, err := ps.Dashboard(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Chart = view.BarChart{Title: "Peserta per perangkat daerah"}
		for _, o := range sum {
			v.OPD = append(v.OPD, view.PeriodeOPDRow{Nama: o.Nama, Predikat: o.Predikat, Peserta: o.Peserta, TanpaPenilai: o.TanpaPenilai, Keluar: o.Dikeluarkan,
				Href: periodeHref(cur.ID) + "/peserta?opd=" + strconv.FormatInt(o.OPDID, 10)})
			label := o.Singkatan
			if label == "" {
				label = o.Nama
			}
			v.Chart.Bars = append(v.Chart.Bars, view.Bar{Label: label, Value: o.Peserta})
		}
		list, total, err := ps.ListPeserta(r.Context(), store.PesertaFilter{TanpaPenilai: true, Limit: 50})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.JumlahTanpa = total
		for _, x := range list {
			v.TanpaPenilai = append(v.TanpaPenilai, view.PegawaiRow{Nama: x.Nama, NIP: x.NIP, Jabatan: x.Jabatan, Unit: x.Unit, OPD: x.OPD,
				Href: pesertaHref(cur.ID, x.PegawaiID)})
		}
	}
	s.render(w, r, http.StatusOK, page{title: fmt.Sprintf("Periode %d", st.Tahun), active: "/periode", crumbs: periodeCrumbs(cur, ""),
		body: view.PeriodeDetailPage(v)})
}

func pesertaHref(periodeID, pegawaiID int64) string {
	return periodeHref(periodeID) + "/peserta/" + strconv.FormatInt(pegawaiID, 10)
}

// periodeMove confirms (GET) and makes (POST) the move to the next phase, saying
// what it affects.
func (s *Server) periodeMove(w http.ResponseWriter, r *http.Request) {
	ps, cur, ok := s.periodeFromURL(w, r)
	if !ok {
		return
	}
	next, hasNext := cur.Fase.Next()
	if !hasNext {
		s.errorPage(w, r, http.StatusConflict, "Periode sudah selesai", "Periode ini sudah ditutup. Gunakan Buka kembali bila perlu perubahan.")
		return
	}
	impact, err := ps.Impact(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var kurang map[periode.Kekurangan]store.KesiapanItem
	if cur.Fase.Started() {
		if kurang, err = ps.Kesiapan(r.Context()); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	title := "Pindah ke fase " + next.Label()
	v := view.ConfirmView{Title: title, Action: periodeHref(cur.ID) + "/fase", Button: "Pindah ke " + next.Label(), CancelHref: periodeHref(cur.ID),
		Hidden:   map[string]string{"version": strconv.Itoa(cur.Version), "ke": string(next)},
		Question: fmt.Sprintf("Pindahkan periode %d dari fase %s ke fase %s?", cur.Settings.Tahun, cur.Fase.Label(), next.Label())}
	switch {
	case cur.Fase.Snapshots():
		v.Details = []string{view.Angka(impact.PegawaiAktif) + " pegawai aktif akan menjadi peserta, dengan jabatan, unit kerja dan penilai mereka saat ini.",
			"Perubahan organisasi sesudahnya tidak mengubah peserta periode ini."}
	default:
		v.Details = []string{view.Angka(impact.Peserta) + " peserta."}
	}
	for _, k := range periode.Peringatan(next) {
		if it := kurang[k]; it.Jumlah > 0 {
			v.Details = append(v.Details, view.Angka(it.Jumlah)+" "+k.Label()+": "+daftarNama(it.Nama, it.Jumlah)+".")
		}
	}
	if impact.PredikatKosong > 0 {
		v.Details = append(v.Details, view.Angka(impact.PredikatKosong)+" perangkat daerah belum memiliki predikat kinerja organisasi.")
	}
	if next.Closed() {
		v.Danger = true
		v.Details = append(v.Details, "Setelah ditutup, data periode ini tidak dapat diubah lagi kecuali periode dibuka kembali dengan alasan tertulis.")
	}
	crumbs := periodeCrumbs(cur, title)
	if r.Method == http.MethodPost {
		to := periode.Fase(r.PostFormValue("ke"))
		err := asConflict(ps.Move(r.Context(), actorOf(r), formVersion(r), to), apperr.Invalid)
		s.confirmOutcome(w, r, err, fmt.Sprintf("Periode %d sekarang di fase %s.", cur.Settings.Tahun, to.Label()), periodeHref(cur.ID), v,
			page{active: "/periode", crumbs: crumbs})
		return
	}
	s.render(w, r, http.StatusOK, page{title: title, active: "/periode", crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
}

func (s *Server) periodeReopen(w http.ResponseWriter, r *http.Request) {
	ps, cur, ok := s.periodeFromURL(w, r)
	if !ok {
		return
	}
	title := "Buka kembali periode"
	v := view.ConfirmView{Title: title, Action: periodeHref(cur.ID) + "/buka-kembali", Button: "Buka kembali", Danger: true, CancelHref: periodeHref(cur.ID),
		Hidden:   map[string]string{"version": strconv.Itoa(cur.Version)},
		Question: fmt.Sprintf("Buka kembali periode %d ke fase Penilaian? Tindakan ini dicatat beserta alasannya.", cur.Settings.Tahun),
		Fields:   []view.ConfirmField{{ID: "alasan", Label: "Alasan", Type: "text", Hint: "mis. koreksi nilai setelah putusan keberatan", Max: periode.MaxAlasanBuka}},
		Errors:   map[string]string{}}
	crumbs := periodeCrumbs(cur, title)
	if r.Method == http.MethodPost {
		v.Fields[0].Value = r.PostFormValue("alasan")
		err := ps.Reopen(r.Context(), actorOf(r), formVersion(r), v.Fields[0].Value)
		s.confirmOutcome(w, r, err, fmt.Sprintf("Periode %d dibuka kembali (fase %s).", cur.Settings.Tahun, periode.ReopensTo.Label()), periodeHref(cur.ID), v,
			page{active: "/periode", crumbs: crumbs})
		return
	}
	s.render(w, r, http.StatusOK, page{title: title, active: "/periode", crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
}

func (s *Server) pesertaList(w http.ResponseWriter, r *http.Request) {
	ps, cur, ok := s.periodeFromURL(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	f := store.PesertaFilter{Q: q.Get("q"), TanpaPenilai: q.Get("tanpa_penilai") != "", Semua: true}
	f.OPDID, _ = strconv.ParseInt(q.Get("opd"), 10, 64)
	choice, err := s.adminPeriodChoice(r, cur.ID, "peserta")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.PesertaList{Periode: choice, PeriodeID: cur.ID, Tahun: cur.Settings.Tahun, Open: periode.Allows(cur.Fase, periode.ChangePeserta, periode.Year),
		Q: f.Q, Tanpa: f.TanpaPenilai, Errors: map[string]string{}}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		v.AddNIP, v.AddKet = r.PostFormValue("nip"), r.PostFormValue("keterangan")
		id, err := ps.AddPeserta(r.Context(), actorOf(r), v.AddNIP, v.AddKet)
		var e *apperr.Error
		var done bool
		if e, status, done = s.outcome(w, r, err, "Peserta ditambahkan.", pesertaHref(cur.ID, id)); done {
			return
		}
		v.Message, v.Errors = e.Message, e.Fields
		if v.Errors == nil {
			v.Errors = map[string]string{}
		}
	}
	opds, err := s.store.ListOPD(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, o := range opds {
		v.OPD = append(v.OPD, view.Option{Value: strconv.FormatInt(o.ID, 10), Label: o.Nama, Selected: o.ID == f.OPDID})
	}
	pg := pageNumber(r)
	f.Offset, f.Limit = (pg-1)*perPage, perPage
	list, total, err := ps.ListPeserta(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, x := range list {
		v.Rows = append(v.Rows, view.PesertaRow{Nama: x.Nama, NIP: x.NIP, Jabatan: x.Jabatan, Unit: x.Unit, Penilai: x.Penilai,
			Href: pesertaHref(cur.ID, x.PegawaiID), Aktif: x.Aktif})
	}
	v.Pager = view.Pager{Page: pg, PerPage: perPage, Total: total, BaseURL: r.URL.RequestURI()}
	s.render(w, r, status, page{title: "Peserta", active: "/periode", crumbs: periodeCrumbs(cur, "Peserta"), body: view.PesertaListPage(v, csrfToken(r))})
}

func (s *Server) pesertaDetail(w http.ResponseWriter, r *http.Request) {
	ps, cur, pid, ok := s.pesertaFromURL(w, r)
	if !ok {
		return
	}
	s.renderPeserta(w, r, ps, cur, pid, http.StatusOK, nil, "", "", view.MutasiForm{})
}

// pesertaFromURL reads the period and the participant's pegawai id of the URL,
// answering 404 itself for a bad one.
func (s *Server) pesertaFromURL(w http.ResponseWriter, r *http.Request) (*store.PeriodStore, periode.Periode, int64, bool) {
	ps, cur, ok := s.periodeFromURL(w, r)
	if !ok {
		return nil, cur, 0, false
	}
	pid, ok := pathID(chi.URLParam(r, "pegawai"))
	if !ok {
		s.notFound(w, r)
		return nil, cur, 0, false
	}
	return ps, cur, pid, true
}

func (s *Server) renderPeserta(w http.ResponseWriter, r *http.Request, ps *store.PeriodStore, cur periode.Periode, pid int64, status int,
	errs map[string]string, msg, nipPenilai string, mf view.MutasiForm) {
	x, err := ps.GetPeserta(r.Context(), pid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := ps.PenugasanOf(r.Context(), pid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if errs == nil {
		errs = map[string]string{}
		nipPenilai = x.PenilaiNIP
	}
	v := view.PesertaDetail{PeriodeID: cur.ID, PegawaiID: pid, Tahun: cur.Settings.Tahun, Open: periode.Allows(cur.Fase, periode.ChangeSettings, periode.Year), Nama: x.Nama,
		NIP: x.NIP, Jabatan: x.Jabatan, Unit: x.Unit, OPD: x.OPD, Golongan: x.Golongan, Penilai: x.Penilai,
		AtasanPenilai: x.AtasanPenilai, Aktif: x.Aktif, Keterangan: x.Keterangan, Version: x.Version, NIPPenilai: nipPenilai, Errors: errs, Message: msg,
		Penugasan: penugasanRows(list, periode.Checkins(cur.Settings)), Mutasi: mf}
	v.Mutasi.Min, v.Mutasi.Max = cur.Settings.Mulai.Format(time.DateOnly), cur.Settings.Selesai.Format(time.DateOnly)
	crumbs := append(periodeCrumbs(cur, ""), view.Crumb{Label: "Peserta", Href: periodeHref(cur.ID) + "/peserta"}, view.Crumb{Label: x.Nama})
	s.render(w, r, status, page{title: x.Nama, active: "/periode", crumbs: crumbs, body: view.PesertaDetailPage(v, csrfToken(r))})
}

// pesertaChange handles the change-penilai and remove forms of a participant.
func (s *Server) pesertaChange(remove bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ps, cur, pid, ok := s.pesertaFromURL(w, r)
		if !ok {
			return
		}
		var err error
		if remove {
			err = ps.RemovePeserta(r.Context(), actorOf(r), pid, formVersion(r), r.PostFormValue("alasan"))
			if e := apperr.As(err); e != nil && e.Fields["keterangan"] != "" {
				e.Fields = map[string]string{"alasan": e.Fields["keterangan"]}
			}
		} else {
			err = ps.SetPenilai(r.Context(), actorOf(r), pid, formVersion(r), r.PostFormValue("nip_penilai"), r.PostFormValue("keterangan"))
		}
		e, status, done := s.outcome(w, r, err, map[bool]string{true: "Peserta dikeluarkan dari periode.", false: "Penilai diganti."}[remove], pesertaHref(cur.ID, pid))
		if done {
			return
		}
		errs := e.Fields
		if errs == nil {
			errs = map[string]string{}
		}
		s.renderPeserta(w, r, ps, cur, pid, status, errs, e.Message, r.PostFormValue("nip_penilai"), view.MutasiForm{})
	}
}

// pesertaMutasi records a mutasi of a participant (store.Mutasi) and opens the new
// plan's penugasan on the participant's page; a refusal shows the form again with the
// values typed and each message by its field.
func (s *Server) pesertaMutasi(w http.ResponseWriter, r *http.Request) {
	ps, cur, pid, ok := s.pesertaFromURL(w, r)
	if !ok {
		return
	}
	mf := view.MutasiForm{TMT: strings.TrimSpace(r.PostFormValue("tmt")), NIPPenilai: strings.TrimSpace(r.PostFormValue("nip_penilai")), Alasan: r.PostFormValue("alasan")}
	_, err := ps.Mutasi(r.Context(), actorOf(r), pid, formVersion(r), store.MutasiInput{
		MutasiInput: periode.MutasiInput{TMT: mf.TMT, Alasan: mf.Alasan}, PenilaiNIP: mf.NIPPenilai})
	e, status, done := s.outcome(w, r, err, "Mutasi dicatat. Penugasan baru mendapat SKP baru (draf) untuk diisi pegawai.", pesertaHref(cur.ID, pid))
	if done {
		return
	}
	// The page holds other forms with fields of the same names.
	errs := map[string]string{}
	for f, msg := range e.Fields {
		errs[map[string]string{periode.FieldTMT: "mutasi_tmt", "nip_penilai": "mutasi_nip", periode.FieldAlasanMutasi: "mutasi_alasan"}[f]] = msg
	}
	msg := e.Message
	if e.Code == apperr.Invalid && len(e.Fields) > 0 {
		msg = "Mutasi belum dicatat. Periksa isian yang ditandai."
	}
	s.renderPeserta(w, r, ps, cur, pid, status, errs, msg, "", mf)
}

// penugasanRows shows a participant's stretches with the check-ins each is rated at.
func penugasanRows(list []store.Penugasan, cs []periode.Checkin) []view.PenugasanRow {
	out := make([]view.PenugasanRow, 0, len(list))
	for _, g := range list {
		var names []string
		for _, c := range g.Checkins(cs) {
			names = append(names, c.Label)
		}
		if !g.Berakhir {
			names = append(names, "tahunan")
		}
		row := view.PenugasanRow{Masa: g.Masa(), Jabatan: g.Jabatan, Unit: g.Unit, Penilai: g.Penilai, Checkins: view.Daftar(names), Alasan: g.Alasan, Berjalan: !g.Berakhir}
		if g.SKPID != 0 {
			row.SKPHref, row.SKPStatus = skpHref(g.SKPID), strings.ToLower(skp.Status(g.SKPStatus).Label())
		}
		out = append(out, row)
	}
	return out
}

func (s *Server) predikatPage(w http.ResponseWriter, r *http.Request) {
	ps, cur, ok := s.periodeFromURL(w, r)
	if !ok {
		return
	}
	msg := ""
	var errs map[string]string
	status := http.StatusOK
	sum, err := ps.Dashboard(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.Method == http.MethodPost {
		// Every OPD of the table in one form: predikat_<opd>. Only fields present are set.
		vals := map[int64]string{}
		for _, o := range sum {
			if f := store.FieldPredikatOPD(o.OPDID); r.PostForm.Has(f) {
				vals[o.OPDID] = r.PostFormValue(f)
			}
		}
		err := ps.SetPredikatOPDs(r.Context(), actorOf(r), vals)
		e, st, done := s.outcome(w, r, err, "Predikat organisasi disimpan.", periodeHref(cur.ID)+"/predikat")
		if done {
			return
		}
		msg, errs, status = e.Message, e.Fields, st
	}
	choice, err := s.adminPeriodChoice(r, cur.ID, "predikat")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.PredikatPage{Periode: choice, PeriodeID: cur.ID, Tahun: cur.Settings.Tahun, Open: periode.Allows(cur.Fase, periode.ChangeSettings, periode.Year),
		Message: msg, Errors: errs}
	for _, o := range sum {
		row := view.PredikatRow{OPDID: o.OPDID, Nama: o.Nama, Field: store.FieldPredikatOPD(o.OPDID)}
		cur := o.Predikat
		if r.Method == http.MethodPost {
			cur = r.PostFormValue(row.Field) // what was chosen stays chosen
		}
		for _, p := range periode.PredikatOrganisasi {
			row.Options = append(row.Options, view.Option{Value: p, Label: p, Selected: p == cur})
		}
		v.Rows = append(v.Rows, row)
	}
	s.render(w, r, status, page{title: "Predikat organisasi", active: "/periode", crumbs: periodeCrumbs(cur, "Predikat organisasi"),
		body: view.PredikatOPDPage(v, csrfToken(r))})
}

// predikatLines are an OPD's organisation predikat per year for its page.
func (s *Server) predikatLines(r *http.Request, opdID int64) ([]view.Crumb, error) {
	list, err := s.store.PredikatOPD(r.Context(), opdID)
	if err != nil {
		return nil, err
	}
	var out []view.Crumb
	for _, p := range list {
		out = append(out, view.Crumb{Label: strconv.Itoa(p.Tahun), Href: p.Predikat})
	}
	return out, nil
}

// daftarNama writes the first names of a longer list: "A, B dan 3 lainnya".
func daftarNama(nama []string, total int) string {
	switch rest := total - len(nama); {
	case len(nama) == 0:
		return ""
	case rest > 0:
		return strings.Join(nama, ", ") + " dan " + view.Angka(rest) + " lainnya"
	case len(nama) == 1:
		return nama[0]
	default:
		return strings.Join(nama[:len(nama)-1], ", ") + " dan " + nama[len(nama)-1]
	}
}

// penugasanLinks links the plan of each stretch by its dates; ke is the one shown.
func penugasanLinks(list []store.Penugasan, ke int) []view.VersionLink {
	out := make([]view.VersionLink, 0, len(list))
	for _, g := range list {
		if g.SKPID == 0 {
			continue
		}
		out = append(out, view.VersionLink{Label: g.Masa(), Href: skpHref(g.SKPID), Current: g.Ke == ke})
	}
	return out
}
