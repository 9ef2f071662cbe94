package web

import (
	"fmt"
	"net/http"
	"strconv"

	"kinerja/internal/apperr"
	"kinerja/internal/skp"
	"kinerja/web/view"
)

// frasaLabel names what a phrase is for.
func frasaLabel(f skp.Frasa) string {
	if f.Jenis == skp.FrasaEkspektasi && f.Nilai >= 1 && f.Nilai <= len(skp.BerAKHLAK) {
		return "Ekspektasi: " + skp.BerAKHLAK[f.Nilai-1].Nama
	}
	return "Umpan balik"
}

// frasaPage is the Admin BKD's phrase library: list, add, deactivate and reactivate.
func (s *Server) frasaPage(w http.ResponseWriter, r *http.Request) {
	status := http.StatusOK
	var fail *apperr.Error
	if r.Method == http.MethodPost {
		var err error
		msg := ""
		switch r.PostFormValue("aksi") {
		case "tambah":
			nilai, _ := strconv.Atoi(r.PostFormValue("nilai"))
			f, errs := skp.CheckFrasa(r.PostFormValue("jenis"), nilai, r.PostFormValue("teks"))
			if errs != nil {
				err = apperr.Validation(errs)
			} else {
				_, err = s.store.AddFrasa(r.Context(), actorOf(r), f)
			}
			msg = "Frasa ditambahkan."
		case "nonaktifkan", "aktifkan":
			id, ok := pathID(r.PostFormValue("id"))
			if !ok {
				s.notFound(w, r)
				return
			}
			aktif := r.PostFormValue("aksi") == "aktifkan"
			err, msg = s.store.SetFrasaAktif(r.Context(), actorOf(r), id, aktif), map[bool]string{true: "Frasa diaktifkan.", false: "Frasa dinonaktifkan."}[aktif]
		default:
			s.errorPage(w, r, http.StatusUnprocessableEntity, "Permintaan tidak valid", "Pilih tindakan pada pustaka frasa.")
			return
		}
		var done bool
		if fail, status, done = s.outcome(w, r, err, msg, "/frasa"); done {
			return
		}
	}
	list, err := s.store.ListFrasa(r.Context(), false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.FrasaPage{CSRF: csrfToken(r), Errors: map[string]string{}}
	if fail != nil {
		v.Message, v.Errors, v.Teks = fail.Message, fail.Fields, r.PostFormValue("teks")
	}
	for _, j := range []struct{ kode, label string }{{skp.FrasaEkspektasi, "Ekspektasi khusus pimpinan"}, {skp.FrasaUmpanBalik, "Umpan balik"}} {
		v.Jenis = append(v.Jenis, view.Option{Value: j.kode, Label: j.label, Selected: fail != nil && r.PostFormValue("jenis") == j.kode})
	}
	for _, n := range skp.BerAKHLAK {
		v.Nilai = append(v.Nilai, view.Option{Value: strconv.Itoa(n.No), Label: fmt.Sprintf("%d. %s", n.No, n.Nama), Selected: fail != nil && r.PostFormValue("nilai") == strconv.Itoa(n.No)})
	}
	for _, f := range list {
		v.Rows = append(v.Rows, view.FrasaRow{ID: f.ID, Untuk: frasaLabel(f), Teks: f.Teks, Aktif: f.Aktif})
	}
	s.render(w, r, status, page{title: "Pustaka frasa", active: "/frasa",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pustaka frasa"}}, body: view.FrasaView(v)})
}

// frasaOptions are the active phrases of a kind (and value, for ekspektasi) to pick
// from, by id.
func frasaOptions(list []skp.Frasa, jenis string, nilai int) []view.Option {
	var out []view.Option
	for _, f := range list {
		if f.Aktif && f.Jenis == jenis && f.Nilai == nilai {
			label := f.Teks
			if r := []rune(label); len(r) > 90 {
				label = string(r[:90]) + "…"
			}
			out = append(out, view.Option{Value: strconv.FormatInt(f.ID, 10), Label: label})
		}
	}
	return out
}

// frasaText is the text of an active phrase by the id picked; "" for none.
func frasaText(list []skp.Frasa, picked string) string {
	for _, f := range list {
		if strconv.FormatInt(f.ID, 10) == picked && f.Aktif {
			return f.Teks
		}
	}
	return ""
}
