package web

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/bukti"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// reportPhase says whether the year's pages (realisasi, feedback, ratings) show for
// this SKP: the plan in force, in a phase that shows them.
func reportPhase(k *skp.SKP) bool {
	return k.InForce() && periode.Allows(k.Fase, periode.ViewRealisasi, periode.Year)
}

func (s *Server) realisasiView(r *http.Request, ps *store.PeriodStore, k *skp.SKP, roles skpRoles, checkin int, cs []periode.Checkin) (view.RealisasiPage, error) {
	v := view.RealisasiPage{SKPID: k.ID, Tahun: k.Tahun, Checkin: checkin, Label: cs[checkin-1].Label, Errors: map[string]string{},
		CanEdit: roles.Pegawai && periode.Allows(k.Fase, periode.RecordRealisasi, checkin)}
	for _, c := range k.Penugasan.Checkins(cs) {
		v.Checkins = append(v.Checkins, view.Option{Value: strconv.Itoa(c.No), Label: c.Label, Selected: c.No == checkin})
	}
	real, err := ps.RealisasiOf(r.Context(), k.ID, checkin)
	if err != nil {
		return v, err
	}
	list, err := ps.ListBukti(r.Context(), k.ID, checkin)
	if err != nil {
		return v, err
	}
	byIKI := buktiByIKI(list)
	if v.CanEdit {
		// Evidence can be removed (and so replaced) until the check-in's rating is published.
		got, err := ps.PenilaianOf(r.Context(), k.PegawaiID, checkin)
		if err != nil {
			return v, err
		}
		if skp.CheckHapusBukti(got.Ditetapkan(), "") == nil {
			for _, b := range list {
				links := byIKI[b.IKIID]
				for i := range links {
					if links[i].ID == b.ID {
						links[i].HapusHref = fmt.Sprintf("%s/bukti/%d/hapus?ke=%d", skpHref(k.ID), b.ID, checkin)
					}
				}
			}
		}
	}
	fbs, err := ps.ListUmpanBalik(r.Context(), k.ID, checkin)
	if err != nil {
		return v, err
	}
	byRHK, byNilai := s.feedbackByTarget(fbs)
	v.CanFeedback = (roles.Pegawai || roles.Penilai) && periode.Allows(k.Fase, periode.GiveUmpanBalik, checkin)
	v.FeedbackLabel = map[bool]string{true: "Umpan balik", false: "Balasan"}[roles.Penilai]
	v.Penilai = roles.Penilai
	if v.Penilai && v.CanFeedback {
		frasa, err := s.store.ListFrasa(r.Context(), true)
		if err != nil {
			return v, err
		}
		v.Frasa = frasaOptions(frasa, skp.FrasaUmpanBalik, 0)
	}
	for _, f := range fbs {
		v.AdaUmpanBalik = v.AdaUmpanBalik || f.Peran == "penilai"
	}
	v.CSRF = csrfToken(r)
	for _, n := range skp.BerAKHLAK {
		v.Perilaku = append(v.Perilaku, view.PerilakuThread{No: n.No, Nama: n.Nama, Thread: byNilai[n.No]})
	}
	for i, x := range k.RHK {
		rr := view.RealisasiRHK{No: i + 1, Kunci: x.Kunci, Uraian: x.Uraian, Thread: byRHK[x.Kunci]}
		for _, ik := range x.IKI {
			ri := view.RealisasiIKI{ID: ik.ID, Indikator: ik.Indikator, Target: view.Target(ik), Satuan: ik.Satuan, Bukti: byIKI[ik.ID]}
			if got, ok := real[ik.ID]; ok {
				ri.Version, ri.Teks, ri.Tampil = got.Version, got.Teks, view.Realisasi(got, ik.Satuan)
				if got.Nilai != nil {
					ri.Nilai = view.Desimal(*got.Nilai)
				}
			}
			rr.IKI = append(rr.IKI, ri)
			v.IKIOpts = append(v.IKIOpts, view.Option{Value: strconv.FormatInt(ik.ID, 10), Label: fmt.Sprintf("RHK %d · %s", i+1, ik.Indikator)})
		}
		v.RHK = append(v.RHK, rr)
	}
	return v, nil
}

