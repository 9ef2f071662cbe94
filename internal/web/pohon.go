package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/apperr"
	"kinerja/internal/skp"
	"kinerja/internal/store"
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
	per, err := s.store.ActivePeriod(r.Context())
	if apperr.Is(err, apperr.NotFound) {
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
	v := buildPohon(nodes)
	v.Tahun, v.OPD, v.ShowOPDSelect = per.Settings.Tahun, o.Nama, p.Roles.AdminBKD
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

// buildPohon nests participants under their penilai and counts the gaps: plans not
// submitted, and RHK of someone with subordinates that none of their RHK supports.
func buildPohon(nodes []store.PohonNode) view.PohonView {
	v := view.PohonView{Peserta: len(nodes)}
	people := make(map[int64]*view.PohonPerson, len(nodes))
	supported := map[int64]int{}
	uraian := map[int64]string{}
	for _, n := range nodes {
		for _, r := range n.RHK {
			uraian[r.Kunci] = r.Uraian
			if r.AtasanKunci != 0 {
				supported[r.AtasanKunci]++
			}
		}
	}
	hasSub := map[int64]bool{}
	for _, n := range nodes {
		hasSub[n.PenilaiID] = true
	}
	status := map[string]int{}
	for _, n := range nodes {
		pp := &view.PohonPerson{Nama: n.Nama, Jabatan: n.Jabatan, Status: "SKP belum dibuat", Missing: true}
		if n.SKPID != 0 {
			st := skp.Status(n.Status)
			pp.Status, pp.Href = st.Label(), skpHref(n.SKPID)
			pp.Missing = st == skp.Draft || st == skp.Dikembalikan
			status[st.Label()]++
		} else {
			status["Belum dibuat"]++
		}
		if pp.Missing {
			v.BelumAjukan++
		}
		for _, r := range n.RHK {
			rv := view.PohonRHKView{Uraian: r.Uraian, Didukung: supported[r.Kunci], Mendukung: uraian[r.AtasanKunci]}
			if hasSub[n.PegawaiID] && r.Jenis == "utama" && rv.Didukung == 0 {
				rv.Tanpa = true
				v.RHKTanpa++
			}
			pp.RHK = append(pp.RHK, rv)
		}
		people[n.PegawaiID] = pp
	}
	for _, n := range nodes {
		if parent, ok := people[n.PenilaiID]; ok && n.PenilaiID != n.PegawaiID {
			parent.Bawahan = append(parent.Bawahan, people[n.PegawaiID])
		} else {
			v.Roots = append(v.Roots, people[n.PegawaiID])
		}
	}
	v.Chart = view.BarChart{Title: "Status SKP peserta"}
	for _, st := range []string{"Disetujui", "Diajukan", "Dikembalikan", "Draft", "Belum dibuat"} {
		v.Chart.Bars = append(v.Chart.Bars, view.Bar{Label: st, Value: status[st]})
	}
	return v
}
