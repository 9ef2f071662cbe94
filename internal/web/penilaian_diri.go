package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/apperr"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// ratingLabels are the three levels of PermenPANRB 6/2022, in form order.
var ratingLabels = []view.Option{
	{Value: "diatas", Label: "Di Atas Ekspektasi"},
	{Value: "sesuai", Label: "Sesuai Ekspektasi"},
	{Value: "dibawah", Label: "Di Bawah Ekspektasi"},
}

func ratingLabel(v string) string {
	for _, o := range ratingLabels {
		if o.Value == v {
			return o.Label
		}
	}
	return ""
}

// penilaianDiri shows (GET) and saves (POST, the owner only) the pegawai's self-assessment
// of each RHK and BerAKHLAK value at a check-in, or at the end of the period (?ke=0).
func (s *Server) penilaianDiri(w http.ResponseWriter, r *http.Request) {
	allow := func(x skpRoles) bool { return r.Method == http.MethodGet || x.owner }
	rc, ok := s.loadReport(w, r, allow, "Penilaian diri belum dapat diisi", "Penilaian diri diisi pada SKP yang sudah disetujui, mulai fase Pelaksanaan.")
	if !ok {
		return
	}
	checkin := s.ratingCheckin(r, rc)
	status := http.StatusOK
	var fail *apperr.Error
	values := map[string]string{}
	if r.Method == http.MethodPost {
		var entries []store.PenilaianDiri
		errs := map[string]string{}
		for _, sasaran := range r.PostForm["sasaran"] {
			e := store.PenilaianDiri{Sasaran: sasaran, Rating: r.PostFormValue("r_" + sasaran), Komentar: strings.TrimSpace(r.PostFormValue("k_" + sasaran))}
			values["r_"+sasaran], values["k_"+sasaran] = e.Rating, e.Komentar
			e.Version, _ = strconv.Atoi(r.PostFormValue("v_" + sasaran))
			switch {
			case e.Rating != "" && ratingLabel(e.Rating) == "":
				errs["r_"+sasaran] = "Pilih salah satu dari tiga tingkat."
			case e.Rating == "" && e.Komentar != "":
				errs["r_"+sasaran] = "Pilih penilaian untuk komentar ini."
			case len([]rune(e.Komentar)) > 2000:
				errs["k_"+sasaran] = "Komentar paling banyak 2.000 karakter."
			}
			entries = append(entries, e)
		}
		var err error
		if len(errs) > 0 {
			err = apperr.Validation(errs)
		} else {
			err = rc.ps.SavePenilaianDiri(r.Context(), actorOf(r), rc.k.ID, checkin, entries)
		}
		var done bool
		if fail, status, done = s.outcome(w, r, err, "Penilaian diri disimpan.", fmt.Sprintf("%s/penilaian-diri?ke=%d", skpHref(rc.k.ID), checkin)); done {
			return
		}
	}
	got, err := rc.ps.PenilaianDiriOf(r.Context(), rc.k.ID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.PenilaianDiriPage{SKPID: rc.k.ID, Tahun: rc.k.Tahun, Checkin: checkin, Levels: ratingLabels, CSRF: csrfToken(r), Errors: map[string]string{},
		CanEdit: rc.roles.owner && periode.Allows(rc.k.Fase, periode.SelfAssess, checkin)}
	for _, c := range rc.cs {
		v.Tabs = append(v.Tabs, view.Option{Value: strconv.Itoa(c.No), Label: c.Label, Selected: c.No == checkin})
		if c.No == checkin {
			v.Label = c.Label
		}
	}
	v.Tabs = append(v.Tabs, view.Option{Value: "0", Label: "Akhir periode", Selected: checkin == 0})
	if checkin == 0 {
		v.Label = "Akhir periode"
	}
	add := func(sasaran, kelompok, judul string) {
		d := got[sasaran]
		it := view.PenilaianDiriItem{Sasaran: sasaran, Kelompok: kelompok, Judul: judul, Rating: d.Rating, RatingLabel: ratingLabel(d.Rating), Komentar: d.Komentar, Version: d.Version}
		if fail != nil {
			it.Rating, it.Komentar = values["r_"+sasaran], values["k_"+sasaran]
		}
		v.Items = append(v.Items, it)
	}
	for i, x := range rc.k.RHK {
		add("rhk:"+strconv.FormatInt(x.Kunci, 10), "Hasil kerja", fmt.Sprintf("RHK %d. %s", i+1, x.Uraian))
	}
	for _, n := range skp.BerAKHLAK {
		add("nilai:"+strconv.Itoa(n.No), "Perilaku kerja (BerAKHLAK)", fmt.Sprintf("%d. %s", n.No, n.Nama))
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