// buktiByIKI groups evidence links by indicator.
func buktiByIKI(list []store.Bukti) map[int64][]view.BuktiLink {
	byIKI := map[int64][]view.BuktiLink{}
	for _, b := range list {
		l := view.BuktiLink{ID: b.ID, Judul: b.Judul, Href: b.URL, Info: "tautan"}
		if b.Jenis == "berkas" {
			l.Href = "/bukti/" + strconv.FormatInt(b.ID, 10)
			l.Info = fmt.Sprintf("%s, %s KB", bukti.CleanName(b.NamaBerkas, ""), view.Angka((b.Ukuran+1023)/1024))
		}
		byIKI[b.IKIID] = append(byIKI[b.IKIID], l)
	}
	return byIKI
}

// feedbackByTarget groups feedback threads by RHK key and by BerAKHLAK value.
func (s *Server) feedbackByTarget(fbs []store.UmpanBalik) (map[int64][]view.FeedbackView, map[int][]view.FeedbackView) {
	byRHK := map[int64][]view.FeedbackView{}
	byNilai := map[int][]view.FeedbackView{}
	for _, f := range fbs {
		fv := view.FeedbackView{Oleh: f.Oleh, Peran: map[string]string{"penilai": "Penilai", "pegawai": "Pegawai"}[f.Peran], Waktu: view.Waktu(f.At.In(s.loc)), Teks: f.Teks}
		switch {
		case f.RHKKunci != 0:
			byRHK[f.RHKKunci] = append(byRHK[f.RHKKunci], fv)
		case f.Nilai != 0:
			byNilai[f.Nilai] = append(byNilai[f.Nilai], fv)
		}
	}
	return byRHK, byNilai
}

// reportCtx is an approved SKP in a reporting phase at the requested check-in.
type reportCtx struct {
	ps      *store.PeriodStore
	k       *skp.SKP
	roles   skpRoles
	cs      []periode.Checkin
	checkin int
}

// loadReport loads the SKP for realisasi, evidence and feedback, refusing (409, with
// title and msg) a plan that is not approved or a period not yet in pelaksanaan.
func (s *Server) loadReport(w http.ResponseWriter, r *http.Request, allow func(skpRoles) bool, title, msg string) (reportCtx, bool) {
	ps, k, roles, ok := s.loadSKP(w, r, allow)
	if !ok {
		return reportCtx{}, false
	}
	if !reportPhase(k) {
		s.errorPage(w, r, http.StatusConflict, title, msg)
		return reportCtx{}, false
	}
	per, err := ps.Info(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return reportCtx{}, false
	}
	cs := periode.Checkins(per.Settings)
	// A plan of a penugasan (mutasi) is reported on at its own check-ins only: a page
	// asked for another shows the nearest; a write to another is refused by the store.
	checkin := periode.CheckinAsked(r.URL.Query().Get("ke"), cs, s.today())
	if r.Method == http.MethodGet {
		checkin = k.Penugasan.Nearest(checkin, cs)
	}
	if checkin == periode.Year {
		s.errorPage(w, r, http.StatusConflict, title, "Masa penugasan SKP ini ("+k.Penugasan.Masa()+") tidak mencakup check-in mana pun; realisasi dan penilaiannya dicatat pada SKP penugasan berikutnya.")
		return reportCtx{}, false
	}
	return reportCtx{ps: ps, k: k, roles: roles, cs: cs, checkin: checkin}, true
}

// realisasi shows (GET) and saves (POST) the realisasi of an approved SKP at a check-in.
func (s *Server) realisasi(w http.ResponseWriter, r *http.Request) {
	rc, ok := s.loadReport(w, r, nil, "Realisasi belum dapat dicatat", "Realisasi dicatat pada SKP terakhir yang sudah disetujui, mulai fase Pelaksanaan.")
	if !ok {
		return
	}
	ps, k, roles, cs, checkin := rc.ps, rc.k, rc.roles, rc.cs, rc.checkin
	status := http.StatusOK
	var fail *apperr.Error
	values := map[string]string{}
	if r.Method == http.MethodPost {
		if !roles.Pegawai {
			s.forbidden(w, r)
			return
		}
		var in []skp.RealisasiInput
		for _, x := range k.RHK {
			for _, ik := range x.IKI {
				id := strconv.FormatInt(ik.ID, 10)
				e := skp.RealisasiInput{IKIID: ik.ID, Nilai: r.PostFormValue("nilai_" + id), Teks: strings.TrimSpace(r.PostFormValue("teks_" + id))}
				values["nilai_"+id], values["teks_"+id] = e.Nilai, e.Teks
				e.Version, _ = strconv.Atoi(r.PostFormValue("v_" + id))
				in = append(in, e)
			}
		}
		var err error
		if entries, errs := skp.CheckRealisasi(in); errs != nil {
			err = apperr.Validation(realisasiFields(errs))
		} else {
			err = ps.SaveRealisasi(r.Context(), actorOf(r), k.ID, checkin, entries)
		}
		var done bool
		if fail, status, done = s.outcome(w, r, err, "Realisasi "+cs[checkin-1].Label+" disimpan.", fmt.Sprintf("%s/realisasi?ke=%d", skpHref(k.ID), checkin)); done {
			return
		}
	}
	s.renderRealisasi(w, r, status, ps, k, roles, checkin, cs, fail, values)
}

