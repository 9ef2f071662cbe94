package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// akunPanel builds the account panel of a profile.
func (s *Server) akunPanel(r *http.Request, pegawaiID int64) (*view.AkunPanel, error) {
	a, err := s.store.GetAkunInfo(r.Context(), pegawaiID)
	if err != nil {
		return nil, err
	}
	p := &view.AkunPanel{Ada: a.ID != 0, Aktif: a.Aktif, AdminBKD: a.AdminBKD, HarusGanti: a.HarusGantiPassword, LastLogin: "Belum pernah"}
	if a.LastLogin != nil {
		p.LastLogin = view.Waktu(a.LastLogin.In(s.loc))
	}
	return p, nil
}

// akunSandi asks (GET) and then creates an account or resets its password (POST),
// showing the new initial password once.
func (s *Server) akunSandi(w http.ResponseWriter, r *http.Request) {
	id, target, ok := loadByID(s, w, r, s.store.GetPegawai)
	if !ok {
		return
	}
	info, err := s.store.GetAkunInfo(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title, question, button := "Atur ulang kata sandi", "Buat kata sandi awal baru untuk "+target.NamaLengkap()+"? Kata sandi lama tidak berlaku lagi.", "Atur ulang"
	if info.ID == 0 {
		title, question, button = "Buat akun", "Buat akun untuk "+target.NamaLengkap()+"?", "Buat akun"
	}
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pegawai", Href: "/pegawai"}, {Label: target.NamaLengkap(), Href: profileHref(id)}, {Label: title}}
	v := view.ConfirmView{Title: title, Question: question, Action: profileHref(id) + "/akun/sandi", Button: button, CancelHref: profileHref(id),
		Details: []string{"NIP " + view.NIP(target.NIP), "Pegawai wajib mengganti kata sandi ini saat pertama masuk."}}
	if r.Method == http.MethodGet {
		s.render(w, r, http.StatusOK, page{title: title, active: "/pegawai", crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
		return
	}
	pw := auth.GeneratePassword()
	hash, err := auth.HashPassword(pw)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.SetPassword(r.Context(), actorOf(r), id, hash, true); err != nil {
		if e := apperr.As(err); e != nil && e.Code == apperr.Invalid {
			v.Message = e.Message
			s.render(w, r, http.StatusUnprocessableEntity, page{title: title, active: "/pegawai", crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, page{title: "Kata sandi awal", active: "/pegawai", crumbs: crumbs,
		body: view.PasswordShownPage(view.PasswordShown{Nama: target.NamaLengkap(), NIP: target.NIP, Password: pw, BackHref: profileHref(id)})})
}

// akunAdmin asks (GET) and then grants or revokes Admin BKD (POST).
func (s *Server) akunAdmin(w http.ResponseWriter, r *http.Request) {
	id, target, ok := loadByID(s, w, r, s.store.GetPegawai)
	if !ok {
		return
	}
	info, err := s.store.GetAkunInfo(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	grant := !info.AdminBKD
	title, question, button := "Jadikan Admin BKD", "Beri "+target.NamaLengkap()+" peran Admin BKD? Admin BKD dapat mengubah data seluruh pegawai dan periode penilaian.", "Jadikan Admin BKD"
	if !grant {
		title, question, button = "Cabut Admin BKD", "Cabut peran Admin BKD dari "+target.NamaLengkap()+"?", "Cabut"
	}
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pegawai", Href: "/pegawai"}, {Label: target.NamaLengkap(), Href: profileHref(id)}, {Label: title}}
	v := view.ConfirmView{Title: title, Question: question, Action: profileHref(id) + "/akun/admin", Button: button, CancelHref: profileHref(id),
		Danger: !grant, Hidden: map[string]string{"admin": strconv.FormatBool(grant)}}
	if r.Method == http.MethodGet {
		s.render(w, r, http.StatusOK, page{title: title, active: "/pegawai", crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
		return
	}
	// The form says what the admin saw; a stale page must not flip the role the other way.
	want, err := strconv.ParseBool(r.PostFormValue("admin"))
	if err != nil || want != grant {
		s.notice(w, r, "Peran sudah berubah sejak halaman dibuka; tidak ada yang diubah.", profileHref(id))
		return
	}
	msg := "Peran Admin BKD " + target.NamaLengkap() + " dicabut."
	if grant {
		msg = target.NamaLengkap() + " sekarang Admin BKD."
	}
	err = s.store.SetAdminBKD(r.Context(), actorOf(r), id, grant)
	s.confirmOutcome(w, r, err, msg, profileHref(id), v, page{active: "/pegawai", crumbs: crumbs})
}

// changePassword lets everyone choose their own password; after an initial password
// it is the only page they can use.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	v := view.ChangePasswordView{Forced: p.HarusGantiPassword, Errors: map[string]string{}}
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Ubah kata sandi"}}
	show := func(status int) {
		s.render(w, r, status, page{title: "Ubah kata sandi", crumbs: crumbs, body: view.ChangePasswordPage(v, csrfToken(r))})
	}
	if r.Method == http.MethodGet {
		show(http.StatusOK)
		return
	}
	lama, baru, ulangi := r.PostFormValue("lama"), r.PostFormValue("baru"), r.PostFormValue("ulangi")
	hash, err := s.store.PasswordHash(r.Context(), p.AkunID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ok, err := auth.VerifyPassword(hash, lama); err != nil {
		s.fail(w, r, err)
		return
	} else if !ok {
		v.Errors["lama"] = "Kata sandi saat ini salah."
	}
	newPasswordErrors(v.Errors, baru, ulangi, p.NIP)
	if v.Errors["baru"] == "" && baru == lama {
		v.Errors["baru"] = "Kata sandi baru harus berbeda dari yang lama."
	}
	if len(v.Errors) > 0 {
		err = apperr.Validation(v.Errors)
	} else {
		var newHash string
		if newHash, err = auth.HashPassword(baru); err == nil {
			err = s.store.ChangeOwnPassword(r.Context(), actorOf(r), newHash)
		}
		if err == nil {
			err = s.sessions.RenewToken(r.Context())
		}
	}
	fail, status, done := s.outcome(w, r, err, "Kata sandi diubah.", "/")
	if done {
		return
	}
	v.Errors, v.Message = fail.Fields, fail.Message
	show(status)
}

// newPasswordErrors adds to errs what is wrong with a new password (field baru) and
// its repetition (field ulangi), for the NIP's account.
func newPasswordErrors(errs map[string]string, baru, ulangi, nip string) {
	if err := auth.CheckNewPassword(baru, nip); err != nil {
		errs["baru"] = apperr.As(err).Message
	}
	if ulangi != baru {
		errs["ulangi"] = "Ulangan kata sandi tidak sama."
	}
}

// requirePasswordChange sends someone who still has an initial password to the
// change-password page, whatever they open.
func (s *Server) requirePasswordChange(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p, ok := principal(r); ok && p.HarusGantiPassword && r.URL.Path != "/akun/kata-sandi" {
			http.Redirect(w, r, "/akun/kata-sandi", http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) bulkForm(w http.ResponseWriter, r *http.Request) {
	opdID, _ := strconv.ParseInt(r.URL.Query().Get("opd"), 10, 64)
	v := view.BulkAkunView{Errors: map[string]string{}}
	opds, err := s.store.ListOPD(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, o := range opds {
		v.OPD = append(v.OPD, view.Option{Value: strconv.FormatInt(o.ID, 10), Label: o.Nama, Selected: o.ID == opdID})
	}
	list, err := s.store.PegawaiWithoutAkun(r.Context(), opdID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Tanpa = len(list)
	s.render(w, r, http.StatusOK, page{title: "Akun pegawai", active: "/akun",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Akun pegawai"}}, body: view.BulkAkunPage(v, csrfToken(r))})
}

func (s *Server) bulkStart(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	opdID, _ := strconv.ParseInt(r.PostFormValue("opd"), 10, 64)
	list, err := s.store.PegawaiWithoutAkun(r.Context(), opdID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(list) == 0 {
		s.notice(w, r, "Semua pegawai aktif dalam cakupan itu sudah memiliki akun.", "/akun")
		return
	}
	id, err := s.store.StartTugas(r.Context(), store.TugasBaru{Jenis: store.TugasAkunMassal, AkunID: p.AkunID, Total: len(list),
		Params: bulkParams{OPD: opdID, Actor: actorOf(r)}})
	s.outcome(w, r, err, "", "/akun/massal/"+strconv.FormatInt(id, 10))
}

// jenisKunci names a throttle key's jenis on the admin's list.
var jenisKunci = map[string]string{auth.KeyPair: "NIP dari satu alamat", auth.KeyNIP: "NIP dari semua alamat", auth.KeyIP: "Alamat"}

// loginLocks lists the NIPs and addresses whose logins are held (Admin BKD).
func (s *Server) loginLocks(w http.ResponseWriter, r *http.Request) {
	s.renderLoginLocks(w, r, http.StatusOK, "")
}

func (s *Server) renderLoginLocks(w http.ResponseWriter, r *http.Request, status int, msg string) {
	locks, err := s.store.ListLoginLocks(r.Context(), s.now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.LoginLocksView{Message: msg}
	for _, l := range locks {
		v.Rows = append(v.Rows, view.LoginLockRow{Key: l.Key, Jenis: jenisKunci[l.Jenis], NIP: l.NIP, Nama: l.Nama, PegawaiID: l.PegawaiID,
			Alamat: l.Alamat, Gagal: l.Failures, Sampai: l.LockedUntil.In(s.loc)})
	}
	s.render(w, r, status, page{title: "Akun terkunci", active: "/akun",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Akun pegawai", Href: "/akun"}, {Label: "Akun terkunci"}},
		body:   view.LoginLocksPage(v, csrfToken(r))})
}

// liftLoginLock ends one hold (Admin BKD). A hold that has ended meanwhile is a 409
// with the list shown again.
func (s *Server) liftLoginLock(w http.ResponseWriter, r *http.Request) {
	err := s.store.LiftLoginLock(r.Context(), actorOf(r), r.PostFormValue("kunci"), s.now())
	fail, status, done := s.outcome(w, r, asConflict(err, apperr.NotFound), "Kunci dibuka. Pegawai dapat mencoba masuk kembali.", "/akun/terkunci")
	if !done {
		s.renderLoginLocks(w, r, status, fail.Message)
	}
}
