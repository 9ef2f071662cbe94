package web

import (
	"net/http"

	"kinerja/internal/apperr"
	"kinerja/web/view"
)

// Every form POST ends one way, through outcome:
//   - success: a flash message (none when msg is empty) and 303 to the next page;
//   - invalid input (apperr.Invalid): 422, the same page rendered again with the
//     submitted values and the messages beside their fields;
//   - a refusal by a rule or a stale version (apperr.Conflict): 409, the same page
//     rendered again with the input kept and the reason on top;
//   - anything else (not found, forbidden, an internal error): the error page.
//
// formOutcome and confirmOutcome are outcome for the two shared page shapes, the
// generic form and the confirmation; notice ends a POST that saved nothing. The
// login form is the one exception: a wrong NIP or password answers 401 and a
// throttled one 429, on the login page again.

// outcome finishes a form POST. When it returns done, the response is written;
// otherwise the caller renders the page again with the refusal and its status.
func (s *Server) outcome(w http.ResponseWriter, r *http.Request, err error, msg, next string) (fail *apperr.Error, status int, done bool) {
	if err == nil {
		if msg != "" {
			s.flash(r, "sukses", msg)
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil, 0, true
	}
	fail = apperr.As(err)
	switch {
	case fail == nil || (fail.Code != apperr.Invalid && fail.Code != apperr.Conflict):
		s.fail(w, r, err)
		return nil, 0, true
	case fail.Code == apperr.Conflict:
		return fail, http.StatusConflict, false
	}
	return fail, http.StatusUnprocessableEntity, false
}

// notice finishes a POST whose result is information rather than a saved change
// (nothing to do, a cancellation, signing out): an information flash and 303.
func (s *Server) notice(w http.ResponseWriter, r *http.Request, msg, next string) {
	s.flash(r, "info", msg)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// asConflict turns a refusal of the given code into a conflict, for a button whose
// only input is the state its page shows (a phase move, copying last year's plan):
// the refusal says the state is not what the page assumed, so it is a 409.
func asConflict(err error, code apperr.Code) error {
	if e := apperr.As(err); e != nil && e.Code == code {
		return &apperr.Error{Code: apperr.Conflict, Message: e.Message, Fields: e.Fields}
	}
	return err
}

// formOutcome is outcome for a view.FormView page: a refusal shows the form again,
// its fields as submitted, with the messages.
func (s *Server) formOutcome(w http.ResponseWriter, r *http.Request, err error, msg, next string, v view.FormView, pg page) {
	fail, status, done := s.outcome(w, r, err, msg, next)
	if done {
		return
	}
	v.Errors, v.Message = fail.Fields, fail.Message
	pg.title, pg.body = v.Title, view.FormPage(v, csrfToken(r))
	s.render(w, r, status, pg)
}

// confirmOutcome is outcome for a confirmation page: a refusal shows the question
// again with the reason.
func (s *Server) confirmOutcome(w http.ResponseWriter, r *http.Request, err error, msg, next string, v view.ConfirmView, pg page) {
	fail, status, done := s.outcome(w, r, err, msg, next)
	if done {
		return
	}
	v.Message, v.Errors = fail.Message, fail.Fields
	pg.title, pg.body = v.Title, view.ConfirmPage(v, csrfToken(r))
	s.render(w, r, status, pg)
}
