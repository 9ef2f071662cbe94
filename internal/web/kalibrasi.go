package web

// Kalibrasi OPD: the kepala OPD (or the Admin BKD, any OPD) sees every proposal of
// the OPD against the OPD's bounds, changes a rating with a written reason, and
// publishes the OPD at once (penilaian.MayKalibrasi; the store applies the rules).

import (
	"net/http"
	"sort"
	"strconv"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/web/view"
)

// kalibrasiCtx is the OPD and check-in a kalibrasi request reads.
type kalibrasiCtx struct {
	per     periode.Periode
	cs      []periode.Checkin
	checkin int
	choice  view.PeriodChoice
	opd     int64
	base    string // the page's URL with period, OPD and check-in
}

func (s *Server) kalibrasiRequest(w http.ResponseWriter, r *http.Request) (kalibrasiCtx, bool) {
	p, _ := principal(r)
	var k kalibrasiCtx
	k.opd = p.OPDID
	if v := r.URL.Query().Get("opd"); v != "" {
		id, ok := pathID(v)
		if !ok {
			s.notFound(w, r)
			return k, false
		}
		k.opd = id
	}
	if !penilaian.MayKalibrasi(p.Roles.AdminBKD, p.Roles.KepalaOPD, p.OPDID, k.opd) {
		s.forbidden(w, r)
		return k, false
	}
	var ok bool
	k.per, k.cs, k.checkin, k.choice, ok = s.activeRating(w, r, "Kalibrasi OPD", "/kalibrasi", "opd")
	if !ok {
		return k, false
	}
	if k.per.Settings.Kalibrasi != periode.KalibrasiOPD {
		s.errorPage(w, r, http.StatusConflict, "Tanpa kalibrasi OPD", "Periode ini menetapkan sebaran per penilai: setiap penilai menetapkan bawahannya sendiri.")
		return k, false
	}
	k.base = "/kalibrasi?" + k.choice.Param + "opd=" + strconv.FormatInt(k.opd, 10) + "&ke=" + strconv.Itoa(k.checkin)
	return k, true
}

func (s *Server) kalibrasi(w http.ResponseWriter, r *http.Request) {
	k, ok := s.kalibrasiRequest(w, r)
	if !ok {
		return
	}
	s.renderKalibrasi(w, r, k, http.StatusOK, nil)
}

