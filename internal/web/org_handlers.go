package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/org"
	"kinerja/internal/store"
	"kinerja/web/view"
)

const perPage = 25

func (s *Server) opdList(w http.ResponseWriter, r *http.Request) {
	opds, err := s.store.ListOPD(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.OPDList{Chart: view.BarChart{Title: "Jumlah pegawai aktif per perangkat daerah"}}
	for _, o := range opds {
		v.Rows = append(v.Rows, view.OPDRow{Aktif: o.Aktif, Kode: o.Kode, Nama: o.Nama, Singkatan: o.Singkatan, Kepala: o.Kepala,
			JumlahUnit: o.JumlahUnit, JumlahPegawai: o.JumlahPegawai, Href: "/organisasi/" + strconv.FormatInt(o.ID, 10)})
		v.TotalPegawai += o.JumlahPegawai
		label := o.Singkatan
		if label == "" {
			label = o.Nama
		}
		v.Chart.Bars = append(v.Chart.Bars, view.Bar{Label: label, Value: o.JumlahPegawai})
	}
	s.render(w, r, http.StatusOK, page{title: "Organisasi", active: "/organisasi",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Organisasi"}}, body: view.OPDListPage(v)})
}

func (s *Server) opdCrumbs(r *http.Request, o org.OPD) []view.Crumb {
	p, _ := principal(r)
	c := []view.Crumb{{Label: "Beranda", Href: "/"}}
	if p.Roles.AdminBKD {
		c = append(c, view.Crumb{Label: "Organisasi", Href: "/organisasi"})
	}
	return append(c, view.Crumb{Label: o.Nama, Href: "/organisasi/" + strconv.FormatInt(o.ID, 10)})
}

func (s *Server) opdDetail(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return
	}
	if !canOpenOPD(p, id) {
		s.forbidden(w, r)
		return
	}
	o, err := s.store.GetOPD(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.store.UnitTree(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.OPDDetail{ID: o.ID, CanEdit: p.Roles.AdminBKD, Aktif: o.Aktif, Nama: o.Nama, Kode: o.Kode, Singkatan: o.Singkatan,
		JumlahUnit: o.JumlahUnit, JumlahPegawai: o.JumlahPegawai}
	if v.CanEdit {
		inactive, err := s.store.InactiveUnits(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, u := range inactive {
			v.Inactive = append(v.Inactive, view.PersonLink{Nama: u.Nama, Href: unitHref(u.ID)})
		}
	}
	if o.KepalaID != 0 {
		v.Kepala = &view.PersonLink{Nama: o.Kepala, Href: profileHref(o.KepalaID)}
	}
	v.Root = buildTree(units)
	if v.Predikat, err = s.predikatLines(r, id); err != nil {
		s.fail(w, r, err)
		return
	}
	active := "/organisasi"
	if !p.Roles.AdminBKD {
		active = "/organisasi/" + strconv.FormatInt(id, 10)
	}
	crumbs := s.opdCrumbs(r, o)
	crumbs[len(crumbs)-1].Href = ""
	s.render(w, r, http.StatusOK, page{title: o.Nama, active: active, crumbs: crumbs, body: view.OPDDetailPage(v)})
}

// buildTree nests units given in tree order (parents first) under the root.
func buildTree(units []org.Unit) *view.TreeNode {
	nodes := make(map[int64]*view.TreeNode, len(units))
	var root *view.TreeNode
	for _, u := range units {
		n := &view.TreeNode{Nama: u.Nama, Href: "/organisasi/unit/" + strconv.FormatInt(u.ID, 10),
			JabatanKepala: u.JabatanKepala, Jumlah: u.JumlahPegawai, Total: u.JumlahTotal}
		if u.KepalaID != 0 {
			n.Kepala = &view.PersonLink{Nama: u.Kepala, Href: profileHref(u.KepalaID)}
		}
		nodes[u.ID] = n
		if parent, ok := nodes[u.ParentID]; ok {
			parent.Children = append(parent.Children, n)
		} else if root == nil {
			root = n
		}
	}
	return root
}

func (s *Server) unitDetail(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	id, u, ok := loadByID(s, w, r, s.store.GetUnit)
	if !ok {
		return
	}
	if !canOpenOPD(p, u.OPDID) {
		s.forbidden(w, r)
		return
	}
	o, err := s.store.GetOPD(r.Context(), u.OPDID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := pageNumber(r)
	list, total, err := s.store.SearchPegawai(r.Context(), store.PegawaiFilter{UnitID: id, Offset: (pg - 1) * perPage, Limit: perPage})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.UnitDetail{Nama: u.Nama, OPD: o.Nama, OPDHref: "/organisasi/" + strconv.FormatInt(o.ID, 10), JabatanKepala: u.JabatanKepala,
		Rows: rows(p, list, false), Pager: view.Pager{Page: pg, PerPage: perPage, Total: total, BaseURL: r.URL.RequestURI()}}
	if u.KepalaID != 0 {
		v.Kepala = &view.PersonLink{Nama: u.Kepala, Href: profileHref(u.KepalaID)}
	}
	v.ID, v.CanEdit = u.ID, p.Roles.AdminBKD
	_, aktif, err := s.store.UnitVersion(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Aktif = aktif
	if v.CanEdit {
		jabs, err := s.store.ListJabatan(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, j := range jabs {
			base := "/organisasi/jabatan/" + strconv.FormatInt(j.ID, 10)
			toggle := base + "/nonaktifkan"
			if !j.Aktif {
				toggle = base + "/aktifkan"
			}
			v.Jabatan = append(v.Jabatan, view.JabatanRow{Nama: j.Nama, Jenis: org.JenisJabatanLabel(j.Jenis), Kepala: j.Kepala, Aktif: j.Aktif,
				Pejabat: j.Pejabat, EditHref: base + "/ubah", ToggleHref: toggle})
		}
	}
	active := "/organisasi"
	if !p.Roles.AdminBKD {
		active = "/organisasi/" + strconv.FormatInt(o.ID, 10)
	}
	crumbs := append(s.opdCrumbs(r, o), view.Crumb{Label: u.Nama})
	s.render(w, r, http.StatusOK, page{title: u.Nama, active: active, crumbs: crumbs, body: view.UnitPage(v)})
}

// pageNumber reads ?page=, defaulting to 1 for anything that is not a positive number.
func pageNumber(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 100000 {
		return 1
	}
	return n
}
