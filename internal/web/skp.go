package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
	"kinerja/internal/org"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
	"kinerja/internal/store"
	"kinerja/web/static"
	"kinerja/web/view"
)

func skpHref(id int64) string { return "/skp/" + strconv.FormatInt(id, 10) }

// skpRoles is what the viewer is to an SKP.
type skpRoles struct {
	owner, penilai, atasanPenilai, kepala, admin bool
}

func (r skpRoles) canView() bool {
	return r.owner || r.penilai || r.atasanPenilai || r.kepala || r.admin
}

func rolesFor(p auth.Principal, k *skp.SKP) skpRoles {
	return skpRoles{
		owner:         k.PegawaiID == p.PegawaiID,
		penilai:       k.PenilaiID != 0 && k.PenilaiID == p.PegawaiID,
		atasanPenilai: k.AtasanPenilaiID != 0 && k.AtasanPenilaiID == p.PegawaiID,
		kepala:        p.Roles.KepalaOPD && p.OPDID == k.OPDID,
		admin:         p.Roles.AdminBKD,
	}
}

// loadSKP reads the SKP in the URL and checks the viewer may see it; want, when not
// nil, must also hold (e.g. only the owner edits).
func (s *Server) loadSKP(w http.ResponseWriter, r *http.Request, want func(skpRoles) bool) (*store.PeriodStore, *skp.SKP, skpRoles, bool) {
	p, _ := principal(r)
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return nil, nil, skpRoles{}, false
	}
	pid, err := s.store.SKPPeriod(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, skpRoles{}, false
	}
	ps := s.store.Period(pid)
	k, err := ps.GetSKP(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, skpRoles{}, false
	}
	roles := rolesFor(p, k)
	if !roles.canView() || (want != nil && !want(roles)) {
		s.forbidden(w, r)
		return nil, nil, roles, false
	}
	return ps, k, roles, true
}

