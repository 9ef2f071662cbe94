package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
	"kinerja/internal/org"
	"kinerja/web/view"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := principal(r); ok {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, view.LoginForm{Next: safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, f view.LoginForm) {
	s.render(w, r, status, page{title: "Masuk", body: view.LoginPage(f, csrfToken(r))})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	nip := org.NormalizeNIP(r.PostFormValue("nip"))
	password := r.PostFormValue("password")
	f := view.LoginForm{NIP: nip, Next: safeNext(r.PostFormValue("next")), Errors: map[string]string{}}
	switch {
	case nip == "":
		f.Errors["nip"] = "NIP wajib diisi."
	case len(nip) != 18 || strings.Trim(nip, "0123456789") != "":
		f.Errors["nip"] = "NIP harus 18 digit angka."
	}
	if password == "" {
		f.Errors["password"] = "Kata sandi wajib diisi."
	}
	if len(f.Errors) > 0 {
		s.renderLogin(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	akunID, err := auth.Login(r.Context(), s.store, s.loginLimits, nip, password, clientIP(r), s.now())
	if e := apperr.As(err); e != nil {
		f.Message = e.Message
		status := http.StatusUnauthorized
		if e.Code == apperr.TooMany {
			status = http.StatusTooManyRequests
		}
		if s.metrics != nil {
			if status == http.StatusTooManyRequests {
				s.metrics.LoginLockouts.Inc()
			} else {
				s.metrics.LoginFailures.Inc()
			}
		}
		s.renderLogin(w, r, status, f)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// A fresh token at login defeats session fixation.
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.newCSRFCookie(w)
	s.sessions.Put(r.Context(), sessionAkunKey, akunID)
	s.sessions.Put(r.Context(), sessionSeenKey, s.now().Unix())
	next := f.Next
	if next == "" {
		next = "/"
	}
	s.outcome(w, r, nil, "", next)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if p, ok := principal(r); ok {
		if err := s.store.RecordLogout(r.Context(), p, clientIP(r)); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.newCSRFCookie(w)
	s.notice(w, r, "Anda telah keluar.", "/login")
}

// safeNext keeps only a same-site path, so a login link cannot redirect off-site. The
// value is taken as it is, never cleaned: it must start with one slash, hold no
// control or format character (browsers drop tabs and newlines, turning "/\t/host" into
// "//host"), no backslash (read as a slash), and parse as a path without scheme or
// authority.
func safeNext(next string) string {
	if len(next) > 500 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') {
		return ""
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f || unicode.IsControl(c) || unicode.Is(unicode.Cf, c) {
			return ""
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return ""
	}
	return next
}
