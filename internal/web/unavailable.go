package web

import (
	"errors"
	"net"
	"net/http"
	"sort"
	"sync"
	"time"

	"kinerja/web/view"
)

// While PostgreSQL is down or restarting, or the pool is exhausted, requests are
// answered 503 with Retry-After and a page that says so. A POST's input is not lost:
// the page carries the submitted fields and sends them again with one button (a
// file has to be chosen again). The outage is logged once, then once a minute with
// the number of requests refused meanwhile, not once per request. The pool
// reconnects by itself, so recovery needs no restart.

// retryAfter is the Retry-After of a 503, in seconds.
const retryAfter = "5"

// outage counts the requests refused while the database is unavailable, for the log.
type outage struct {
	mu      sync.Mutex
	logged  time.Time
	refused int
}

func (s *Server) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	s.outage.mu.Lock()
	s.outage.refused++
	now := time.Now()
	if now.Sub(s.outage.logged) >= time.Minute {
		s.log.ErrorContext(r.Context(), "database unavailable: answering 503", "refused", s.outage.refused, "path", r.URL.Path, "err", err)
		s.outage.logged, s.outage.refused = now, 0
	}
	s.outage.mu.Unlock()

	v := view.UnavailableView{Kode: requestIDOf(r.Context())}
	if r.Method == http.MethodPost {
		if r.PostForm == nil {
			// The session could not be read, so the form was not parsed yet: read it
			// (bounded) only to hand its values back on this page.
			r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
			_ = r.ParseMultipartForm(8 << 20)
		}
		v.Action = r.URL.RequestURI()
		values := r.PostForm
		if r.MultipartForm != nil {
			values = r.MultipartForm.Value
			v.HadFile = len(r.MultipartForm.File) > 0
		}
		names := make([]string, 0, len(values))
		for k := range values {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			for _, val := range values[k] {
				v.Fields = append(v.Fields, view.HiddenField{Name: k, Value: val})
			}
		}
	}
	w.Header().Set("Retry-After", retryAfter)
	s.render(w, r, http.StatusServiceUnavailable, page{title: "Layanan sedang tidak tersedia", body: view.UnavailablePage(v)})
}

// readTimeout reports whether err is a request body that came too slowly.
func readTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