// mySKP is SKP Saya: the plan of the signed-in pegawai in the active period.
func (s *Server) mySKP(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	per, err := s.store.ActivePeriod(r.Context())
	if apperr.Is(err, apperr.NotFound) {
		s.render(w, r, http.StatusOK, page{title: "SKP Saya", active: "/skp", body: view.Empty("Belum ada periode penilaian yang dibuka. SKP dibuat setelah Admin BKD membuka periode.")})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ps := s.store.Period(per.ID)
	id, err := ps.SKPHead(r.Context(), p.PegawaiID)
	if err == nil {
		http.Redirect(w, r, skpHref(id), http.StatusSeeOther)
		return
	}
	if err != store.ErrNoSKP {
		s.fail(w, r, err)
		return
	}
	s.renderEmptySKP(w, r, http.StatusOK, ps, per, "")
}

func (s *Server) renderEmptySKP(w http.ResponseWriter, r *http.Request, status int, ps *store.PeriodStore, per periode.Periode, msg string) {
	p, _ := principal(r)
	v := view.SKPEmpty{Tahun: per.Settings.Tahun, Fase: per.Fase.Label(), Message: msg}
	x, err := ps.GetPeserta(r.Context(), p.PegawaiID)
	switch {
	case apperr.Is(err, apperr.NotFound) || (err == nil && !x.Aktif):
		v.Reason = "Anda bukan peserta periode ini. Hubungi Admin BKD bila seharusnya ikut dinilai."
	case err != nil:
		s.fail(w, r, err)
		return
	case !periode.Allows(per.Fase, periode.CreateSKP, periode.Year):
		v.Reason = apperr.As(periode.Check(per.Fase, periode.CreateSKP, periode.Year)).Message
	default:
		v.CanMake = true
	}
	s.render(w, r, status, page{title: "SKP Saya", active: "/skp", body: view.SKPEmptyPage(v, csrfToken(r))})
}

func (s *Server) startSKP(copyPrev bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := principal(r)
		per, err := s.store.ActivePeriod(r.Context())
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
		if e := apperr.As(err); e != nil {
			s.renderEmptySKP(w, r, http.StatusConflict, ps, per, e.Message)
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		http.Redirect(w, r, skpHref(id), http.StatusSeeOther)
	}
}

func formatTarget(k skp.IKI) string {
	if k.Target == nil {
		return k.TargetTeks
	}
	t := strconv.FormatFloat(*k.Target, 'f', -1, 64)
	whole, frac, _ := strings.Cut(t, ".")
	n, _ := strconv.Atoi(whole)
	out := view.Angka(n)
	if frac != "" {
		out += "," + frac
	}
	out += " " + k.Satuan
	if k.TargetTeks != "" {
		out += " (" + k.TargetTeks + ")"
	}
	return out
}

var aksiLabels = map[string]string{"ajukan": "Diajukan", "kembalikan": "Dikembalikan", "setujui": "Disetujui", "perubahan": "Perubahan SKP", "salin": "Disalin"}

// skpView builds the page of an SKP for the viewer.
func (s *Server) skpView(r *http.Request, ps *store.PeriodStore, k *skp.SKP, roles skpRoles) (view.SKPPage, error) {
	v := view.SKPPage{ID: k.ID, Tahun: k.Tahun, Versi: k.Versi, Latest: k.Latest, Status: k.Status.Label(), StatusKode: string(k.Status),
		Version: k.Version, Owner: roles.owner, JPT: k.JPT, Free: k.KepalaOPD, Lampiran: k.Lampiran, Errors: map[string]string{}, Base: skpHref(k.ID)}
	edit := k.Latest && periode.Allows(k.Fase, periode.EditSKP, periode.Year)
	approve := k.Latest && periode.Allows(k.Fase, periode.ApproveSKP, periode.Year)
	v.CanEdit = roles.owner && edit && k.Status.Editable()
	v.CanDecide = roles.penilai && approve && k.Status == skp.Diajukan
	v.CanExpect = roles.penilai && approve && k.Status != skp.Disetujui
	v.CanRevise = roles.owner && edit && k.Status == skp.Disetujui
	v.CanReport = reportPhase(k)
	v.Pegawai = identity(k.Pegawai, false)
	if k.Penilai != nil {
		pen := identity(*k.Penilai, false)
		v.Penilai = &pen
	}
	groups := map[string]*view.RHKGroup{}
	var order []string
	group := func(key, title string) *view.RHKGroup {
		if g, ok := groups[key]; ok {
			return g
		}
		groups[key] = &view.RHKGroup{Title: title}
		order = append(order, key)
		return groups[key]
	}
	if k.JPT {
		for _, p := range skp.Perspektif {
			group(p.Kode, p.Label)
		}
	} else {
		group("utama", "RHK Utama")
		group("tambahan", "RHK Tambahan")
	}
	n := 0
	for _, x := range k.RHK {
		n += len(x.IKI)
	}
	ikiViews := make([]view.IKIView, n) // one backing array, a run for each RHK
	for _, g := range groups {
		g.RHK = make([]view.RHKView, 0, len(k.RHK))
	}
	for i, x := range k.RHK {
		base := v.Base + "/rhk/" + strconv.FormatInt(x.ID, 10)
		rv := view.RHKView{No: i + 1, Uraian: x.Uraian, Atasan: x.AtasanUraian, Penugasan: x.Penugasan,
			EditHref: base + "/ubah", DeleteHref: base + "/hapus", AddIKIHref: base + "/iki/baru"}
		if k.JPT && x.Jenis == "tambahan" {
			rv.Uraian = x.Uraian + " (tambahan)"
		}
		rv.IKI = ikiViews[:0:len(x.IKI)]
		ikiViews = ikiViews[len(x.IKI):]
		for _, ik := range x.IKI {
			ikiBase := v.Base + "/iki/" + strconv.FormatInt(ik.ID, 10)
			rv.IKI = append(rv.IKI, view.IKIView{Indikator: ik.Indikator, Aspek: skp.AspekLabel(ik.Aspek), Target: formatTarget(ik),
				EditHref: ikiBase + "/ubah", DeleteHref: ikiBase + "/hapus"})
		}
		key := x.Jenis
		if k.JPT {
			key = x.Perspektif
			if key == "" {
				key = "tanpa"
				group("tanpa", "Belum berperspektif")
			}
		}
		g := group(key, key)
		g.RHK = append(g.RHK, rv)
	}
	for _, key := range order {
		v.Groups = append(v.Groups, *groups[key])
	}
	for _, n := range skp.BerAKHLAK {
		v.Perilaku = append(v.Perilaku, view.PerilakuView{No: n.No, Nama: n.Nama, Indikator: n.Indikator, Ekspektasi: k.Ekspektasi[n.No]})
	}
	if v.CanEdit {
		v.Missing = skp.Missing(k.Plan())
	}
	for _, n := range k.Notes {
		v.Notes = append(v.Notes, view.NoteView{Waktu: view.Waktu(n.At.In(s.loc)), Oleh: n.Oleh, Aksi: fmt.Sprintf("%s (versi %d)", aksiLabels[n.Aksi], n.Versi), Catatan: n.Catatan})
	}
	for _, x := range k.Versions {
		v.Versions = append(v.Versions, view.VersionLink{Label: fmt.Sprintf("versi %d (%s)", x.Versi, skp.Status(x.Status).Label()), Href: skpHref(x.ID), Current: x.ID == k.ID})
	}
	return v, nil
}

func (s *Server) skpCrumbs(roles skpRoles, k *skp.SKP, last string) ([]view.Crumb, string) {
	c := []view.Crumb{{Label: "Beranda", Href: "/"}}
	active := "/skp"
	if !roles.owner {
		c = append(c, view.Crumb{Label: "SKP Bawahan", Href: "/skp/bawahan"})
		active = "/skp/bawahan"
	}
	c = append(c, view.Crumb{Label: fmt.Sprintf("SKP %d", k.Tahun), Href: skpHref(k.ID)})
	if last != "" {
		c = append(c, view.Crumb{Label: last})
	}
	return c, active
}

func (s *Server) showSKP(w http.ResponseWriter, r *http.Request) {
	ps, k, roles, ok := s.loadSKP(w, r, nil)
	if !ok {
		return
	}
	s.renderSKP(w, r, http.StatusOK, ps, k, roles, nil)
}

func (s *Server) renderSKP(w http.ResponseWriter, r *http.Request, status int, ps *store.PeriodStore, k *skp.SKP, roles skpRoles, fail *apperr.Error) {
	v, err := s.skpView(r, ps, k, roles)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if fail != nil {
		v.Message = fail.Message
		if fail.Fields["missing"] != "" {
			v.Message = ""
		}
		for f, m := range fail.Fields {
			v.Errors[f] = m
		}
		v.Catatan = r.PostFormValue("catatan")
	}
	crumbs, active := s.skpCrumbs(roles, k, "")
	s.render(w, r, status, page{title: fmt.Sprintf("SKP %d", k.Tahun), active: active, crumbs: crumbs[:len(crumbs)-1], body: view.SKPPageView(v, csrfToken(r))})
}

// skpAction runs a POST from the SKP page and shows the page again on a refusal.
func (s *Server) skpAction(want func(skpRoles) bool, run func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, int64, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ps, k, roles, ok := s.loadSKP(w, r, want)
		if !ok {
			return
		}
		msg, next, err := run(r, ps, k)
		if err == nil {
			s.flash(r, "sukses", msg)
			if next == 0 {
				next = k.ID
			}
			http.Redirect(w, r, skpHref(next), http.StatusSeeOther)
			return
		}
		e := apperr.As(err)
		if e == nil || e.Code == apperr.NotFound {
			s.fail(w, r, err)
			return
		}
		status := http.StatusUnprocessableEntity
		if e.Code == apperr.Conflict {
			status = http.StatusConflict
		}
		if fresh, err := ps.GetSKP(r.Context(), k.ID); err == nil {
			k = fresh
		}
		s.renderSKP(w, r, status, ps, k, roles, e)
	}
}

