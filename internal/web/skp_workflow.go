package web

import (
	"net/http"

	"kinerja/internal/apperr"
	"kinerja/internal/skp"
	"kinerja/internal/store"
)

// The SKP workflow: starting a plan (new or copied), submitting it to the penilai,
// the penilai's approval or return, and the perubahan SKP.

func (s *Server) startSKP(copyPrev bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := principal(r)
		per, choice, err := s.shownPeriod(r, "/skp")
		if err == errNoPeriod {
			err = apperr.New(apperr.NotFound, "Belum ada periode penilaian yang dibuka.")
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		ps := s.store.Period(per.ID)
		var id int64
		if copyPrev {
			id, err = ps.CopyPrevious(r.Context(), actorOf(r), p.PegawaiID)
		} else {
			id, err = ps.CreateSKP(r.Context(), actorOf(r), p.PegawaiID)
		}
		// No earlier plan to copy, or no participant row, refuses the button; it is
		// not a missing page.
		e, status, done := s.outcome(w, r, asConflict(err, apperr.NotFound), "", skpHref(id))
		if done {
			return
		}
		s.renderEmptySKP(w, r, status, ps, per, choice, e.Message)
	}
}

// skpAction runs a POST from the SKP page and shows the page again on a refusal.
func (s *Server) skpAction(want func(skpRoles) bool, run func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, int64, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ps, k, roles, ok := s.loadSKP(w, r, want)
		if !ok {
			return
		}
		msg, next, err := run(r, ps, k)
		if next == 0 {
			next = k.ID
		}
		e, status, done := s.outcome(w, r, err, msg, skpHref(next))
		if done {
			return
		}
		if fresh, err := ps.GetSKP(r.Context(), k.ID); err == nil {
			k = fresh
		}
		s.renderSKP(w, r, status, ps, k, roles, e)
	}
}

func isOwner(r skpRoles) bool { return r.Pegawai }

func isPenilai(r skpRoles) bool { return r.Penilai }

func (s *Server) skpSubmit() http.HandlerFunc {
	return s.skpAction(isOwner, func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, int64, error) {
		return "SKP diajukan kepada pejabat penilai.", 0, ps.Submit(r.Context(), actorOf(r), k.ID, formVersion(r))
	})
}

func (s *Server) skpDecide() http.HandlerFunc {
	return s.skpAction(isPenilai, func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, int64, error) {
		approve := r.PostFormValue("keputusan") == "setujui"
		msg := "SKP dikembalikan dengan catatan."
		if approve {
			msg = "SKP disetujui."
		}
		return msg, 0, ps.Decide(r.Context(), actorOf(r), k.ID, formVersion(r), approve, r.PostFormValue("catatan"))
	})
}

func (s *Server) skpRevise() http.HandlerFunc {
	return s.skpAction(isOwner, func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, int64, error) {
		id, err := ps.NewRevision(r.Context(), actorOf(r), k.ID, formVersion(r))
		return "Perubahan SKP dimulai: versi baru dibuat sebagai draft.", id, err
	})
}
