package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"time"
)

// maxUpload is the largest file an upload may carry.
const maxUpload = 20 << 20

const (
	csrfCookie = "kinerja_csrf"
	csrfField  = "csrf_token"
	csrfHeader = "X-CSRF-Token"
)

// csrf protects every non-GET request twice: the standard library's cross-origin
// check (Sec-Fetch-Site / Origin), and a double-submit token that every form carries
// in csrf_token and that must equal the HttpOnly, SameSite cookie set on first visit.
// It fails closed: a form that cannot be read whole (too large, malformed) is refused
// here, before any handler runs, since its token cannot be checked.
func (s *Server) csrf(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.csrfFailed))
	check := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := ""
		if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
			token = c.Value
		}
		safe := r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions
		if !safe {
			// The form is parsed here whether or not the token came in a header, so
			// cleanInput sees every value.
			sent := r.Header.Get(csrfHeader)
			// A body that trickles in is cut off (408) instead of holding the request.
			_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.uploadTimeout))
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
				if err := r.ParseMultipartForm(8 << 20); err != nil {
					s.unreadableForm(w, r, err)
					return
				}
			} else {
				r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
				if err := r.ParseForm(); err != nil {
					s.unreadableForm(w, r, err)
					return
				}
			}
			if sent == "" {
				sent = r.PostFormValue(csrfField)
			}
			if token == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
				s.csrfFailed(w, r)
				return
			}
		}
		if token == "" {
			token = s.newCSRFCookie(w)
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), csrfKey, token)))
	})
	return cop.Handler(check)
}

// newCSRFCookie sets a fresh token cookie and returns the token. Signing in and out
// call it too, so a token seen before either is worth nothing after it.
func (s *Server) newCSRFCookie(w http.ResponseWriter) string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode})
	return token
}

func csrfToken(r *http.Request) string {
	t, _ := r.Context().Value(csrfKey).(string)
	return t
}

// unreadableForm refuses a form the server could not read: 413 for one over the upload
// limit, 400 otherwise. Nothing has run and nothing is saved.
func (s *Server) unreadableForm(w http.ResponseWriter, r *http.Request, err error) {
	if readTimeout(err) {
		s.log.WarnContext(r.Context(), "slow form body", "method", r.Method, "path", r.URL.Path, "ip", clientIP(r))
		w.Header().Set("Connection", "close")
		// The server cancels the request's context when its body read fails; the page
		// is still written.
		r = r.WithContext(context.WithoutCancel(r.Context()))
		s.errorPage(w, r, http.StatusRequestTimeout, "Unggahan terlalu lama",
			"Isian atau berkas tidak terkirim utuh dalam batas waktu, biasanya karena koneksi lambat. Tidak ada yang disimpan: coba lagi dengan koneksi yang lebih baik atau berkas yang lebih kecil.")
		return
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.errorPage(w, r, http.StatusRequestEntityTooLarge, "Berkas terlalu besar",
			"Unggahan paling besar 20 MB (bukti dukung 10 MB) dan isian formulir paling besar 1 MB. Tidak ada yang disimpan: kembali ke formulir dan pilih berkas yang lebih kecil.")
		return
	}
	s.log.WarnContext(r.Context(), "unreadable form", "method", r.Method, "path", r.URL.Path, "ip", clientIP(r), "err", err)
	s.errorPage(w, r, http.StatusBadRequest, "Formulir tidak dapat dibaca", "Isian formulir tidak terbaca utuh. Tidak ada yang disimpan: muat ulang halaman, lalu coba lagi.")
}

func (s *Server) csrfFailed(w http.ResponseWriter, r *http.Request) {
	s.log.WarnContext(r.Context(), "csrf refused", "method", r.Method, "path", r.URL.Path, "ip", clientIP(r))
	s.errorPage(w, r, http.StatusForbidden, "Permintaan ditolak",
		"Token keamanan formulir tidak valid atau sudah kedaluwarsa. Muat ulang halaman, lalu coba lagi.")
}