func isOwner(r skpRoles) bool   { return r.owner }
func isPenilai(r skpRoles) bool { return r.penilai }

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

// skpForm shows (GET) and saves (POST) one of the SKP's sub-forms; save returns the
// success message or a refusal.
func (s *Server) skpForm(want func(skpRoles) bool, build func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (view.FormView, error),
	save func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ps, k, roles, ok := s.loadSKP(w, r, want)
		if !ok {
			return
		}
		v, err := build(r, ps, k)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.CancelHref = skpHref(k.ID)
		if v.Hidden == nil {
			v.Hidden = map[string]string{}
		}
		if r.Method == http.MethodGet {
			v.Hidden["version"] = strconv.Itoa(k.Version)
		} else {
			v.Hidden["version"] = r.PostFormValue("version")
		}
		crumbs, active := s.skpCrumbs(roles, k, v.Title)
		status := http.StatusOK
		if r.Method == http.MethodPost {
			msg, err := save(r, ps, k)
			if err == nil {
				s.flash(r, "sukses", msg)
				http.Redirect(w, r, skpHref(k.ID), http.StatusSeeOther)
				return
			}
			e := apperr.As(err)
			if e == nil || e.Code == apperr.NotFound {
				s.fail(w, r, err)
				return
			}
			v.Errors, v.Message = e.Fields, e.Message
			status = http.StatusUnprocessableEntity
			if e.Code == apperr.Conflict {
				status = http.StatusConflict
			}
		}
		s.render(w, r, status, page{title: v.Title, active: active, crumbs: crumbs, body: view.FormPage(v, csrfToken(r))})
	}
}

