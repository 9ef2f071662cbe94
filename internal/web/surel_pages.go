package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/riverqueue/river"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
	"kinerja/internal/notif"
	"kinerja/internal/org"
	"kinerja/internal/queue"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// surelSettings shows and saves where and how the signed-in person gets mail: a new
// address is used once confirmed by the link mailed to it; the preference at once.
func (s *Server) surelSettings(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	set, err := s.store.SurelSettingsOf(r.Context(), p.PegawaiID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.SurelSettingsView{Surel: set.Surel, Menunggu: set.Menunggu, Preferensi: string(set.Preferensi), Values: map[string]string{},
		Errors: map[string]string{}, SMTP: s.smtp.Enabled()}
	for _, o := range notif.Preferences {
		v.Pilihan = append(v.Pilihan, view.Option{Value: string(o.Value), Label: o.Label})
	}
	show := func(status int) {
		s.render(w, r, status, page{title: "Surel pemberitahuan", active: "/pemberitahuan",
			crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pemberitahuan", Href: "/pemberitahuan"}, {Label: "Surel pemberitahuan"}},
			body:   view.SurelSettingsPage(v, csrfToken(r))})
	}
	if r.Method == http.MethodGet {
		show(http.StatusOK)
		return
	}
	var msg string
	switch r.PostFormValue("aksi") {
	case "preferensi":
		v.Preferensi = r.PostFormValue(notif.FieldPreferensi)
		var pref notif.Preferensi
		if pref, err = notif.ParsePreferensi(v.Preferensi); err == nil {
			err = s.store.SetPreferensi(r.Context(), actorOf(r), p.PegawaiID, pref)
		}
		msg = "Cara menerima surel disimpan: " + preferenceLabel(pref) + "."
	case "surel":
		v.Values["surel"] = r.PostFormValue(notif.FieldSurel)
		var addr string
		if addr, err = notif.CheckSurel(v.Values["surel"]); err == nil {
			if addr == set.Surel {
				err = apperr.Validation(map[string]string{notif.FieldSurel: "Alamat ini sudah terverifikasi untuk akun Anda."})
			} else {
				token := auth.NewLinkToken()
				link := s.baseURL + "/surel/konfirmasi?token=" + url.QueryEscape(token)
				err = s.store.MailLink(r.Context(), actorOf(r), "verifikasi", p.PegawaiID, addr, token, auth.VerifikasiTTL, auth.VerifikasiPerHour,
					notif.VerifikasiSurel(p.Nama, link))
			}
		}
		msg = "Tautan konfirmasi dikirim ke " + addr + ". Buka tautan itu dalam 24 jam untuk memakai alamat tersebut."
	default:
		s.errorPage(w, r, http.StatusUnprocessableEntity, "Permintaan tidak valid", "Muat ulang halaman, lalu coba lagi.")
		return
	}
	fail, status, done := s.outcome(w, r, err, msg, "/pemberitahuan/pengaturan")
	if done {
		return
	}
	v.Errors, v.Message = fail.Fields, fail.Message
	show(status)
}

// konfirmasiSurel is the page a confirmation link opens. Opening it changes nothing
// (mail scanners open links too); the button confirms.
func (s *Server) konfirmasiSurel(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if r.Method == http.MethodPost {
		token = r.PostFormValue("token")
	}
	v := view.LinkView{Token: token}
	show := func(status int) {
		s.render(w, r, status, page{title: "Konfirmasi alamat surel", body: view.KonfirmasiSurelPage(v, csrfToken(r))})
	}
	// done answers a link that is not (or no longer) valid, and a failure.
	done := func(err error) bool {
		switch {
		case err == nil:
			return false
		case apperr.Is(err, apperr.NotFound):
			v.Message = apperr.As(err).Message
			show(http.StatusNotFound)
		default:
			s.fail(w, r, err)
		}
		return true
	}
	if !auth.LinkTokenValid(token) {
		done(store.ErrLinkInvalid)
		return
	}
	if r.Method == http.MethodGet {
		_, addr, err := s.store.LinkOwner(r.Context(), "verifikasi", token)
		if done(err) {
			return
		}
		v.Valid, v.Surel = true, addr
		show(http.StatusOK)
		return
	}
	addr, err := s.store.ConfirmSurel(r.Context(), clientIP(r), token)
	if done(err) {
		return
	}
	next := "/login"
	if _, ok := principal(r); ok {
		next = "/pemberitahuan/pengaturan"
	}
	s.flash(r, "sukses", "Alamat surel "+addr+" sudah terverifikasi; pemberitahuan akan dikirim ke alamat ini.")
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// lupaSandi asks for a reset link. Whatever the NIP, the request queues one job and
// gets the same answer, so the page tells nobody which NIP exists or has an address.
func (s *Server) lupaSandi(w http.ResponseWriter, r *http.Request) {
	v := view.LupaSandiView{Errors: map[string]string{}}
	show := func(status int) {
		s.render(w, r, status, page{title: "Lupa kata sandi", body: view.LupaSandiPage(v, csrfToken(r))})
	}
	if r.Method == http.MethodGet {
		show(http.StatusOK)
		return
	}
	v.NIP = org.NormalizeNIP(r.PostFormValue("nip"))
	if len(v.NIP) != 18 || strings.Trim(v.NIP, "0123456789") != "" {
		v.Errors["nip"] = "NIP harus 18 digit angka."
		show(http.StatusUnprocessableEntity)
		return
	}
	if err := s.store.Enqueue(r.Context(), queue.KirimReset{NIP: v.NIP, IP: clientIP(r)}); err != nil {
		s.fail(w, r, err)
		return
	}
	v.Sent = true
	show(http.StatusOK)
}

type kirimResetWorker struct {
	river.WorkerDefaults[queue.KirimReset]
	s *Server
}

// Work mails the reset link when the NIP has an active account with a verified
// address and the hourly limit allows; otherwise it does nothing, silently.
func (w *kirimResetWorker) Work(ctx context.Context, job *river.Job[queue.KirimReset]) error {
	s := w.s
	id, nama, addr, ok, err := s.store.ResetTarget(ctx, job.Args.NIP)
	if err != nil || !ok {
		return err
	}
	token := auth.NewLinkToken()
	link := s.baseURL + "/lupa-sandi/atur?token=" + url.QueryEscape(token)
	err = s.store.MailLink(ctx, store.Actor{Label: "lupa kata sandi", IP: job.Args.IP}, "reset", id, addr, token, auth.ResetTTL, auth.ResetPerHour,
		notif.ResetSurel(nama, link, int(auth.ResetTTL.Minutes())))
	if err == store.ErrTooManyLinks {
		s.log.Info("password reset throttled", "pegawai", id)
		return nil
	}
	return err
}

// aturSandi is the page a reset link opens: a new password, twice.
func (s *Server) aturSandi(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if r.Method == http.MethodPost {
		token = r.PostFormValue("token")
	}
	v := view.LinkView{Token: token, Errors: map[string]string{}}
	show := func(status int) {
		s.render(w, r, status, page{title: "Pilih kata sandi baru", body: view.ResetSandiPage(v, csrfToken(r))})
	}
	invalid := func() {
		v.Valid, v.Message = false, store.ErrLinkInvalid.Error()
		show(http.StatusNotFound)
	}
	if !auth.LinkTokenValid(token) {
		invalid()
		return
	}
	id, _, err := s.store.LinkOwner(r.Context(), "reset", token)
	if apperr.Is(err, apperr.NotFound) {
		invalid()
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Valid = true
	if r.Method == http.MethodGet {
		show(http.StatusOK)
		return
	}
	nip, err := s.store.PegawaiNIP(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	baru := r.PostFormValue("baru")
	newPasswordErrors(v.Errors, baru, r.PostFormValue("ulangi"), nip)
	if len(v.Errors) > 0 {
		show(http.StatusUnprocessableEntity)
		return
	}
	hash, err := auth.HashPassword(baru)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.store.ResetPassword(r.Context(), clientIP(r), token, hash); apperr.Is(err, apperr.NotFound) {
		invalid() // used meanwhile
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "sukses", "Kata sandi baru disimpan. Masuk dengan kata sandi itu; sesi lain akun Anda sudah diakhiri.")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

var mailStatusLabels = map[string]string{"antri": "Menunggu", "terkirim": "Terkirim", "gagal": "Gagal"}

func (s *Server) mailRow(m store.OutMail) view.SurelRow {
	c := s.composeMail(m)
	row := view.SurelRow{ID: m.ID, Kepada: m.Kepada, Nama: m.Nama, Subjek: c.Subjek, Status: m.Status, StatusLabel: mailStatusLabels[m.Status],
		Percobaan: m.Percobaan, Waktu: view.Waktu(m.CreatedAt.In(s.loc)), Galat: m.Galat}
	if m.Status == "antri" && m.Percobaan > 0 {
		row.Berikut = view.Waktu(m.BerikutAt.In(s.loc))
	}
	if m.Status == "terkirim" && m.TerkirimAt != nil {
		row.Galat = "Terkirim " + view.Waktu(m.TerkirimAt.In(s.loc))
	}
	return row
}

const mailPerPage = 50

// kotakKeluar is the Admin BKD's outbox: every mail, newest first, by status.
func (s *Server) kotakKeluar(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	status := q.Get("status")
	if _, ok := mailStatusLabels[status]; !ok {
		status = ""
	}
	pg := pageNumber(r)
	f := store.MailFilter{Status: status, Q: strings.TrimSpace(q.Get("q")), Offset: (pg - 1) * mailPerPage, Limit: mailPerPage}
	if len(f.Q) > 100 {
		f.Q = f.Q[:100]
	}
	list, total, counts, err := s.store.KotakKeluar(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.KotakKeluarView{Q: f.Q, Antri: counts.Antri, Terkirim: counts.Terkirim, Gagal: counts.Gagal, SMTP: s.smtp.Enabled(),
		Pager: view.Pager{Page: pg, PerPage: mailPerPage, Total: total, BaseURL: r.URL.RequestURI()}}
	for _, t := range []struct{ v, l string }{{"", "Semua"}, {"antri", "Menunggu"}, {"gagal", "Gagal"}, {"terkirim", "Terkirim"}} {
		href := ""
		if t.v != "" {
			href = "?status=" + t.v
		}
		v.Tabs = append(v.Tabs, view.Option{Value: href, Label: t.l, Selected: t.v == status})
	}
	for _, m := range list {
		v.Rows = append(v.Rows, s.mailRow(m))
	}
	s.render(w, r, http.StatusOK, page{title: "Kotak Keluar", active: "/surel", crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Kotak Keluar"}},
		body: view.KotakKeluarPage(v)})
}

// surelDetail shows one mail; a mail with a secret link shows no text.
func (s *Server) surelDetail(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return
	}
	m, err := s.store.GetMail(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.SurelDetailView{Row: s.mailRow(m), Rahasia: m.Rahasia, Kirim: m.Status == "gagal" && !(m.Rahasia && m.Teks == "")}
	if !m.Rahasia {
		v.Teks = s.composeMail(m).Teks
	}
	s.render(w, r, http.StatusOK, page{title: "Surel " + strconv.FormatInt(id, 10), active: "/surel",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Kotak Keluar", Href: "/surel"}, {Label: v.Row.Subjek}},
		body:   view.SurelDetailPage(v, csrfToken(r))})
}

// kirimUlang puts a failed mail back in the queue.
func (s *Server) kirimUlang(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return
	}
	err := s.store.ResendMail(r.Context(), actorOf(r), id)
	if fail, _, done := s.outcome(w, r, err, "Surel dimasukkan lagi ke antrean.", "/surel/"+strconv.FormatInt(id, 10)); !done {
		s.fail(w, r, fail)
	}
}
