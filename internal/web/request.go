package web

// The request helpers every handler uses: the signed-in actor, today's date in the
// configured zone and ids from the URL and forms.

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/store"
)

// today is the current date in the configured time zone, as a UTC midnight.
func (s *Server) today() time.Time {
	y, m, d := s.now().In(s.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func actorOf(r *http.Request) store.Actor {
	p, _ := principal(r)
	return store.Actor{AkunID: p.AkunID, Label: p.NIP, IP: clientIP(r)}
}

// pathID parses a positive id from a URL parameter; anything else is a 404.
func pathID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// loadByID reads the {id} of the URL and loads it with get: a malformed id answers
// 404, and get's error is shown as fail shows it (its NotFound as 404).
func loadByID[T any](s *Server, w http.ResponseWriter, r *http.Request, get func(context.Context, int64) (T, error)) (int64, T, bool) {
	var zero T
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return 0, zero, false
	}
	v, err := get(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return 0, zero, false
	}
	return id, v, true
}

func urlID(r *http.Request, name string) int64 {
	id, _ := pathID(chi.URLParam(r, name))
	return id
}

// formVersion reads the version a form carries; a missing one never matches.
func formVersion(r *http.Request) int {
	v, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		return -1
	}
	return v
}