func urlID(r *http.Request, name string) int64 {
	id, _ := pathID(chi.URLParam(r, name))
	return id
}

// rhkForm adds or changes an RHK.
func (s *Server) rhkForm() http.HandlerFunc {
	build := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (view.FormView, error) {
		v := view.FormView{Title: "Tambah RHK", Action: skpHref(k.ID) + "/rhk/baru", Submit: "Simpan"}
		in := skp.RHKInput{Jenis: "utama"}
		if id := urlID(r, "rhk"); id != 0 {
			x := k.FindRHK(id)
			if x == nil {
				return v, apperr.New(apperr.NotFound, "RHK tidak ditemukan.")
			}
			v.Title, v.Action = "Ubah RHK", fmt.Sprintf("%s/rhk/%d/ubah", skpHref(k.ID), id)
			in = skp.RHKInput{Jenis: x.Jenis, Uraian: x.Uraian, AtasanKunci: strconv.FormatInt(x.AtasanKunci, 10), Penugasan: x.Penugasan, Perspektif: x.Perspektif}
		}
		if r.Method == http.MethodPost {
			in = skp.RHKInput{Jenis: r.PostFormValue("jenis"), Uraian: r.PostFormValue("uraian"), AtasanKunci: r.PostFormValue("atasan"),
				Penugasan: r.PostFormValue("penugasan"), Perspektif: r.PostFormValue("perspektif")}
		}
		v.Fields = []view.FormField{
			{ID: "jenis", Label: "Jenis RHK", Type: "select", Options: []view.Option{{Value: "utama", Label: "Utama", Selected: in.Jenis == "utama"}, {Value: "tambahan", Label: "Tambahan", Selected: in.Jenis == "tambahan"}}},
			{ID: "uraian", Label: "Rencana hasil kerja", Type: "textarea", Value: in.Uraian, Hint: "Hasil yang ingin dicapai, mis. Tersusunnya dokumen kurikulum muatan lokal"},
		}
		if k.JPT {
			var opts []view.Option
			for _, p := range skp.Perspektif {
				opts = append(opts, view.Option{Value: p.Kode, Label: p.Label, Selected: p.Kode == in.Perspektif})
			}
			v.Fields = append(v.Fields, view.FormField{ID: "perspektif", Label: "Perspektif", Type: "select", Options: opts, Placeholder: "Pilih perspektif"})
		}
		if k.KepalaOPD {
			v.Fields = append(v.Fields, view.FormField{ID: "penugasan", Label: "Penugasan dari", Value: in.Penugasan, Hint: "mis. RPJMD, arahan Kepala Daerah"})
		} else {
			list, err := ps.PenilaiRHK(r.Context(), k.PenilaiID)
			if err != nil {
				return v, err
			}
			var opts []view.Option
			for i, a := range list {
				key := strconv.FormatInt(a.Kunci, 10)
				opts = append(opts, view.Option{Value: key, Label: fmt.Sprintf("%d. %s", i+1, a.Uraian), Selected: key == in.AtasanKunci})
			}
			hint := "RHK pejabat penilai yang didukung (diintervensi)."
			if len(list) == 0 {
				hint = "Pejabat penilai belum menulis RHK; Anda dapat memilihnya nanti."
			}
			v.Fields = append(v.Fields, view.FormField{ID: "atasan", Label: "RHK atasan yang diintervensi", Type: "select", Options: opts, Placeholder: "Pilih RHK atasan", Hint: hint})
		}
		return v, nil
	}
	save := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, error) {
		known := map[int64]bool{}
		if !k.KepalaOPD {
			list, err := ps.PenilaiRHK(r.Context(), k.PenilaiID)
			if err != nil {
				return "", err
			}
			for _, a := range list {
				known[a.Kunci] = true
			}
		}
		in := skp.RHKInput{Jenis: r.PostFormValue("jenis"), Uraian: r.PostFormValue("uraian"), AtasanKunci: r.PostFormValue("atasan"),
			Penugasan: r.PostFormValue("penugasan"), Perspektif: r.PostFormValue("perspektif")}
		x, errs := skp.CheckRHK(in, k.JPT, k.KepalaOPD, func(key int64) bool { return known[key] })
		if len(errs) > 0 {
			return "", apperr.Validation(errs)
		}
		id := urlID(r, "rhk")
		if id != 0 && k.FindRHK(id) == nil {
			return "", apperr.New(apperr.NotFound, "RHK tidak ditemukan.")
		}
		_, err := ps.SaveRHK(r.Context(), actorOf(r), k.ID, formVersion(r), id, x)
		return "RHK disimpan.", err
	}
	return s.skpForm(isOwner, build, save)
}

