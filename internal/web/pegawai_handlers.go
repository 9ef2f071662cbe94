package web

import (
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/store"
	"kinerja/web/view"
)

func (s *Server) pegawaiSearch(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	q := r.URL.Query().Get("q")
	v := view.PegawaiSearch{Q: q, Errors: map[string]string{}}
	opdID, _ := strconv.ParseInt(r.URL.Query().Get("opd"), 10, 64)
	opds, err := s.store.ListOPD(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	known := false
	for _, o := range opds {
		sel := o.ID == opdID
		known = known || sel
		v.OPD = append(v.OPD, view.Option{Value: strconv.FormatInt(o.ID, 10), Label: o.Nama, Selected: sel})
	}
	if !known {
		opdID = 0
	}
	status := http.StatusOK
	if utf8.RuneCountInString(q) > 100 || !utf8.ValidString(q) {
		v.Errors["q"] = "Kata kunci terlalu panjang (paling banyak 100 karakter)."
		status = http.StatusUnprocessableEntity
	} else {
		pg := pageNumber(r)
		list, total, err := s.store.SearchPegawai(r.Context(), store.PegawaiFilter{Q: q, OPDID: opdID, Offset: (pg - 1) * perPage, Limit: perPage})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Rows = rows(p, list, false)
		v.Pager = view.Pager{Page: pg, PerPage: perPage, Total: total, BaseURL: r.URL.RequestURI()}
	}
	s.render(w, r, status, page{title: "Pegawai", active: "/pegawai",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pegawai"}}, body: view.PegawaiSearchPage(v)})
}

func (s *Server) pegawaiProfile(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return
	}
	target, err := s.store.GetPegawai(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	allowed, err := s.canView(r, p, target)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !allowed {
		s.forbidden(w, r)
		return
	}
	chain, err := s.store.AtasanChain(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	bawahan, nBawahan, err := s.store.SearchPegawai(r.Context(), store.PegawaiFilter{AtasanID: id, Limit: 200})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The viewer stands above everyone in the chain below their own position.
	viewerAt := -1
	for i, c := range chain {
		if c.ID == p.PegawaiID {
			viewerAt = i
		}
	}
	ident := identity(target, viewerAt >= 0 || byRole(p, target.Atasan()))
	v := view.Profile{Identity: ident}
	v.Chain = append(v.Chain, view.PersonLink{Nama: target.NamaLengkap(), NIP: ident.NIP, Jabatan: target.Jabatan, Href: profileHref(target.ID)})
	for i, c := range chain {
		l := view.PersonLink{Nama: c.NamaLengkap(), Jabatan: c.Jabatan}
		if i <= viewerAt || byRole(p, c) {
			l.Href = profileHref(c.ID)
		}
		v.Chain = append(v.Chain, l)
	}
	v.Bawahan = rows(p, bawahan, true)
	v.JumlahBawahan = nBawahan
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}}
	active := ""
	if p.Roles.AdminBKD {
		crumbs = append(crumbs, view.Crumb{Label: "Pegawai", Href: "/pegawai"})
		active = "/pegawai"
	}
	crumbs = append(crumbs, view.Crumb{Label: target.NamaLengkap()})
	s.render(w, r, http.StatusOK, page{title: target.NamaLengkap(), active: active, crumbs: crumbs, body: view.ProfilePage(v)})
}

func (s *Server) bawahan(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	list, _, err := s.store.SearchPegawai(r.Context(), store.PegawaiFilter{AtasanID: p.PegawaiID, Limit: 200})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, page{title: "Bawahan Langsung", active: "/bawahan",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Bawahan Langsung"}},
		body:   view.BawahanPage(view.BawahanList{Rows: rows(p, list, true)})})
}
