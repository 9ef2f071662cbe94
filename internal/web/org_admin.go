package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/org"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// orgPage is a page of the organisation's admin forms.
func orgPage(crumbs []view.Crumb) page { return page{active: "/organisasi", crumbs: crumbs} }

func (s *Server) showForm(w http.ResponseWriter, r *http.Request, v view.FormView, crumbs []view.Crumb) {
	s.render(w, r, http.StatusOK, page{title: v.Title, active: "/organisasi", crumbs: crumbs, body: view.FormPage(v, csrfToken(r))})
}

// --- OPD

func (s *Server) opdForm(w http.ResponseWriter, r *http.Request) {
	var id int64
	v := view.FormView{Title: "Tambah perangkat daerah", Action: "/organisasi/baru", CancelHref: "/organisasi", Submit: "Simpan",
		Hidden: map[string]string{"version": "0"}}
	vals := map[string]string{}
	if p := chi.URLParam(r, "id"); p != "" {
		var ok bool
		if id, ok = pathID(p); !ok {
			s.notFound(w, r)
			return
		}
		o, err := s.store.GetOPD(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		ver, err := s.store.OPDVersion(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Title, v.Action, v.CancelHref = "Ubah perangkat daerah", opdHref(id)+"/ubah", opdHref(id)
		v.Hidden["version"] = strconv.Itoa(ver)
		vals = map[string]string{"kode": o.Kode, "nama": o.Nama, "singkatan": o.Singkatan}
	}
	if r.Method == http.MethodPost {
		vals = map[string]string{"kode": r.PostFormValue("kode"), "nama": r.PostFormValue("nama"), "singkatan": r.PostFormValue("singkatan")}
		v.Hidden["version"] = r.PostFormValue("version")
	}
	v.Fields = []view.FormField{
		{ID: "kode", Label: "Kode", Value: vals["kode"], Hint: "mis. 1.02", Max: 20},
		{ID: "nama", Label: "Nama perangkat daerah", Value: vals["nama"], Hint: "mis. Dinas Pendidikan", Max: 200},
		{ID: "singkatan", Label: "Singkatan", Value: vals["singkatan"], Hint: "mis. Disdik", Max: 30},
	}
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Organisasi", Href: "/organisasi"}, {Label: v.Title}}
	if r.Method == http.MethodGet {
		s.showForm(w, r, v, crumbs)
		return
	}
	version, _ := strconv.Atoi(v.Hidden["version"])
	newID, err := s.store.SaveOPD(r.Context(), actorOf(r), store.OPDChange{ID: id, Version: version, Kode: vals["kode"], Nama: vals["nama"], Singkatan: vals["singkatan"]})
	s.formOutcome(w, r, err, "Perangkat daerah "+strings.TrimSpace(vals["nama"])+" disimpan.", opdHref(newID), v, orgPage(crumbs))
}

func opdHref(id int64) string  { return "/organisasi/" + strconv.FormatInt(id, 10) }
func unitHref(id int64) string { return "/organisasi/unit/" + strconv.FormatInt(id, 10) }

// toggle renders a confirmation (GET) and runs set (POST) for deactivating or
// reactivating a record with a version.
func (s *Server) toggle(w http.ResponseWriter, r *http.Request, aktif bool, name, back string, version int,
	crumbs []view.Crumb, set func(ctx context.Context, version int) error) {
	title, question, button := "Nonaktifkan "+name, "Nonaktifkan "+name+"? Datanya tetap tersimpan dan dapat diaktifkan kembali.", "Nonaktifkan"
	if aktif {
		title, question, button = "Aktifkan kembali "+name, "Aktifkan kembali "+name+"?", "Aktifkan"
	}
	v := view.ConfirmView{Title: title, Question: question, Action: r.URL.Path, Button: button, Danger: !aktif, CancelHref: back,
		Hidden: map[string]string{"version": strconv.Itoa(version)}}
	crumbs = append(crumbs, view.Crumb{Label: title})
	if r.Method == http.MethodPost {
		ver, _ := strconv.Atoi(r.PostFormValue("version"))
		err := set(r.Context(), ver)
		s.confirmOutcome(w, r, err, name+map[bool]string{true: " diaktifkan kembali.", false: " dinonaktifkan."}[aktif], back, v, orgPage(crumbs))
		return
	}
	s.render(w, r, http.StatusOK, page{title: title, active: "/organisasi", crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
}

func (s *Server) opdAktif(aktif bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, o, ok := loadByID(s, w, r, s.store.GetOPD)
		if !ok {
			return
		}
		ver, err := s.store.OPDVersion(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Organisasi", Href: "/organisasi"}, {Label: o.Nama, Href: opdHref(id)}}
		s.toggle(w, r, aktif, o.Nama, opdHref(id), ver, crumbs, func(ctx context.Context, v int) error {
			return s.store.SetOPDAktif(ctx, actorOf(r), id, v, aktif)
		})
	}
}

// --- Unit kerja

func (s *Server) unitForm(w http.ResponseWriter, r *http.Request) {
	var id, opdID, parentID int64
	v := view.FormView{Title: "Tambah unit kerja", Action: "/organisasi/unit/baru", Submit: "Simpan", Hidden: map[string]string{"version": "0"}}
	nama := ""
	isRoot := false
	if p := chi.URLParam(r, "id"); p != "" {
		var ok bool
		if id, ok = pathID(p); !ok {
			s.notFound(w, r)
			return
		}
		u, err := s.store.GetUnit(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		ver, _, err := s.store.UnitVersion(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		opdID, parentID, nama, isRoot = u.OPDID, u.ParentID, u.Nama, u.ParentID == 0
		v.Title, v.Action, v.CancelHref = "Ubah unit kerja", unitHref(id)+"/ubah", unitHref(id)
		v.Hidden["version"] = strconv.Itoa(ver)
	} else {
		q := r.URL.Query()
		if r.Method == http.MethodPost {
			q = r.PostForm
		}
		opdID, _ = strconv.ParseInt(q.Get("opd"), 10, 64)
		parentID, _ = strconv.ParseInt(q.Get("induk"), 10, 64)
		if parentID != 0 {
			u, err := s.store.GetUnit(r.Context(), parentID)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			opdID = u.OPDID
		}
		if opdID == 0 {
			s.errorPage(w, r, http.StatusUnprocessableEntity, "Pilih perangkat daerah", "Tambah unit kerja dari halaman perangkat daerahnya.")
			return
		}
		v.CancelHref = opdHref(opdID)
		v.Hidden["opd"] = strconv.FormatInt(opdID, 10)
	}
	o, err := s.store.GetOPD(r.Context(), opdID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.Method == http.MethodPost {
		nama = r.PostFormValue("nama")
		parentID, _ = strconv.ParseInt(r.PostFormValue("induk"), 10, 64)
		v.Hidden["version"] = r.PostFormValue("version")
	}
	v.Fields = []view.FormField{{ID: "nama", Label: "Nama unit kerja", Value: nama, Hint: "mis. Seksi Kurikulum SD", Max: 200}}
	if !isRoot {
		units, err := s.store.UnitTree(r.Context(), opdID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var opts []view.Option
		skipDepth := -1
		for _, u := range units {
			// A unit cannot move under itself or its own sub-units.
			if skipDepth >= 0 && u.Depth > skipDepth {
				continue
			}
			skipDepth = -1
			if u.ID == id {
				skipDepth = u.Depth
				continue
			}
			opts = append(opts, view.Option{Value: strconv.FormatInt(u.ID, 10), Label: strings.Repeat("— ", u.Depth) + u.Nama, Selected: u.ID == parentID})
		}
		v.Fields = append(v.Fields, view.FormField{ID: "induk", Label: "Unit induk", Type: "select", Options: opts, Placeholder: "Pilih unit induk"})
	}
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Organisasi", Href: "/organisasi"}, {Label: o.Nama, Href: opdHref(o.ID)}, {Label: v.Title}}
	if r.Method == http.MethodGet {
		s.showForm(w, r, v, crumbs)
		return
	}
	version, _ := strconv.Atoi(v.Hidden["version"])
	newID, err := s.store.SaveUnit(r.Context(), actorOf(r), store.UnitChange{ID: id, Version: version, OPDID: opdID, ParentID: parentID, Nama: nama})
	s.formOutcome(w, r, err, "Unit kerja "+strings.TrimSpace(nama)+" disimpan.", unitHref(newID), v, orgPage(crumbs))
}

func (s *Server) unitAktif(aktif bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, u, ok := loadByID(s, w, r, s.store.GetUnit)
		if !ok {
			return
		}
		ver, _, err := s.store.UnitVersion(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Organisasi", Href: "/organisasi"}, {Label: u.Nama, Href: unitHref(id)}}
		s.toggle(w, r, aktif, u.Nama, unitHref(id), ver, crumbs, func(ctx context.Context, v int) error {
			return s.store.SetUnitAktif(ctx, actorOf(r), id, v, aktif)
		})
	}
}

// --- Jabatan

func (s *Server) jabatanForm(w http.ResponseWriter, r *http.Request) {
	var id, unitID int64
	v := view.FormView{Title: "Tambah jabatan", Action: "/organisasi/jabatan/baru", Submit: "Simpan", Hidden: map[string]string{"version": "0"}}
	var j store.Jabatan
	if p := chi.URLParam(r, "id"); p != "" {
		var ok bool
		if id, ok = pathID(p); !ok {
			s.notFound(w, r)
			return
		}
		var err error
		if j, err = s.store.GetJabatan(r.Context(), id); err != nil {
			s.fail(w, r, err)
			return
		}
		unitID = j.UnitID
		v.Title, v.Action = "Ubah jabatan", "/organisasi/jabatan/"+strconv.FormatInt(id, 10)+"/ubah"
		v.Hidden["version"] = strconv.Itoa(j.Version)
	} else {
		q := r.URL.Query()
		if r.Method == http.MethodPost {
			q = r.PostForm
		}
		unitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
		v.Hidden["unit"] = strconv.FormatInt(unitID, 10)
	}
	u, err := s.store.GetUnit(r.Context(), unitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.CancelHref = unitHref(unitID)
	if r.Method == http.MethodPost {
		j.Nama, j.Jenis, j.Kepala = r.PostFormValue("nama"), r.PostFormValue("jenis"), r.PostFormValue("kepala") != ""
		v.Hidden["version"] = r.PostFormValue("version")
	}
	var jenis []view.Option
	for _, code := range []string{org.JPTPratama, org.Administrator, org.Pengawas, org.Pelaksana, org.Fungsional} {
		jenis = append(jenis, view.Option{Value: code, Label: org.JenisJabatanLabel(code), Selected: code == j.Jenis})
	}
	v.Fields = []view.FormField{
		{ID: "nama", Label: "Nama jabatan", Value: j.Nama, Hint: "mis. Kepala Seksi Kurikulum SD", Max: 200},
		{ID: "jenis", Label: "Jenis jabatan", Type: "select", Options: jenis, Placeholder: "Pilih jenis jabatan"},
		{ID: "kepala", Label: "Kepala unit kerja ini", Type: "checkbox", Checked: j.Kepala},
	}
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Organisasi", Href: "/organisasi"}, {Label: u.Nama, Href: unitHref(unitID)}, {Label: v.Title}}
	if r.Method == http.MethodGet {
		s.showForm(w, r, v, crumbs)
		return
	}
	version, _ := strconv.Atoi(v.Hidden["version"])
	_, err = s.store.SaveJabatan(r.Context(), actorOf(r), store.JabatanChange{ID: id, Version: version, UnitID: unitID, Nama: j.Nama, Jenis: j.Jenis, Kepala: j.Kepala})
	s.formOutcome(w, r, err, "Jabatan "+strings.TrimSpace(j.Nama)+" disimpan.", unitHref(unitID), v, orgPage(crumbs))
}

func (s *Server) jabatanAktif(aktif bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, j, ok := loadByID(s, w, r, s.store.GetJabatan)
		if !ok {
			return
		}
		u, err := s.store.GetUnit(r.Context(), j.UnitID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Organisasi", Href: "/organisasi"}, {Label: u.Nama, Href: unitHref(u.ID)}}
		s.toggle(w, r, aktif, "jabatan "+j.Nama, unitHref(u.ID), j.Version, crumbs, func(ctx context.Context, v int) error {
			return s.store.SetJabatanAktif(ctx, actorOf(r), id, v, aktif)
		})
	}
}