// ikiForm adds or changes an indicator.
func (s *Server) ikiForm() http.HandlerFunc {
	build := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (view.FormView, error) {
		v := view.FormView{Submit: "Simpan"}
		var in skp.IKIInput
		if id := urlID(r, "iki"); id != 0 {
			rhk, x := k.FindIKI(id)
			if x == nil {
				return v, apperr.New(apperr.NotFound, "Indikator tidak ditemukan.")
			}
			v.Title, v.Action = "Ubah indikator", fmt.Sprintf("%s/iki/%d/ubah", skpHref(k.ID), id)
			in = skp.IKIInput{Indikator: x.Indikator, Aspek: x.Aspek, Satuan: x.Satuan, TargetTeks: x.TargetTeks}
			if x.Target != nil {
				in.Target = strings.Replace(strconv.FormatFloat(*x.Target, 'f', -1, 64), ".", ",", 1)
			}
			v.Hidden = map[string]string{"rhk": strconv.FormatInt(rhk.ID, 10)}
		} else {
			rhk := k.FindRHK(urlID(r, "rhk"))
			if rhk == nil {
				return v, apperr.New(apperr.NotFound, "RHK tidak ditemukan.")
			}
			v.Title, v.Action = "Tambah indikator", fmt.Sprintf("%s/rhk/%d/iki/baru", skpHref(k.ID), rhk.ID)
		}
		if r.Method == http.MethodPost {
			in = skp.IKIInput{Indikator: r.PostFormValue("indikator"), Aspek: r.PostFormValue("aspek"), Target: r.PostFormValue("target"),
				Satuan: r.PostFormValue("satuan"), TargetTeks: r.PostFormValue("target_teks")}
		}
		var aspek []view.Option
		for _, a := range skp.Aspek {
			aspek = append(aspek, view.Option{Value: a.Kode, Label: a.Label, Selected: a.Kode == in.Aspek})
		}
		v.Fields = []view.FormField{
			{ID: "indikator", Label: "Indikator kinerja individu", Type: "textarea", Value: in.Indikator, Hint: "mis. Jumlah dokumen kurikulum yang ditetapkan"},
			{ID: "aspek", Label: "Aspek", Type: "select", Options: aspek, Placeholder: map[bool]string{true: "Tanpa aspek", false: "Pilih aspek"}[k.JPT]},
			{ID: "target", Label: "Target (angka)", Value: in.Target, Hint: "mis. 12 atau 12,5; kosongkan untuk target kualitatif"},
			{ID: "satuan", Label: "Satuan", Value: in.Satuan, Hint: "mis. dokumen, persen, hari"},
			{ID: "target_teks", Label: "Target kualitatif", Value: in.TargetTeks, Hint: "mis. Tanpa temuan berulang"},
		}
		return v, nil
	}
	save := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, error) {
		x, errs := skp.CheckIKI(skp.IKIInput{Indikator: r.PostFormValue("indikator"), Aspek: r.PostFormValue("aspek"), Target: r.PostFormValue("target"),
			Satuan: r.PostFormValue("satuan"), TargetTeks: r.PostFormValue("target_teks")}, k.JPT)
		if len(errs) > 0 {
			return "", apperr.Validation(errs)
		}
		ikiID := urlID(r, "iki")
		rhkID := urlID(r, "rhk")
		if ikiID != 0 {
			rhk, ik := k.FindIKI(ikiID)
			if ik == nil {
				return "", apperr.New(apperr.NotFound, "Indikator tidak ditemukan.")
			}
			rhkID = rhk.ID
		}
		_, err := ps.SaveIKI(r.Context(), actorOf(r), k.ID, formVersion(r), rhkID, ikiID, x)
		return "Indikator disimpan.", err
	}
	return s.skpForm(isOwner, build, save)
}

