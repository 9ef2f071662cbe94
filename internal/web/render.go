package web

import (
	"bytes"
	stdhtml "html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/a-h/templ"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
	"kinerja/internal/store"
	"kinerja/web/view"
)

const flashKey = "flash"

// bufPool reuses the buffers pages are rendered into.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// page describes one page to render in the layout.
type page struct {
	refresh int
	title   string
	active  string // nav href to mark as current
	crumbs  []view.Crumb
	body    templ.Component
}

// render writes a full page with the given status. It renders into a buffer first so
// a template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, pg page) {
	m := view.Meta{Title: pg.title, Active: pg.active, Breadcrumbs: pg.crumbs, CSRF: csrfToken(r), Refresh: pg.refresh}
	body := pg.body
	if status == http.StatusUnprocessableEntity {
		// A form returned with errors says so first, for screen readers and tabs alike.
		m.Title = "Galat: " + m.Title
		var err error
		if body, m.Errors, err = errorSummary(r, pg.body); err != nil {
			s.log.ErrorContext(r.Context(), "render", "path", r.URL.Path, "err", err)
			http.Error(w, "Terjadi kesalahan.", http.StatusInternalServerError)
			return
		}
	}
	if p, ok := principal(r); ok {
		m.User = &view.User{Nama: p.Nama, NIP: p.NIP, Peran: roleLabels(p.Roles), BelumDibaca: p.BelumDibaca}
		m.Nav = navFor(p)
	}
	if s.sessions != nil && r.Context().Value(csrfKey) != nil {
		if msg := s.sessions.PopString(r.Context(), flashKey); msg != "" {
			kind := s.sessions.PopString(r.Context(), flashKey+"_kind")
			if kind == "" {
				kind = "sukses"
			}
			m.Flash = &view.Flash{Kind: kind, Message: msg}
		}
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := view.Page(m, body).Render(r.Context(), buf); err != nil {
		s.log.ErrorContext(r.Context(), "render", "path", r.URL.Path, "err", err)
		http.Error(w, "Terjadi kesalahan.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// A known length spares chunked encoding: the page leaves in fewer writes.
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// flash stores a one-time message for the next page.
func (s *Server) flash(r *http.Request, kind, msg string) {
	s.sessions.Put(r.Context(), flashKey, msg)
	s.sessions.Put(r.Context(), flashKey+"_kind", kind)
}

func roleLabels(ro auth.Roles) []string {
	out := []string{"Pegawai"}
	if ro.Penilai {
		out = append(out, "Penilai")
	}
	if ro.KepalaOPD {
		out = append(out, "Kepala OPD")
	}
	if ro.AdminBKD {
		out = append(out, "Admin BKD")
	}
	return out
}

// navFor builds the menu from the person's roles; it shows only what they may open.
func navFor(p auth.Principal) []view.NavGroup {
	groups := []view.NavGroup{{Items: []view.NavItem{{Label: "Beranda", Href: "/"}, {Label: "SKP Saya", Href: "/skp"}, {Label: "Keberatan", Href: "/keberatan"}}}}
	if p.Roles.Penilai {
		groups = append(groups, view.NavGroup{Title: "Penilai", Items: []view.NavItem{{Label: "SKP Bawahan", Href: "/skp/bawahan"}, {Label: "Penilaian", Href: "/penilaian"},
			{Label: "Bawahan Langsung", Href: "/bawahan"}}})
		if !p.Roles.KepalaOPD && !p.Roles.AdminBKD {
			groups[1].Items = append(groups[1].Items, view.NavItem{Label: "Laporan", Href: "/laporan"})
		}
	}
	if p.Roles.KepalaOPD {
		groups = append(groups, view.NavGroup{Title: "Kepala OPD", Items: []view.NavItem{{Label: "OPD Saya", Href: "/organisasi/" + strconv.FormatInt(p.OPDID, 10)},
			{Label: "Pohon Kinerja", Href: "/pohon"}, {Label: "Laporan", Href: "/laporan"}}})
	}
	if p.Roles.AdminBKD {
		groups = append(groups, view.NavGroup{Title: "Admin BKD", Items: []view.NavItem{
			{Label: "Organisasi", Href: "/organisasi"},
			{Label: "Pegawai", Href: "/pegawai"},
			{Label: "Periode", Href: "/periode"},
			{Label: "Pohon Kinerja", Href: "/pohon"},
			{Label: "Laporan", Href: "/laporan"},
			{Label: "Periksa Data", Href: "/periksa"},
			{Label: "Impor Pegawai", Href: "/impor"},
			{Label: "Frasa", Href: "/frasa"},
			{Label: "Akun", Href: "/akun"},
			{Label: "Audit", Href: "/audit"},
			{Label: "Kotak Keluar", Href: "/surel"},
		}})
	}
	return groups
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, title, msg string) {
	s.render(w, r, status, page{title: title, body: view.ErrorPage(view.ErrorView{Status: status, Title: title, Message: msg, Kode: requestIDOf(r.Context())})})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "Halaman tidak ditemukan", "Alamat yang Anda buka tidak ada atau sudah dipindahkan.")
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusMethodNotAllowed, "Metode tidak diizinkan", "Permintaan ini tidak dapat diproses di alamat tersebut.")
}

func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusForbidden, "Akses ditolak", "Anda tidak memiliki hak untuk membuka halaman ini.")
}

