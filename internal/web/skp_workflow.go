package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/apperr"
	"kinerja/internal/skp"
	"kinerja/internal/store"
	"kinerja/web/view"
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
		id, err := ps.NewRevision(r.Context(), actorOf(r), k.ID, formVersion(r), r.PostFormValue(skp.FieldAlasanPerubahan))
		return fmt.Sprintf("Draf SKP versi %d dibuat dari versi %d yang disetujui. Ubah yang perlu, lalu ajukan untuk disetujui lagi.", k.Versi+1, k.Versi), id, err
	})
}

// pilihan is a plan chosen for bulk approval, with the version the penilai saw.
type pilihan struct {
	id      int64
	version int
}

// parsePilihan reads "id:version" values; a malformed one is dropped.
func parsePilihan(vals []string) []pilihan {
	var out []pilihan
	seen := map[int64]bool{}
	for _, v := range vals {
		for _, one := range strings.Split(v, ",") {
			a, b, ok := strings.Cut(strings.TrimSpace(one), ":")
			id, err1 := strconv.ParseInt(a, 10, 64)
			ver, err2 := strconv.Atoi(b)
			if ok && err1 == nil && err2 == nil && id > 0 && !seen[id] {
				seen[id] = true
				out = append(out, pilihan{id, ver})
			}
		}
	}
	return out
}

// skpBulkApprove approves several submitted plans from SKP Bawahan: it lists them for
// confirmation first, then approves each (skp.Peran.MayDecide, checked per plan, so a
// tampered id of someone else's plan is refused), each at the version the penilai saw.
func (s *Server) skpBulkApprove(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	chosen := parsePilihan(r.PostForm["skp"])
	values := map[string]bool{}
	for _, c := range chosen {
		values[fmt.Sprintf("%d:%d", c.id, c.version)] = true
	}
	if len(chosen) == 0 {
		s.renderQueue(w, r, http.StatusUnprocessableEntity, apperr.Validation(map[string]string{"pilih": "Pilih sedikitnya satu SKP yang diajukan."}), nil)
		return
	}
	type plan struct {
		ps      *store.PeriodStore
		k       *skp.SKP
		version int
	}
	var plans []plan
	for _, c := range chosen {
		pid, err := s.store.SKPPeriod(r.Context(), c.id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		ps := s.store.Period(pid)
		k, err := ps.GetSKP(r.Context(), c.id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if roles := rolesFor(p, k); !roles.Penilai {
			s.forbidden(w, r)
			return
		} else if !roles.MayDecide(k) {
			s.renderQueue(w, r, http.StatusConflict, apperr.New(apperr.Conflict, "SKP %s tidak lagi menunggu persetujuan (%s). Periksa daftar dan pilih lagi.",
				k.Pegawai.NamaLengkap(), strings.ToLower(k.Status.Label())), values)
			return
		}
		plans = append(plans, plan{ps, k, c.version})
	}
	if r.PostFormValue("konfirmasi") != "ya" {
		var daftar []string
		v := view.ConfirmView{Title: "Setujui SKP bawahan", Action: "/skp/bawahan/setujui", Button: fmt.Sprintf("Ya, setujui %d SKP", len(plans)),
			CancelHref: "/skp/bawahan?tahun=" + strconv.Itoa(plans[0].k.Tahun), Hidden: map[string]string{"konfirmasi": "ya", "tahun": strconv.Itoa(plans[0].k.Tahun)},
			Question: fmt.Sprintf("Setujui %d SKP berikut? Setelah disetujui, SKP hanya berubah melalui perubahan SKP.", len(plans))}
		for _, x := range plans {
			v.Details = append(v.Details, fmt.Sprintf("%s (NIP %s), %s, versi %d: %d RHK", x.k.Pegawai.NamaLengkap(), view.NIP(x.k.Pegawai.NIP), x.k.Pegawai.Jabatan, x.k.Versi, len(x.k.RHK)))
			daftar = append(daftar, fmt.Sprintf("%d:%d", x.k.ID, x.version))
		}
		v.Hidden["skp"] = strings.Join(daftar, ",")
		s.render(w, r, http.StatusOK, page{title: "Setujui SKP bawahan", active: "/skp/bawahan", body: view.ConfirmPage(v, csrfToken(r))})
		return
	}
	done := 0
	for _, x := range plans {
		if err := x.ps.Decide(r.Context(), actorOf(r), x.k.ID, x.version, true, ""); err != nil {
			e := apperr.As(err)
			if e == nil {
				s.fail(w, r, err)
				return
			}
			msg := fmt.Sprintf("%d SKP disetujui. SKP %s tidak disetujui: %s", done, x.k.Pegawai.NamaLengkap(), e.Message)
			s.renderQueue(w, r, http.StatusConflict, apperr.New(apperr.Conflict, "%s", msg), nil)
			return
		}
		done++
	}
	s.outcome(w, r, nil, fmt.Sprintf("%d SKP disetujui.", done), "/skp/bawahan?tahun="+strconv.Itoa(plans[0].k.Tahun))
}
