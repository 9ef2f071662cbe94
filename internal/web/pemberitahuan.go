package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/notif"
	"kinerja/web/view"
)

const notifPerPage = 30

// pemberitahuan lists the signed-in person's notices, newest first; ?belum=1 shows
// the unread ones only.
func (s *Server) pemberitahuan(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	belum := r.URL.Query().Get("belum") == "1"
	pg := pageNumber(r)
	list, total, unread, err := s.store.DaftarPemberitahuan(r.Context(), p.PegawaiID, belum, pg, notifPerPage)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	set, err := s.store.SurelSettingsOf(r.Context(), p.PegawaiID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.PemberitahuanView{Unread: unread, Belum: belum, Surel: set.Surel, Pilihan: preferenceLabel(set.Preferensi),
		Pager: view.Pager{Page: pg, PerPage: notifPerPage, Total: total, BaseURL: r.URL.RequestURI()},
		Tabs:  []view.Option{{Value: "", Label: "Semua", Selected: !belum}, {Value: "?belum=1", Label: "Belum dibaca", Selected: belum}}}
	for _, n := range list {
		v.Items = append(v.Items, view.PemberitahuanItem{ID: n.ID, Judul: n.Judul, Isi: n.Isi, Waktu: view.Waktu(n.CreatedAt.In(s.loc)), Dibaca: n.DibacaAt != nil})
		v.MaxID = max(v.MaxID, n.ID)
	}
	s.render(w, r, http.StatusOK, page{title: "Pemberitahuan", active: "/pemberitahuan",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pemberitahuan"}}, body: view.PemberitahuanPage(v, csrfToken(r))})
}

func preferenceLabel(p notif.Preferensi) string {
	for _, x := range notif.Preferences {
		if x.Value == p {
			return x.Label
		}
	}
	return string(p)
}

// bukaPemberitahuan marks one of the person's notices read and goes where it points.
// Another person's notice is not found.
func (s *Server) bukaPemberitahuan(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return
	}
	p, _ := principal(r)
	link, err := s.store.BukaPemberitahuan(r.Context(), p.PegawaiID, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !notif.LocalPath(link) {
		link = "/pemberitahuan"
	}
	http.Redirect(w, r, link, http.StatusSeeOther)
}

// tandaiDibaca marks the person's notices read, up to the newest they saw.
func (s *Server) tandaiDibaca(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	upTo, err := strconv.ParseInt(r.PostFormValue("sampai"), 10, 64)
	if err != nil || upTo <= 0 {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "Permintaan tidak valid", "Muat ulang halaman Pemberitahuan, lalu coba lagi.")
		return
	}
	n, err := s.store.TandaiSemuaDibaca(r.Context(), p.PegawaiID, upTo)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.notice(w, r, strconv.Itoa(n)+" pemberitahuan ditandai sudah dibaca.", "/pemberitahuan")
}