func (s *Server) lampiranForm() http.HandlerFunc {
	build := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (view.FormView, error) {
		vals := k.Lampiran
		if r.Method == http.MethodPost {
			vals = [3]string{r.PostFormValue("sumber_daya"), r.PostFormValue("skema"), r.PostFormValue("konsekuensi")}
		}
		return view.FormView{Title: "Lampiran SKP", Action: skpHref(k.ID) + "/lampiran", Submit: "Simpan", Fields: []view.FormField{
			{ID: "sumber_daya", Label: "Dukungan sumber daya", Type: "textarea", Value: vals[0], Hint: "satu per baris"},
			{ID: "skema", Label: "Skema pertanggungjawaban", Type: "textarea", Value: vals[1], Hint: "satu per baris"},
			{ID: "konsekuensi", Label: "Konsekuensi", Type: "textarea", Value: vals[2], Hint: "satu per baris"},
		}}, nil
	}
	save := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, error) {
		vals, errs := skp.CheckLampiran(r.PostFormValue("sumber_daya"), r.PostFormValue("skema"), r.PostFormValue("konsekuensi"))
		if len(errs) > 0 {
			return "", apperr.Validation(errs)
		}
		return "Lampiran disimpan.", ps.SaveLampiran(r.Context(), actorOf(r), k.ID, formVersion(r), vals)
	}
	return s.skpForm(isOwner, build, save)
}

