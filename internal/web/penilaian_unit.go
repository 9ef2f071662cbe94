package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// activeRating is the period shown (see shownPeriod; by default the active one) with
// its check-ins and the check-in asked for (?ke=0 is the year; by default the year in
// the penilaian phase, else the current check-in), and the selector that switches the
// page at action to another period. Without a started period it renders the empty
// state and returns false.
func (s *Server) activeRating(w http.ResponseWriter, r *http.Request, title, action string, keep ...string) (periode.Periode, []periode.Checkin, int, view.PeriodChoice, bool) {
	per, choice, err := s.shownPeriod(r, action, keep...)
	if err == errNoPeriod {
		s.render(w, r, http.StatusOK, page{title: title, active: "/penilaian", body: view.Empty("Belum ada periode penilaian yang dibuka.")})
		return per, nil, 0, choice, false
	}
	if err != nil {
		s.fail(w, r, err)
		return per, nil, 0, choice, false
	}
	cs := periode.Checkins(per.Settings)
	return per, cs, periode.RatingCheckin(r.FormValue("ke"), per.Fase, cs, s.today()), choice, true
}

// kurvaView shows a distribution beside its bounds, as numbers and a chart.
func kurvaView(d penilaian.Distribusi, scope string) view.KurvaView {
	v := view.KurvaView{Scope: scope, OrgPredikat: d.OrgPredikat, Dinilai: d.Dinilai, Belum: d.BelumDinilai}
	bounds := penilaian.Bounds(d.OrgPredikat)
	for _, b := range bounds {
		v.Rules = append(v.Rules, b.Rule())
	}
	for _, x := range d.Pelanggaran() {
		v.Pelanggaran = append(v.Pelanggaran, x.Message)
	}
	v.Chart.Title = "Sebaran predikat " + scope
	for _, p := range penilaian.PredikatList {
		n := d.Counts[p]
		pct := 0.0
		if d.Dinilai > 0 {
			pct = 100 * float64(n) / float64(d.Dinilai)
		}
		v.Rows = append(v.Rows, view.KurvaRow{Predikat: string(p), Jumlah: n, Persen: view.Persen(pct)})
		bar := view.KurvaBar{Label: string(p), Permil: int(pct*10 + 0.5), Text: view.Persen(pct) + " (" + view.Angka(n) + ")", Max: -1, Min: -1}
		for _, b := range bounds {
			if len(b.Predikat) == 1 && b.Predikat[0] == p {
				if b.AtLeast {
					bar.Min = b.Persen
				} else {
					bar.Max = b.Persen
				}
			}
		}
		v.Chart.Bars = append(v.Chart.Bars, bar)
	}
	return v
}

func unitStatus(u store.UnitRow) string {
	switch {
	case u.SKPID == 0:
		return "Belum ada SKP"
	case !u.SKPDisetujui:
		return "SKP belum disetujui"
	case u.Keberatan != "":
		return penilaian.StatusKeberatan(u.Keberatan).Label()
	case u.Ditetapkan:
		return "Ditetapkan"
	case u.Diusulkan:
		return "Diusulkan ke kalibrasi OPD"
	case u.Predikat != "":
		return "Draf lengkap"
	case u.PenilaianVersion > 0:
		return "Draf belum lengkap"
	}
	return "Belum dinilai"
}

// unitPenilaian is the penilai's Penilaian page: the subordinates at a check-in, the
// kurva distribusi against the OPD's bounds, and Tetapkan.
func (s *Server) unitPenilaian(w http.ResponseWriter, r *http.Request) {
	s.renderUnit(w, r, http.StatusOK, nil)
}