// serverError logs err in full and shows a page that hides it.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if store.Unavailable(err) {
		s.unavailable(w, r, err)
		return
	}
	s.log.ErrorContext(r.Context(), "server error", "method", r.Method, "path", r.URL.Path, "err", err)
	s.errorPage(w, r, http.StatusInternalServerError, "Terjadi kesalahan", "Maaf, terjadi kesalahan pada sistem. Silakan coba lagi beberapa saat lagi.")
}

// fail shows an application error with its safe message, or a generic 500 otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	e := apperr.As(err)
	if e == nil {
		s.serverError(w, r, err)
		return
	}
	switch e.Code {
	case apperr.NotFound:
		s.errorPage(w, r, http.StatusNotFound, "Tidak ditemukan", e.Message)
	case apperr.Forbidden:
		s.errorPage(w, r, http.StatusForbidden, "Akses ditolak", e.Message)
	case apperr.Conflict:
		s.errorPage(w, r, http.StatusConflict, "Terjadi konflik", e.Message)
	case apperr.TooMany:
		s.errorPage(w, r, http.StatusTooManyRequests, "Terlalu banyak permintaan", e.Message)
	default:
		s.errorPage(w, r, http.StatusUnprocessableEntity, "Permintaan tidak valid", e.Message)
	}
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// fieldErrorRe finds the inline error of a field as the view components write it:
// <p class="field-error" id="FIELD-error">message</p>.
var fieldErrorRe = regexp.MustCompile(`<p class="field-error" id="([^"]+)-error"[^>]*>([^<]*)</p>`)

// errorSummary renders the content of a form returned with errors and lists its
// inline errors, in page order, as links to their fields (to the message itself when
// the error belongs to no single field). Reading them from the page keeps the
// summary and the inline messages the same on every form.
func errorSummary(r *http.Request, content templ.Component) (templ.Component, []view.Link, error) {
	var b strings.Builder
	if err := content.Render(r.Context(), &b); err != nil {
		return nil, nil, err
	}
	html := b.String()
	var out []view.Link
	for _, m := range fieldErrorRe.FindAllStringSubmatch(html, -1) {
		target := m[1]
		if !strings.Contains(html, `id="`+target+`"`) {
			target += "-error"
		}
		out = append(out, view.Link{Label: stdhtml.UnescapeString(m[2]), Href: "#" + target})
	}
	return templ.Raw(html), out, nil
}