func (s *Server) ekspektasiForm() http.HandlerFunc {
	build := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (view.FormView, error) {
		v := view.FormView{Title: "Ekspektasi khusus pimpinan", Action: skpHref(k.ID) + "/ekspektasi", Submit: "Simpan"}
		for _, n := range skp.BerAKHLAK {
			val := k.Ekspektasi[n.No]
			if r.Method == http.MethodPost {
				val = r.PostFormValue(skp.FieldEkspektasi(n.No))
			}
			v.Fields = append(v.Fields, view.FormField{ID: skp.FieldEkspektasi(n.No), Label: fmt.Sprintf("%d. %s", n.No, n.Nama), Type: "textarea",
				Value: val, Hint: strings.Join(n.Indikator, "; ")})
		}
		return v, nil
	}
	save := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, error) {
		m := map[int]string{}
		for n := 1; n <= 7; n++ {
			m[n] = r.PostFormValue(skp.FieldEkspektasi(n))
		}
		return "Ekspektasi disimpan.", ps.SaveEkspektasi(r.Context(), actorOf(r), k.ID, formVersion(r), m)
	}
	return s.skpForm(isPenilai, build, save)
}

// skpDelete confirms (GET) and removes (POST) an RHK or an indicator.
func (s *Server) skpDelete(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ps, k, roles, ok := s.loadSKP(w, r, isOwner)
		if !ok {
			return
		}
		var what string
		switch kind {
		case "rhk":
			x := k.FindRHK(urlID(r, "rhk"))
			if x == nil {
				s.notFound(w, r)
				return
			}
			what = fmt.Sprintf("RHK \u201c%s\u201d beserta %d indikatornya", x.Uraian, len(x.IKI))
		default:
			_, x := k.FindIKI(urlID(r, "iki"))
			if x == nil {
				s.notFound(w, r)
				return
			}
			what = fmt.Sprintf("indikator \u201c%s\u201d", x.Indikator)
		}
		title := "Hapus " + map[string]string{"rhk": "RHK", "iki": "indikator"}[kind]
		v := view.ConfirmView{Title: title, Question: "Hapus " + what + "?", Action: r.URL.Path, Button: "Hapus", Danger: true,
			CancelHref: skpHref(k.ID), Hidden: map[string]string{"version": strconv.Itoa(k.Version)}}
		crumbs, active := s.skpCrumbs(roles, k, title)
		if r.Method == http.MethodPost {
			var err error
			if kind == "rhk" {
				err = ps.DeleteRHK(r.Context(), actorOf(r), k.ID, formVersion(r), urlID(r, "rhk"))
			} else {
				err = ps.DeleteIKI(r.Context(), actorOf(r), k.ID, formVersion(r), urlID(r, "iki"))
			}
			if err == nil {
				s.flash(r, "sukses", strings.ToUpper(what[:1])+what[1:]+" dihapus.")
				http.Redirect(w, r, skpHref(k.ID), http.StatusSeeOther)
				return
			}
			e := apperr.As(err)
			if e == nil {
				s.fail(w, r, err)
				return
			}
			v.Message = e.Message
			s.render(w, r, http.StatusConflict, page{title: title, active: active, crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
			return
		}
		s.render(w, r, http.StatusOK, page{title: title, active: active, crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
	}
}

// skpQueue is SKP Bawahan: the plans the signed-in penilai approves in the active period.
func (s *Server) skpQueue(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	per, err := s.store.ActivePeriod(r.Context())
	if apperr.Is(err, apperr.NotFound) {
		s.render(w, r, http.StatusOK, page{title: "SKP Bawahan", active: "/skp/bawahan", body: view.Empty("Belum ada periode penilaian yang dibuka.")})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.store.Period(per.ID).ListBawahanSKP(r.Context(), p.PegawaiID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.SKPQueue{Tahun: per.Settings.Tahun, Chart: view.BarChart{Title: "Status SKP bawahan"}}
	counts := map[string]int{}
	for _, b := range list {
		row := view.SKPQueueRow{Nama: b.Nama, NIP: org.FormatNIP(b.NIP), Jabatan: b.Jabatan, Status: "Belum dibuat", Diajukan: "–"}
		if b.SKPID != 0 {
			row.Status = skp.Status(b.Status).Label()
			if b.Versi > 1 {
				row.Status += fmt.Sprintf(" (versi %d)", b.Versi)
			}
			row.Href = skpHref(b.SKPID)
			row.Menunggu = b.Status == "diajukan"
		}
		if b.Diajukan != nil {
			row.Diajukan = view.Waktu(b.Diajukan.In(s.loc))
		}
		counts[map[bool]string{true: skp.Status(b.Status).Label(), false: "Belum dibuat"}[b.SKPID != 0]]++
		v.Rows = append(v.Rows, row)
	}
	for _, st := range []string{"Diajukan", "Dikembalikan", "Draft", "Disetujui", "Belum dibuat"} {
		v.Chart.Bars = append(v.Chart.Bars, view.Bar{Label: st, Value: counts[st]})
	}
	s.render(w, r, http.StatusOK, page{title: "SKP Bawahan", active: "/skp/bawahan",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "SKP Bawahan"}}, body: view.SKPQueuePage(v)})
}

// skpPrint builds the printable SKP.
func (s *Server) skpPrint(r *http.Request, ps *store.PeriodStore, k *skp.SKP, roles skpRoles) (view.SKPPrint, error) {
	page, err := s.skpView(r, ps, k, roles)
	if err != nil {
		return view.SKPPrint{}, err
	}
	per, err := ps.Info(r.Context())
	if err != nil {
		return view.SKPPrint{}, err
	}
	instansi, kota, err := s.store.Instansi(r.Context())
	if err != nil {
		return view.SKPPrint{}, err
	}
	if kota == "" {
		kota = "…"
	}
	return view.SKPPrint{Instansi: instansi, Tahun: k.Tahun, Rentang: view.Tanggal(per.Settings.Mulai) + " s.d. " + view.Tanggal(per.Settings.Selesai),
		Versi: k.Versi, Status: k.Status.Label(), Pegawai: page.Pegawai, Penilai: page.Penilai, Groups: page.Groups, Perilaku: page.Perilaku,
		Lampiran: k.Lampiran, Tempat: kota, Tanggal: view.Tanggal(s.today())}, nil
}

func (s *Server) skpCetak(w http.ResponseWriter, r *http.Request) {
	ps, k, roles, ok := s.loadSKP(w, r, nil)
	if !ok {
		return
	}
	v, err := s.skpPrint(r, ps, k, roles)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Back = skpHref(k.ID)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := view.SKPPrintPage(v).Render(r.Context(), w); err != nil {
		s.log.Error("render print", "err", err)
	}
}

func (s *Server) skpPDF(w http.ResponseWriter, r *http.Request) {
	ps, k, roles, ok := s.loadSKP(w, r, nil)
	if !ok {
		return
	}
	if !s.pdf.Available() {
		s.errorPage(w, r, http.StatusServiceUnavailable, "PDF tidak tersedia",
			"Server ini belum memasang Chromium untuk membuat PDF. Gunakan halaman Cetak dan simpan sebagai PDF dari peramban.")
		return
	}
	v, err := s.skpPrint(r, ps, k, roles)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	css, err := static.FS.ReadFile("print.css")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.InlineCSS = string(css)
	var buf strings.Builder
	if err := view.SKPPrintPage(v).Render(r.Context(), &buf); err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := s.pdf.Render(r.Context(), []byte(buf.String()))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="skp-%d-%s-v%d.pdf"`, k.Tahun, strings.ReplaceAll(v.Pegawai.NIP, " ", ""), k.Versi))
	_, _ = w.Write(out)
}
