package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/a-h/templ"
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

// skpRoles is what the viewer is to an SKP (skp.Peran).
type skpRoles = skp.Peran

func rolesFor(p auth.Principal, k *skp.SKP) skpRoles {
	var kepalaOf int64
	if p.Roles.KepalaOPD {
		kepalaOf = p.OPDID
	}
	return skp.PeranOf(p.PegawaiID, kepalaOf, p.Roles.AdminBKD, k)
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
	if !roles.MayView() || (want != nil && !want(roles)) {
		s.forbidden(w, r)
		return nil, nil, roles, false
	}
	return ps, k, roles, true
}

// mySKP is SKP Saya: the plan of the signed-in pegawai in the period shown (?tahun=,
// by default the active one).
func (s *Server) mySKP(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	per, choice, err := s.shownPeriod(r, "/skp")
	if err == errNoPeriod {
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
	s.renderEmptySKP(w, r, http.StatusOK, ps, per, choice, "")
}

func (s *Server) renderEmptySKP(w http.ResponseWriter, r *http.Request, status int, ps *store.PeriodStore, per periode.Periode, choice view.PeriodChoice, msg string) {
	p, _ := principal(r)
	v := view.SKPEmpty{Tahun: per.Settings.Tahun, Fase: per.Fase.Label(), Message: msg, Periode: choice}
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

var aksiLabels = map[string]string{"ajukan": "Diajukan", "kembalikan": "Dikembalikan", "setujui": "Disetujui", "perubahan": "Perubahan SKP", "salin": "Disalin"}

// skpView builds the page of an SKP for the viewer.
func (s *Server) skpView(r *http.Request, ps *store.PeriodStore, k *skp.SKP, roles skpRoles) (view.SKPPage, error) {
	v := view.SKPPage{ID: k.ID, Tahun: k.Tahun, Versi: k.Versi, Latest: k.Latest, Status: k.Status.Label(), StatusKode: string(k.Status),
		Version: k.Version, Owner: roles.Pegawai, JPT: k.JPT, Free: k.KepalaOPD, Lampiran: k.Lampiran, Errors: map[string]string{}, Base: skpHref(k.ID)}
	v.CanEdit, v.CanDecide = roles.MayEdit(k), roles.MayDecide(k)
	v.CanExpect, v.CanRevise = roles.MayExpect(k), roles.MayRevise(k)
	v.CanReport = reportPhase(k)
	if p, _ := principal(r); p.Roles.AdminBKD {
		v.AuditHref = auditHistoryHref("skp", strconv.FormatInt(k.ID, 10))
	}
	if err := s.perubahanView(r, ps, k, &v); err != nil {
		return v, err
	}
	if k.Penugasan.Ke > 1 || k.Penugasan.Berakhir {
		list, err := ps.PenugasanOf(r.Context(), k.PegawaiID)
		if err != nil {
			return v, err
		}
		v.Masa, v.Berakhir, v.Penugasan = k.Penugasan.Masa(), k.Penugasan.Berakhir, penugasanLinks(list, k.Penugasan.Ke)
	}
	if roles.Pegawai {
		list, err := s.store.StartedPeriods(r.Context())
		if err != nil {
			return v, err
		}
		for _, x := range list {
			if x.Settings.Tahun == k.Tahun {
				v.Periode = periodChoice(r, list, x, "/skp")
			}
		}
	}
	// Each block names its atasan in the period: the pegawai's is the penilai, the
	// penilai's the atasan penilai.
	v.Pegawai = identity(k.Pegawai, false)
	v.Pegawai.Atasan = atasanLink(k.Penilai)
	if k.Penilai != nil {
		pen := identity(*k.Penilai, false)
		pen.Atasan = atasanLink(k.AtasanPenilai)
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
		rv := view.RHKView{No: i + 1, Uraian: x.Uraian, Atasan: x.AtasanUraian, AtasanDraf: x.AtasanDraf, Penugasan: x.Penugasan,
			Pendukung: skp.NamaPendukung(x.Pendukung), Draf: k.Status != skp.Disetujui,
			EditHref: base + "/ubah", DeleteHref: base + "/hapus", AddIKIHref: base + "/iki/baru"}
		if k.JPT && x.Jenis == "tambahan" {
			rv.Uraian = x.Uraian + " (tambahan)"
		}
		rv.IKI = ikiViews[:0:len(x.IKI)]
		ikiViews = ikiViews[len(x.IKI):]
		for _, ik := range x.IKI {
			ikiBase := v.Base + "/iki/" + strconv.FormatInt(ik.ID, 10)
			rv.IKI = append(rv.IKI, view.IKIView{Indikator: ik.Indikator, Aspek: skp.AspekLabel(ik.Aspek), Target: view.Target(ik),
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
	if n, ok := k.CatatanKembali(); ok {
		v.Kembali = &view.NoteView{Waktu: view.Waktu(n.At.In(s.loc)), Oleh: n.Oleh, Catatan: n.Catatan}
	}
	for _, x := range k.Versions {
		v.Versions = append(v.Versions, view.VersionLink{Label: fmt.Sprintf("versi %d (%s)", x.Versi, skp.Status(x.Status).Label()), Href: skpHref(x.ID), Current: x.ID == k.ID})
	}
	return v, nil
}

// atasanLink names a pegawai as someone's atasan; nil for none.
func atasanLink(p *org.Pegawai) *view.PersonLink {
	if p == nil {
		return nil
	}
	return &view.PersonLink{Nama: p.NamaLengkap(), NIP: p.NIP, Jabatan: p.Jabatan}
}

func (s *Server) skpCrumbs(roles skpRoles, k *skp.SKP, last string) ([]view.Crumb, string) {
	c := []view.Crumb{{Label: "Beranda", Href: "/"}}
	active := "/skp"
	if !roles.Pegawai {
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
		v.Alasan = r.PostFormValue(skp.FieldAlasanPerubahan)
	}
	crumbs, active := s.skpCrumbs(roles, k, "")
	s.render(w, r, status, page{title: fmt.Sprintf("SKP %d", k.Tahun), active: active, crumbs: crumbs[:len(crumbs)-1], body: view.SKPPageView(v, csrfToken(r))})
}

// skpQueue is SKP Bawahan: the plans the signed-in penilai approves in the period
// shown (?tahun=, by default the active one).
func (s *Server) skpQueue(w http.ResponseWriter, r *http.Request) {
	s.renderQueue(w, r, http.StatusOK, nil, nil)
}

// renderQueue shows SKP Bawahan, with a refusal of the bulk approval and the plans
// that were chosen.
func (s *Server) renderQueue(w http.ResponseWriter, r *http.Request, status int, fail *apperr.Error, chosen map[string]bool) {
	p, _ := principal(r)
	per, choice, err := s.shownPeriod(r, "/skp/bawahan")
	if err == errNoPeriod {
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
	v := view.SKPQueue{Tahun: per.Settings.Tahun, Periode: choice, Chart: view.BarChart{Title: "Status SKP bawahan"}, CSRF: csrfToken(r), FirstPilih: -1}
	if fail != nil {
		v.Message, v.Errors = fail.Message, fail.Fields
	}
	counts := map[string]int{}
	approve := periode.Allows(per.Fase, periode.ApproveSKP, periode.Year)
	for i, b := range list {
		row := view.SKPQueueRow{Nama: b.Nama, NIP: b.NIP, Jabatan: b.Jabatan, Status: "Belum dibuat", Diajukan: "–"}
		if b.SKPID != 0 {
			row.Status = skp.Status(b.Status).Label()
			if b.Versi > 1 {
				row.Status += fmt.Sprintf(" (versi %d)", b.Versi)
			}
			row.Href = skpHref(b.SKPID)
			row.Menunggu = b.Status == string(skp.Diajukan)
			if row.Menunggu && approve {
				row.Pilih = fmt.Sprintf("%d:%d", b.SKPID, b.Version)
				row.Dipilih = chosen[row.Pilih]
				v.CanBulk = true
				if v.FirstPilih < 0 {
					v.FirstPilih = i
				}
			}
		}
		if b.Diajukan != nil {
			row.Diajukan = view.Waktu(b.Diajukan.In(s.loc))
		}
		counts[map[bool]string{true: skp.Status(b.Status).Label(), false: "Belum dibuat"}[b.SKPID != 0]]++
		v.Rows = append(v.Rows, row)
	}
	for _, st := range []string{skp.Diajukan.Label(), skp.Dikembalikan.Label(), skp.Draft.Label(), skp.Disetujui.Label(), "Belum dibuat"} {
		v.Chart.Bars = append(v.Chart.Bars, view.Bar{Label: st, Value: counts[st]})
	}
	s.render(w, r, status, page{title: "SKP Bawahan", active: "/skp/bawahan",
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
		Masa: page.Masa, Penugasan: page.Penugasan,
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
		s.log.ErrorContext(r.Context(), "render print", "err", err)
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
	s.servePDF(w, r, fmt.Sprintf("skp-%d-%s-v%d.pdf", k.Tahun, strings.ReplaceAll(v.Pegawai.NIP, " ", ""), k.Versi), func(css string) templ.Component {
		v.InlineCSS = css
		return view.SKPPrintPage(v)
	})
}

// servePDF prints a document page, built with the print stylesheet inline, to a PDF
// download.
func (s *Server) servePDF(w http.ResponseWriter, r *http.Request, filename string, page func(css string) templ.Component) {
	css, err := static.FS.ReadFile("print.css")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf strings.Builder
	if err := page(string(css)).Render(r.Context(), &buf); err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := s.pdf.Render(r.Context(), []byte(buf.String()))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	_, _ = w.Write(out)
}

// perubahanView shows what a version after the first changes against the approved
// version it was made from (skp.Bandingkan), for the penilai to check before approval.
func (s *Server) perubahanView(r *http.Request, ps *store.PeriodStore, k *skp.SKP, v *view.SKPPage) error {
	var from *skp.Version
	for i := range k.Versions { // newest first
		if x := k.Versions[i]; x.Versi < k.Versi && x.Status == skp.Disetujui && from == nil {
			from = &k.Versions[i]
		}
	}
	if from == nil {
		return nil
	}
	old, err := ps.GetSKP(r.Context(), from.ID)
	if err != nil {
		return err
	}
	v.DariVersi = from.Versi
	for _, p := range skp.Bandingkan(old, k) {
		v.Perubahan = append(v.Perubahan, view.PerubahanRow{Jenis: p.Jenis, Bagian: p.Bagian, Lama: p.Lama, Baru: p.Baru})
	}
	return nil
}
