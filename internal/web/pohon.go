package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/skp"
	"kinerja/web/view"
)

// pohon draws an OPD's performance tree for the active period: the kepala OPD sees
// their own OPD, the Admin BKD any OPD.
func (s *Server) pohon(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	opdID, _ := strconv.ParseInt(r.URL.Query().Get("opd"), 10, 64)
	if opdID == 0 {
		opdID = p.OPDID
	}
	if !canOpenOPD(p, opdID) {
		s.forbidden(w, r)
		return
	}
	per, choice, err := s.shownPeriod(r, "/pohon", "opd")
	if err == errNoPeriod {
		s.render(w, r, http.StatusOK, page{title: "Pohon kinerja", active: "/pohon", body: view.Empty("Belum ada periode penilaian yang dibuka.")})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := s.store.GetOPD(r.Context(), opdID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	nodes, err := s.store.Period(per.ID).Pohon(r.Context(), opdID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := pohonView(nodes)
	v.Tahun, v.OPD, v.ShowOPDSelect, v.Periode = per.Settings.Tahun, o.Nama, p.Roles.AdminBKD, choice
	if v.ShowOPDSelect {
		if v.OPDOptions, err = s.opdOptions(r, opdID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, page{title: "Pohon kinerja", active: "/pohon",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pohon kinerja"}}, body: view.PohonPage(v)})
}

// opdOptions lists every OPD for the Admin BKD's selector, opdID selected.
func (s *Server) opdOptions(r *http.Request, opdID int64) ([]view.Option, error) {
	opds, err := s.store.ListOPD(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]view.Option, 0, len(opds))
	for _, x := range opds {
		out = append(out, view.Option{Value: strconv.FormatInt(x.ID, 10), Label: x.Nama, Selected: x.ID == opdID})
	}
	return out, nil
}

// pohonView shows the tree that skp.BuildPohon builds from the OPD's participants.
func pohonView(nodes []skp.PohonNode) view.PohonView {
	t := skp.BuildPohon(nodes)
	v := view.PohonView{Peserta: t.Peserta, BelumAjukan: t.BelumAjukan, RHKTanpa: t.RHKTanpa}
	var person func(c *skp.Cabang) *view.PohonPerson
	person = func(c *skp.Cabang) *view.PohonPerson {
		pp := &view.PohonPerson{Nama: c.Nama, Jabatan: c.Jabatan, Status: "SKP belum dibuat", Missing: c.BelumAjukan}
		if c.SKPID != 0 {
			pp.Status, pp.Href = c.Status.Label(), skpHref(c.SKPID)
		}
		for _, r := range c.RHK {
			pp.RHK = append(pp.RHK, view.PohonRHKView{Uraian: r.Uraian, Didukung: r.Didukung, Mendukung: r.Mendukung, Tanpa: r.Tanpa})
		}
		for _, b := range c.Bawahan {
			pp.Bawahan = append(pp.Bawahan, person(b))
		}
		return pp
	}
	for _, c := range t.Roots {
		v.Roots = append(v.Roots, person(c))
	}
	v.Chart = view.BarChart{Title: "Status SKP peserta"}
	for _, st := range []skp.Status{skp.Disetujui, skp.Diajukan, skp.Dikembalikan, skp.Draft, ""} {
		label := st.Label()
		if st == "" {
			label = "Belum dibuat"
		}
		v.Chart.Bars = append(v.Chart.Bars, view.Bar{Label: label, Value: t.Status[st]})
	}
	return v
}
