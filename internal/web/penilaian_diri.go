package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
	"kinerja/web/view"
)

// ratingLabels are the three levels of PermenPANRB 6/2022, in form order.
var ratingLabels = func() []view.Option {
	out := make([]view.Option, len(penilaian.Ratings))
	for i, r := range penilaian.Ratings {
		out[i] = view.Option{Value: string(r), Label: r.Label()}
	}
	return out
}()

// penilaianDiri shows (GET) and saves (POST, the owner only) the pegawai's self-assessment
// of each RHK and BerAKHLAK value at a check-in, or at the end of the period (?ke=0).
func (s *Server) penilaianDiri(w http.ResponseWriter, r *http.Request) {
	allow := func(x skpRoles) bool { return r.Method == http.MethodGet || x.Pegawai }
	rc, ok := s.loadReport(w, r, allow, "Penilaian diri belum dapat diisi", "Penilaian diri diisi pada SKP yang sudah disetujui, mulai fase Pelaksanaan.")
	if !ok {
		return
	}
	checkin := s.ratingCheckin(r, rc)
	status := http.StatusOK
	var fail *apperr.Error
	values := map[string]string{}
	if r.Method == http.MethodPost {
		var entries []penilaian.Diri
		for _, key := range r.PostForm["sasaran"] {
			sas, _ := penilaian.ParseSasaran(key) // a tampered key stays invalid and is refused
			e := penilaian.Diri{Sasaran: sas, Rating: penilaian.Rating(r.PostFormValue("r_" + key)), Komentar: strings.TrimSpace(r.PostFormValue("k_" + key))}
			values["r_"+key], values["k_"+key] = string(e.Rating), e.Komentar
			e.Version, _ = strconv.Atoi(r.PostFormValue("v_" + key))
			entries = append(entries, e)
		}
		err := rc.ps.SavePenilaianDiri(r.Context(), actorOf(r), rc.k.ID, checkin, entries)
		var done bool
		if fail, status, done = s.outcome(w, r, err, "Penilaian diri disimpan.", fmt.Sprintf("%s/penilaian-diri?ke=%d", skpHref(rc.k.ID), checkin)); done {
			return
		}
		fail = ratingFields(fail)
	}
	got, err := rc.ps.PenilaianDiriOf(r.Context(), rc.k.ID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.PenilaianDiriPage{SKPID: rc.k.ID, Tahun: rc.k.Tahun, Checkin: checkin, Levels: ratingLabels, CSRF: csrfToken(r), Errors: map[string]string{},
		CanEdit: rc.roles.Pegawai && periode.Allows(rc.k.Fase, periode.SelfAssess, checkin)}
	for _, c := range rc.k.Penugasan.Checkins(rc.cs) {
		v.Tabs = append(v.Tabs, view.Option{Value: strconv.Itoa(c.No), Label: c.Label, Selected: c.No == checkin})
		if c.No == checkin {
			v.Label = c.Label
		}
	}
	if rc.k.Penugasan.Menilai(periode.Year) {
		v.Tabs = append(v.Tabs, view.Option{Value: "0", Label: "Akhir periode", Selected: checkin == 0})
	}
	if checkin == 0 {
		v.Label = "Akhir periode"
	}
	add := func(sas penilaian.Sasaran, kelompok, judul string) {
		d, key := got[sas], sas.String()
		it := view.PenilaianDiriItem{Sasaran: key, Kelompok: kelompok, Judul: judul, Rating: string(d.Rating), RatingLabel: d.Rating.Label(), Komentar: d.Komentar, Version: d.Version}
		if fail != nil {
			it.Rating, it.Komentar = values["r_"+key], values["k_"+key]
		}
		v.Items = append(v.Items, it)
	}
	for i, x := range rc.k.RHK {
		add(penilaian.RHKSasaran(x.Kunci), "Hasil kerja", fmt.Sprintf("RHK %d. %s", i+1, x.Uraian))
	}
	for _, n := range skp.BerAKHLAK {
		add(penilaian.NilaiSasaran(n.No), "Perilaku kerja (BerAKHLAK)", fmt.Sprintf("%d. %s", n.No, n.Nama))
	}
	if fail != nil {
		v.Message = fail.Message
		for f, m := range fail.Fields {
			v.Errors[f] = m
		}
	}
	crumbs, active := s.skpCrumbs(rc.roles, rc.k, "Penilaian diri")
	s.render(w, r, status, page{title: "Penilaian diri", active: active, crumbs: crumbs, body: view.PenilaianDiriView(v)})
}
