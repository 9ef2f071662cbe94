package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
	"kinerja/internal/store"
)

type ctxKey int

const (
	principalKey ctxKey = iota
	csrfKey
)

const (
	sessionAkunKey = "akun_id"
	sessionSeenKey = "seen" // unix seconds of the last request, refreshed once a minute
)

// securityHeaders sets a strict Content-Security-Policy and friends on every response.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "+
			"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		next.ServeHTTP(w, r)
	})
}

// noStore keeps personal pages out of shared caches and the back-forward cache.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		s.log.DebugContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", time.Since(start))
	})
}

// instrument records each request's duration by route pattern, method and status,
// and the requests in flight (when metrics are on).
func (s *Server) instrument(next http.Handler) http.Handler {
	if s.metrics == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		s.metrics.InFlight.Inc()
		defer s.metrics.InFlight.Dec()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := "unmatched"
		if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
			route = rc.RoutePattern()
		}
		status := sw.status
		if status == 0 {
			status = http.StatusOK
		}
		s.metrics.RequestDuration.WithLabelValues(route, r.Method, strconv.Itoa(status)).Observe(time.Since(start).Seconds())
	})
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.serverError(w, r, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// loadPrincipal puts the signed-in person, if any, into the request context. A session
// idle for longer than the idle timeout, or whose account was deactivated, is destroyed.
//
// The idle timeout is kept here rather than by scs, whose IdleTimeout rewrites the
// session row on every request; this refreshes it at most once a minute.
func (s *Server) loadPrincipal(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := s.sessions.GetInt64(r.Context(), sessionAkunKey)
		if id == 0 {
			next.ServeHTTP(w, r)
			return
		}
		now := s.now().Unix()
		seen := s.sessions.GetInt64(r.Context(), sessionSeenKey)
		if s.idle > 0 && now-seen > int64(s.idle.Seconds()) {
			if err := s.sessions.Destroy(r.Context()); err != nil {
				s.serverError(w, r, err)
				return
			}
			s.flash(r, "info", "Sesi Anda berakhir karena lama tidak aktif. Silakan masuk kembali.")
			next.ServeHTTP(w, r)
			return
		}
		if now-seen >= 60 {
			s.sessions.Put(r.Context(), sessionSeenKey, now)
		}
		p, err := s.principalOf(r.Context(), id)
		if apperr.Is(err, apperr.NotFound) {
			if err := s.sessions.Destroy(r.Context()); err != nil {
				s.serverError(w, r, err)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), principalKey, p)))
	})
}

// withPrincipalSlot gives the session store a place to leave the principal it reads
// with the session (store.SessionStore), before the session is loaded.
func withPrincipalSlot(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, _ := store.WithPrincipalSlot(r.Context())
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// principalOf returns the principal of akunID: the one read with the session when
// the session store recorded this account, or else from the store. It returns an
// apperr.NotFound error when the account or its pegawai is no longer active.
func (s *Server) principalOf(ctx context.Context, akunID int64) (auth.Principal, error) {
	if sl := store.PrincipalSlotOf(ctx); sl != nil && sl.Read && sl.AkunID == akunID {
		if !sl.Active {
			return auth.Principal{}, apperr.New(apperr.NotFound, "Akun tidak aktif.")
		}
		return sl.Principal, nil
	}
	return s.store.LoadPrincipal(ctx, akunID)
}

func principal(r *http.Request) (auth.Principal, bool) {
	p, ok := r.Context().Value(principalKey).(auth.Principal)
	return p, ok
}

// requireLogin sends anonymous visitors to the login page, remembering where they were going.
func (s *Server) requireLogin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := principal(r); !ok {
			target := "/login"
			if r.Method == http.MethodGet && r.URL.RequestURI() != "/" {
				target += "?next=" + urlQueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireRole answers 403 unless allowed(principal) holds.
func (s *Server) requireRole(allowed func(auth.Principal) bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, _ := principal(r)
			if !allowed(p) {
				s.forbidden(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// clientIP is the remote address without the port. Behind a reverse proxy, configure
// the proxy to set the real address; X-Forwarded-For is not trusted here.
// clientAddr makes r.RemoteAddr the client's address when the request came through a
// trusted reverse proxy: the rightmost X-Forwarded-For entry that is not itself a
// trusted proxy (entries further left are whatever the client claimed). Without
// trusted proxies the header is ignored, since anyone can send it.
func clientAddr(trusted []netip.Prefix) func(http.Handler) http.Handler {
	isTrusted := func(a netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(a.Unmap()) {
				return true
			}
		}
		return false
	}
	return func(next http.Handler) http.Handler {
		if len(trusted) == 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			peer, err := netip.ParseAddrPort(r.RemoteAddr)
			if err == nil && isTrusted(peer.Addr()) {
				hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
				for i := len(hops) - 1; i >= 0; i-- {
					a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
					if err != nil {
						break
					}
					if !isTrusted(a) || i == 0 {
						r.RemoteAddr = netip.AddrPortFrom(a.Unmap(), 0).String()
						break
					}
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// SessionError is scs's ErrorFunc. A session that could not be read because the client
// went away (its request context ended) is not the server's fault and gets no
// response; anything else is logged and answered with a plain 500.
func SessionError(log *slog.Logger) func(http.ResponseWriter, *http.Request, error) {
	return func(w http.ResponseWriter, r *http.Request, err error) {
		if r.Context().Err() != nil && errors.Is(err, r.Context().Err()) {
			log.Debug("session: client gone", "path", r.URL.Path, "err", err)
			return
		}
		log.Error("session", "path", r.URL.Path, "err", err)
		http.Error(w, "Terjadi kesalahan.", http.StatusInternalServerError)
	}
}