func (s *Server) renderUnit(w http.ResponseWriter, r *http.Request, status int, fail *apperr.Error) {
	p, _ := principal(r)
	per, cs, checkin, choice, ok := s.activeRating(w, r, "Penilaian", "/penilaian")
	if !ok {
		return
	}
	ps := s.store.Period(per.ID)
	rows, err := ps.UnitPenilaian(r.Context(), p.PegawaiID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	opdMode := per.Settings.Kalibrasi == periode.KalibrasiOPD
	d, err := ps.KurvaPenilai(r.Context(), p.PegawaiID, checkin)
	scope := "bawahan langsung"
	if opdMode {
		d, err = ps.KurvaOPD(r.Context(), p.OPDID, checkin)
		scope = "seluruh OPD, sebagai informasi"
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.PenilaianUnitPage{Title: "Penilaian " + checkinLabel(cs, checkin) + " " + strconv.Itoa(per.Settings.Tahun), Checkin: checkin,
		Tabs: checkinTabs(cs, checkin, periode.Penugasan{}), Prefix: "/penilaian?" + choice.Param + "ke=", Kurva: kurvaView(d, scope), CSRF: csrfToken(r), Errors: map[string]string{},
		Periode: choice, Kalibrasi: opdMode}
	pending := false
	for _, u := range rows {
		row := view.UnitRowView{Nama: u.Nama, NIP: u.NIP, HasilKerja: penilaian.Rating(u.HasilKerja).Label(), Perilaku: penilaian.Rating(u.Perilaku).Label(), Predikat: u.Predikat, Status: unitStatus(u)}
		if u.SKPDisetujui {
			row.Href = ratingHref(u.SKPID, checkin)
		}
		pending = pending || (u.Predikat != "" && !u.Ditetapkan && !u.Diusulkan)
		v.CanZIP = v.CanZIP || u.Ditetapkan
		v.Rows = append(v.Rows, row)
	}
	v.CanSet = pending && periode.Allows(per.Fase, periode.Publish, checkin)
	if p.Roles.KepalaOPD {
		v.OPDHref = "/penilaian/opd?" + choice.Param + "ke=" + strconv.Itoa(checkin)
		if opdMode {
			v.KalibrasiHref = "/kalibrasi?" + choice.Param + "ke=" + strconv.Itoa(checkin)
		}
	}
	if fail != nil {
		v.Message, v.Errors = fail.Message, fail.Fields
		if fail.Code == apperr.Invalid {
			v.Message = "Penilaian belum dapat ditetapkan."
		}
		if v.Errors == nil {
			v.Errors = map[string]string{}
		}
		v.Justif = r.PostFormValue("justifikasi")
	}
	s.render(w, r, status, page{title: "Penilaian", active: "/penilaian", body: view.PenilaianUnitView(v)})
}

// tetapkan publishes and locks the penilai's ratings at a check-in.
func (s *Server) tetapkan(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	per, _, checkin, choice, ok := s.activeRating(w, r, "Penilaian", "/penilaian")
	if !ok {
		return
	}
	next := "/penilaian?" + choice.Param + "ke=" + strconv.Itoa(checkin)
	var err error
	var n int
	if r.PostFormValue("konfirmasi") == "" {
		err = apperr.Validation(map[string]string{"konfirmasi": "Centang pernyataan ini untuk menetapkan: nilai dikunci dan diumumkan kepada pegawai."})
	} else {
		n, err = s.store.Period(per.ID).Tetapkan(r.Context(), actorOf(r), p.PegawaiID, checkin, r.PostFormValue("justifikasi"))
	}
	msg := view.Angka(n) + " penilaian ditetapkan dan diumumkan kepada pegawai."
	if per.Settings.Kalibrasi == periode.KalibrasiOPD {
		msg = view.Angka(n) + " penilaian diusulkan ke kalibrasi OPD."
	}
	fail, status, done := s.outcome(w, r, err, msg, next)
	if done {
		return
	}
	s.renderUnit(w, r, status, fail)
}

// kurvaOPD is the whole OPD's distribution at a check-in, for its kepala (and the
// Admin BKD, any OPD with ?opd=).
func (s *Server) kurvaOPD(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	opdID := p.OPDID
	if id, ok := pathID(r.URL.Query().Get("opd")); ok {
		opdID = id
	}
	if !canOpenOPD(p, opdID) {
		s.forbidden(w, r)
		return
	}
	per, cs, checkin, choice, ok := s.activeRating(w, r, "Kurva distribusi OPD", "/penilaian/opd", "opd")
	if !ok {
		return
	}
	d, err := s.store.Period(per.ID).KurvaOPD(r.Context(), opdID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := s.store.GetOPD(r.Context(), opdID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.PenilaianUnitPage{Title: "Kurva distribusi " + o.Nama + ": " + checkinLabel(cs, checkin) + " " + strconv.Itoa(per.Settings.Tahun), Checkin: checkin,
		Tabs: checkinTabs(cs, checkin, periode.Penugasan{}), Prefix: "/penilaian/opd?" + choice.Param + "opd=" + strconv.FormatInt(opdID, 10) + "&ke=", Kurva: kurvaView(d, "seluruh OPD"), Errors: map[string]string{},
		Periode: choice}
	if p.Roles.AdminBKD {
		if v.OPDOptions, err = s.opdOptions(r, opdID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, page{title: "Kurva distribusi OPD", active: "/penilaian/opd", body: view.PenilaianUnitView(v)})
}