func (s *Server) renderKalibrasi(w http.ResponseWriter, r *http.Request, k kalibrasiCtx, status int, fail *apperr.Error) {
	p, _ := principal(r)
	ps := s.store.Period(k.per.ID)
	rows, err := ps.KalibrasiOPD(r.Context(), k.opd, k.checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := ps.KurvaOPD(r.Context(), k.opd, k.checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := s.store.GetOPD(r.Context(), k.opd)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	qs := r.URL.Query()
	unitF, penilaiF := qs.Get("unit"), qs.Get("penilai")
	v := view.KalibrasiPage{Title: "Kalibrasi " + o.Nama + ": " + checkinLabel(k.cs, k.checkin) + " " + strconv.Itoa(k.per.Settings.Tahun),
		Tabs: checkinTabs(k.cs, k.checkin, periode.Penugasan{}), Prefix: "/kalibrasi?" + k.choice.Param + "opd=" + strconv.FormatInt(k.opd, 10) + "&ke=",
		Kurva: kurvaView(d, "seluruh OPD"), CSRF: csrfToken(r), Errors: map[string]string{}, Periode: k.choice, Action: "/kalibrasi",
		Hidden: []view.Param{{Name: "opd", Value: strconv.FormatInt(k.opd, 10)}, {Name: "ke", Value: strconv.Itoa(k.checkin)}}}
	if k.choice.Param != "" {
		v.Hidden = append(v.Hidden, view.Param{Name: "tahun", Value: strconv.Itoa(k.per.Settings.Tahun)})
	}
	if p.Roles.AdminBKD {
		if v.OPDOptions, err = s.opdOptions(r, k.opd); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	units, penilai := map[string]string{}, map[string]string{}
	pending := 0
	for _, x := range rows {
		uid, pid := strconv.FormatInt(x.UnitID, 10), strconv.FormatInt(x.PenilaiID, 10)
		units[uid], penilai[pid] = x.Unit, x.Penilai
		if x.Diusulkan && !x.Ditetapkan {
			pending++
		}
		if (unitF != "" && unitF != uid) || (penilaiF != "" && penilaiF != pid) {
			continue
		}
		row := view.KalibrasiRowView{Nama: x.Nama, NIP: x.NIP, Unit: x.Unit, Penilai: x.Penilai, HasilKerja: penilaian.Rating(x.HasilKerja).Label(),
			Perilaku: penilaian.Rating(x.Perilaku).Label(), Predikat: x.Predikat, Diubah: x.Diubah}
		switch {
		case x.Ditetapkan:
			row.Status = "Ditetapkan"
		case x.Diusulkan:
			row.Status = "Diusulkan"
			row.UbahHref = "/kalibrasi/ubah/" + strconv.Itoa(x.PenilaianID) + "?" + k.choice.Param + "opd=" + strconv.FormatInt(k.opd, 10) + "&ke=" + strconv.Itoa(k.checkin)
		case !x.SKPDisetujui:
			row.Status = "SKP belum disetujui"
		case x.Predikat != "":
			row.Status = "Draf penilai, belum diusulkan"
		default:
			row.Status = "Belum dinilai"
		}
		if x.SKPID != 0 && x.SKPDisetujui {
			row.BuktiHref = ratingHref(x.SKPID, k.checkin)
		}
		v.Rows = append(v.Rows, row)
	}
	for id, n := range units {
		v.Units = append(v.Units, view.Option{Value: id, Label: n, Selected: id == unitF})
	}
	for id, n := range penilai {
		if id != "0" {
			v.Penilai = append(v.Penilai, view.Option{Value: id, Label: n, Selected: id == penilaiF})
		}
	}
	sortOptions(v.Units)
	sortOptions(v.Penilai)
	v.Pending = pending
	v.CanSet = pending > 0 && periode.Allows(k.per.Fase, periode.Publish, k.checkin)
	if fail != nil {
		v.Message, v.Errors = fail.Message, fail.Fields
		if fail.Code == apperr.Invalid {
			v.Message = "Kalibrasi belum dapat ditetapkan."
		}
		if v.Errors == nil {
			v.Errors = map[string]string{}
		}
		v.Justif = r.PostFormValue("justifikasi")
	}
	s.render(w, r, status, page{title: "Kalibrasi OPD", active: "/kalibrasi", body: view.KalibrasiView(v)})
}

// kalibrasiTetapkan publishes the OPD's proposals at the check-in.
func (s *Server) kalibrasiTetapkan(w http.ResponseWriter, r *http.Request) {
	k, ok := s.kalibrasiRequest(w, r)
	if !ok {
		return
	}
	var err error
	var n int
	if r.PostFormValue("konfirmasi") == "" {
		err = apperr.Validation(map[string]string{"konfirmasi": "Centang pernyataan ini untuk menetapkan: nilai seluruh OPD dikunci dan diumumkan kepada pegawai."})
	} else {
		n, err = s.store.Period(k.per.ID).TetapkanOPD(r.Context(), actorOf(r), k.opd, k.checkin, r.PostFormValue("justifikasi"))
	}
	fail, status, done := s.outcome(w, r, err, view.Angka(n)+" penilaian OPD ditetapkan dan diumumkan kepada pegawai; masa keberatan dimulai hari ini.", k.base)
	if done {
		return
	}
	s.renderKalibrasi(w, r, k, status, fail)
}

// kalibrasiUbah shows and saves the change of one proposed rating.
func (s *Server) kalibrasiUbah(w http.ResponseWriter, r *http.Request) {
	k, ok := s.kalibrasiRequest(w, r)
	if !ok {
		return
	}
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return
	}
	rows, err := s.store.Period(k.per.ID).KalibrasiOPD(r.Context(), k.opd, k.checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var cur *view.KalibrasiUbah
	for _, x := range rows {
		if int64(x.PenilaianID) == id && x.Diusulkan && !x.Ditetapkan {
			cur = &view.KalibrasiUbah{Nama: x.Nama, NIP: x.NIP, Unit: x.Unit, Penilai: x.Penilai, Predikat: x.Predikat,
				HasilKerja: x.HasilKerja, Perilaku: x.Perilaku, Version: x.PenilaianVersion, LamaHK: penilaian.Rating(x.HasilKerja).Label(),
				LamaPK: penilaian.Rating(x.Perilaku).Label(), BuktiHref: ratingHref(x.SKPID, k.checkin)}
		}
	}
	if cur == nil {
		s.errorPage(w, r, http.StatusNotFound, "Tidak ditemukan", "Usulan penilaian itu tidak ada dalam kalibrasi perangkat daerah ini, atau sudah ditetapkan.")
		return
	}
	cur.Action, cur.Back, cur.CSRF, cur.Errors = r.URL.RequestURI(), k.base, csrfToken(r), map[string]string{}
	for _, l := range penilaian.Ratings {
		cur.Levels = append(cur.Levels, view.Option{Value: string(l), Label: l.Label()})
	}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		u := penilaian.Ubah{HasilKerja: penilaian.Rating(r.PostFormValue("hasil_kerja")), Perilaku: penilaian.Rating(r.PostFormValue("perilaku")), Alasan: r.PostFormValue("alasan")}
		err := s.store.Period(k.per.ID).UbahKalibrasi(r.Context(), actorOf(r), k.opd, id, version, u)
		fail, st, done := s.outcome(w, r, err, "Penilaian "+cur.Nama+" diubah dalam kalibrasi; alasannya tercatat di riwayat penilaian.", k.base)
		if done {
			return
		}
		status = st
		cur.Message, cur.Errors = fail.Message, fail.Fields
		if cur.Errors == nil {
			cur.Errors = map[string]string{}
		}
		cur.HasilKerja, cur.Perilaku, cur.Alasan = string(u.HasilKerja), string(u.Perilaku), u.Alasan
	}
	s.render(w, r, status, page{title: "Ubah penilaian dalam kalibrasi", active: "/kalibrasi", body: view.KalibrasiUbahView(*cur)})
}

// sortOptions orders options by label.
func sortOptions(o []view.Option) {
	sort.Slice(o, func(i, j int) bool { return o[i].Label < o[j].Label })
}