// realisasiFields maps skp's realisasi fields (nilai:ID, teks:ID) to the form's inputs
// (nilai_ID, teks_ID).
func realisasiFields(errs map[string]string) map[string]string {
	out := make(map[string]string, len(errs))
	for f, m := range errs {
		out[strings.Replace(f, ":", "_", 1)] = m
	}
	return out
}

func (s *Server) renderRealisasi(w http.ResponseWriter, r *http.Request, status int, ps *store.PeriodStore, k *skp.SKP, roles skpRoles,
	checkin int, cs []periode.Checkin, fail *apperr.Error, values map[string]string) {
	v, err := s.realisasiView(r, ps, k, roles, checkin, cs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if fail != nil {
		v.Message = fail.Message
		for f, m := range fail.Fields {
			v.Errors[f] = m
		}
		for ri := range v.RHK {
			for ii := range v.RHK[ri].IKI {
				ik := &v.RHK[ri].IKI[ii]
				id := strconv.FormatInt(ik.ID, 10)
				if val, ok := values["nilai_"+id]; ok {
					ik.Nilai, ik.Teks = val, values["teks_"+id]
				}
			}
		}
		v.Judul, v.URL = values["judul"], values["url"]
		v.Drafts = map[string]string{}
		for k, val := range values {
			if t, ok := strings.CutPrefix(k, "ub_"); ok {
				v.Drafts[t] = val
			}
		}
		for i := range v.IKIOpts {
			v.IKIOpts[i].Selected = v.IKIOpts[i].Value == values["iki"]
		}
	}
	crumbs, active := s.skpCrumbs(roles, k, "Realisasi")
	s.render(w, r, status, page{title: "Realisasi", active: active, crumbs: crumbs, body: view.RealisasiPageView(v, csrfToken(r))})
}

// buktiUpload attaches a link or a file (checked by content, at most 10 MB) to an indicator.
func (s *Server) buktiUpload(w http.ResponseWriter, r *http.Request) {
	rc, ok := s.loadReport(w, r, isOwner, "Realisasi belum dapat dicatat", "Bukti dukung dilampirkan pada SKP terakhir yang sudah disetujui, mulai fase Pelaksanaan.")
	if !ok {
		return
	}
	ps, k, roles, cs, checkin := rc.ps, rc.k, rc.roles, rc.cs, rc.checkin
	values := map[string]string{"iki": r.PostFormValue("iki"), "judul": strings.TrimSpace(r.PostFormValue("judul")), "url": strings.TrimSpace(r.PostFormValue("url"))}
	errs := map[string]string{}
	b := store.Bukti{Checkin: checkin, Judul: values["judul"]}
	b.IKIID, _ = strconv.ParseInt(values["iki"], 10, 64)
	if b.IKIID == 0 {
		errs["iki"] = "Pilih indikator."
	}
	if b.Judul == "" {
		errs["judul"] = "Judul bukti wajib diisi."
	} else if len([]rune(b.Judul)) > 200 {
		errs["judul"] = "Judul paling banyak 200 karakter."
	}
	if file, hdr, ferr := r.FormFile("berkas"); ferr == nil {
		defer file.Close()
		data, err := io.ReadAll(io.LimitReader(file, bukti.MaxSize+1))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if values["url"] != "" {
			errs["url"] = "Isi tautan atau unggah berkas, tidak keduanya."
		}
		f, err := bukti.Check(data)
		if e := apperr.As(err); e != nil {
			errs["berkas"] = e.Fields["berkas"]
		} else {
			b.Jenis, b.Data, b.ContentType, b.SHA256 = "berkas", data, f.ContentType, f.SHA256
			b.NamaBerkas = bukti.CleanName(hdr.Filename, f.Ext)
		}
	} else if values["url"] != "" {
		link, err := bukti.CheckLink(values["url"])
		if e := apperr.As(err); e != nil {
			errs["url"] = e.Fields["url"]
		}
		b.Jenis, b.URL = "tautan", link
	} else {
		errs["url"] = "Isi tautan atau pilih berkas."
	}
	var err error
	if len(errs) > 0 {
		err = apperr.Validation(errs)
	} else {
		_, err = ps.AddBukti(r.Context(), actorOf(r), k.ID, b)
	}
	fail, status, done := s.outcome(w, r, err, "Bukti dukung \u201c"+b.Judul+"\u201d ditambahkan.", fmt.Sprintf("%s/realisasi?ke=%d", skpHref(k.ID), checkin))
	if done {
		return
	}
	s.renderRealisasi(w, r, status, ps, k, roles, checkin, cs, fail, values)
}

// buktiDownload serves an evidence file to those who may see its SKP.
func (s *Server) buktiDownload(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return
	}
	pid, skpID, err := s.store.BuktiSKP(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ps := s.store.Period(pid)
	k, err := ps.GetSKP(r.Context(), skpID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !rolesFor(p, k).MayView() {
		s.forbidden(w, r)
		return
	}
	b, err := ps.BuktiFile(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", b.ContentType)
	w.Header().Set("Content-Disposition", bukti.Disposition(b.NamaBerkas))
	w.Header().Set("Content-Length", strconv.Itoa(len(b.Data)))
	_, _ = w.Write(b.Data)
}

// umpanBalik adds the penilai's feedback (or the pegawai's reply) on an RHK or a value.
func (s *Server) umpanBalik(w http.ResponseWriter, r *http.Request) {
	rc, ok := s.loadReport(w, r, func(x skpRoles) bool { return x.Pegawai || x.Penilai }, "Umpan balik belum dapat ditulis", "Umpan balik ditulis pada SKP yang sudah disetujui, mulai fase Pelaksanaan.")
	if !ok {
		return
	}
	ps, k, roles, cs, checkin := rc.ps, rc.k, rc.roles, rc.cs, rc.checkin
	peran := "pegawai"
	if roles.Penilai {
		peran = "penilai"
	}
	if roles.Penilai && r.PostFormValue("aksi") == "pakai-frasa" {
		// The picked phrases go into their boxes, for the penilai to edit; nothing is sent.
		frasa, err := s.store.ListFrasa(r.Context(), true)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		values := map[string]string{}
		for key := range r.PostForm {
			if target, ok := strings.CutPrefix(key, "ub_"); ok {
				values[key] = r.PostFormValue(key)
				if f := frasaText(frasa, r.PostFormValue("frasa_"+target)); f != "" {
					values[key] = skp.PakaiFrasa(values[key], f)
				}
			}
		}
		s.renderRealisasi(w, r, http.StatusOK, ps, k, roles, checkin, cs, &apperr.Error{Code: apperr.Invalid}, values)
		return
	}
	// One form: ub_<sasaran> per RHK and value; the empty ones are not sent.
	values := map[string]string{}
	var list []store.UmpanBalik
	errs := map[string]string{}
	for key := range r.PostForm {
		target, ok := strings.CutPrefix(key, "ub_")
		if !ok {
			continue
		}
		raw := r.PostFormValue(key)
		values[key] = raw
		if strings.TrimSpace(raw) == "" {
			continue
		}
		sas, ok := penilaian.ParseSasaran(target)
		if !ok {
			s.errorPage(w, r, http.StatusUnprocessableEntity, "Permintaan tidak valid", "Pilih RHK atau nilai perilaku yang diberi umpan balik.")
			return
		}
		teks, err := skp.CheckUmpanBalik(raw)
		if e := apperr.As(err); e != nil {
			// The message stands beside the thread of the sasaran it was written on.
			errs[target] = e.Fields[skp.FieldUmpanBalik]
			continue
		}
		list = append(list, store.UmpanBalik{Checkin: checkin, Teks: teks, Peran: peran, RHKKunci: sas.RHK, Nilai: sas.Nilai})
	}
	var err error
	switch {
	case len(errs) > 0:
		err = apperr.Validation(errs)
	case len(list) == 0:
		err = apperr.New(apperr.Invalid, "Tuliskan umpan balik pada sedikitnya satu RHK atau nilai perilaku.")
	default:
		// The order of the page: RHK first, then the values, for the threads and the audit.
		slices.SortFunc(list, func(a, b store.UmpanBalik) int {
			if a.Nilai != b.Nilai {
				return a.Nilai - b.Nilai
			}
			return int(a.RHKKunci - b.RHKKunci)
		})
		err = ps.AddUmpanBalikSemua(r.Context(), actorOf(r), k.ID, list)
	}
	msg := "Umpan balik terkirim."
	if len(list) > 1 {
		msg = fmt.Sprintf("%d umpan balik terkirim.", len(list))
	}
	fail, status, done := s.outcome(w, r, err, msg, fmt.Sprintf("%s/realisasi?ke=%d", skpHref(k.ID), checkin))
	if done {
		return
	}
	s.renderRealisasi(w, r, status, ps, k, roles, checkin, cs, fail, values)
}

// linimasa lists the SKP's realisasi, evidence and feedback through the year.
func (s *Server) linimasa(w http.ResponseWriter, r *http.Request) {
	ps, k, roles, ok := s.loadSKP(w, r, nil)
	if !ok {
		return
	}
	per, err := ps.Info(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs := periode.Checkins(per.Settings)
	items, err := ps.Timeline(r.Context(), k.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.TimelineView{SKPID: k.ID, Tahun: k.Tahun}
	for _, it := range items {
		label := ""
		if it.Checkin >= 1 && it.Checkin <= len(cs) {
			label = cs[it.Checkin-1].Label
		}
		teks := it.Teks
		if it.Jenis == "realisasi" {
			f := view.Realisasi(skp.Realisasi{Nilai: it.Nilai, Teks: it.Teks}, it.Satuan)
			if f == "" {
				f = "–"
			}
			teks = it.Indikator + ": " + f
		}
		v.Items = append(v.Items, view.TimelineRow{Waktu: view.Waktu(it.At.In(s.loc)), Checkin: label,
			Jenis: map[string]string{"realisasi": "Realisasi", "bukti": "Bukti dukung", "umpan_balik": "Umpan balik"}[it.Jenis], Oleh: it.Oleh, Teks: teks})
	}
	crumbs, active := s.skpCrumbs(roles, k, "Linimasa")
	s.render(w, r, http.StatusOK, page{title: "Linimasa", active: active, crumbs: crumbs, body: view.TimelinePage(v)})
}

// buktiHapus asks (GET) and removes (POST) a bukti dukung of the pegawai's own plan,
// while the rating of its check-in is not published; replacing one is removing it and
// adding the right one.
func (s *Server) buktiHapus(w http.ResponseWriter, r *http.Request) {
	rc, ok := s.loadReport(w, r, isOwner, "Bukti dukung tidak dapat dihapus", "Bukti dukung dilampirkan pada SKP terakhir yang sudah disetujui, mulai fase Pelaksanaan.")
	if !ok {
		return
	}
	id, ok := pathID(chi.URLParam(r, "bukti"))
	if !ok {
		s.notFound(w, r)
		return
	}
	list, err := rc.ps.ListBukti(r.Context(), rc.k.ID, rc.checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b *store.Bukti
	for i := range list {
		if list[i].ID == id {
			b = &list[i]
		}
	}
	if b == nil {
		s.notFound(w, r)
		return
	}
	back := fmt.Sprintf("%s/realisasi?ke=%d", skpHref(rc.k.ID), rc.checkin)
	label := func(n int) string { return checkinLabel(rc.cs, n) }
	if r.Method == http.MethodPost {
		err := rc.ps.RemoveBukti(r.Context(), actorOf(r), rc.k.ID, id, label)
		if fail, status, done := s.outcome(w, r, err, "Bukti dukung \u201c"+b.Judul+"\u201d dihapus.", back); !done {
			s.renderRealisasi(w, r, status, rc.ps, rc.k, rc.roles, rc.checkin, rc.cs, fail, nil)
		}
		return
	}
	got, err := rc.ps.PenilaianOf(r.Context(), rc.k.PegawaiID, rc.checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := skp.CheckHapusBukti(got.Ditetapkan(), label(rc.checkin)); err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.ConfirmView{Title: "Hapus bukti dukung", Action: fmt.Sprintf("%s/bukti/%d/hapus?ke=%d", skpHref(rc.k.ID), id, rc.checkin),
		Button: "Ya, hapus", Danger: true, CancelHref: back,
		Question: "Hapus bukti dukung \u201c" + b.Judul + "\u201d dari realisasi " + label(rc.checkin) + "?",
		Details:  []string{"Penghapusan dicatat dalam jejak audit bersama isinya.", "Untuk mengganti bukti, hapus yang ini lalu tambahkan bukti yang benar."}}
	s.render(w, r, http.StatusOK, page{title: "Hapus bukti dukung", body: view.ConfirmPage(v, csrfToken(r))})
}
