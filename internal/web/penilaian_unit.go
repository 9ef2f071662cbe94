package web

import (
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/apperr"
	"kinerja/internal/org"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// activeRating is the active period with its check-ins and the check-in asked for
// (?ke=0 is the year; by default the year in the penilaian phase, else the current
// check-in). It renders the empty state and returns false without an active period.
func (s *Server) activeRating(w http.ResponseWriter, r *http.Request, title string) (periode.Periode, []periode.Checkin, int, bool) {
	per, err := s.store.ActivePeriod(r.Context())
	if apperr.Is(err, apperr.NotFound) {
		s.render(w, r, http.StatusOK, page{title: title, active: "/penilaian", body: view.Empty("Belum ada periode penilaian yang dibuka.")})
		return per, nil, 0, false
	}
	if err != nil {
		s.fail(w, r, err)
		return per, nil, 0, false
	}
	cs := periode.Checkins(per.Settings)
	return per, cs, periode.RatingCheckin(r.URL.Query().Get("ke"), per.Fase, cs, s.today()), true
}

// kurvaView shows a distribution beside its bounds, as numbers and a chart.
func kurvaView(d store.Distribusi, scope string) view.KurvaView {
	v := view.KurvaView{Scope: scope, OrgPredikat: d.OrgPredikat, Dinilai: d.Dinilai, Belum: d.BelumDinilai}
	bounds := penilaian.Bounds(d.OrgPredikat)
	for _, b := range bounds {
		v.Rules = append(v.Rules, b.Rule())
	}
	for _, x := range d.Pelanggaran() {
		v.Pelanggaran = append(v.Pelanggaran, x.Message)
	}
	v.Chart.Title = "Sebaran predikat " + scope
	for _, p := range penilaian.PredikatList {
		n := d.Counts[p]
		pct := 0.0
		if d.Dinilai > 0 {
			pct = 100 * float64(n) / float64(d.Dinilai)
		}
		v.Rows = append(v.Rows, view.KurvaRow{Predikat: string(p), Jumlah: n, Persen: penilaian.FormatPersen(pct)})
		bar := view.KurvaBar{Label: string(p), Permil: int(pct*10 + 0.5), Text: penilaian.FormatPersen(pct) + " (" + view.Angka(n) + ")", Max: -1, Min: -1}
		for _, b := range bounds {
			if len(b.Predikat) == 1 && b.Predikat[0] == p {
				if b.AtLeast {
					bar.Min = b.Persen
				} else {
					bar.Max = b.Persen
				}
			}
		}
		v.Chart.Bars = append(v.Chart.Bars, bar)
	}
	return v
}

func unitStatus(u store.UnitRow) string {
	switch {
	case u.SKPID == 0:
		return "Belum ada SKP"
	case !u.SKPDisetujui:
		return "SKP belum disetujui"
	case u.Keberatan != "":
		return keberatanLabel(u.Keberatan)
	case u.Ditetapkan:
		return "Ditetapkan"
	case u.Predikat != "":
		return "Draf lengkap"
	case u.PenilaianVersion > 0:
		return "Draf belum lengkap"
	}
	return "Belum dinilai"
}

// unitPenilaian is the penilai's Penilaian page: the subordinates at a check-in, the
// kurva distribusi against the OPD's bounds, and Tetapkan.
func (s *Server) unitPenilaian(w http.ResponseWriter, r *http.Request) {
	s.renderUnit(w, r, http.StatusOK, nil)
}

func (s *Server) renderUnit(w http.ResponseWriter, r *http.Request, status int, fail *apperr.Error) {
	p, _ := principal(r)
	per, cs, checkin, ok := s.activeRating(w, r, "Penilaian")
	if !ok {
		return
	}
	ps := s.store.Period(per.ID)
	rows, err := ps.UnitPenilaian(r.Context(), p.PegawaiID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := ps.KurvaPenilai(r.Context(), p.PegawaiID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.PenilaianUnitPage{Title: "Penilaian " + checkinLabel(cs, checkin) + " " + strconv.Itoa(per.Settings.Tahun), Checkin: checkin,
		Tabs: checkinTabs(cs, checkin), Prefix: "/penilaian?ke=", Kurva: kurvaView(d, "bawahan langsung"), CSRF: csrfToken(r), Errors: map[string]string{}}
	pending := false
	for _, u := range rows {
		row := view.UnitRowView{Nama: u.Nama, NIP: org.FormatNIP(u.NIP), HasilKerja: ratingLabel(u.HasilKerja), Perilaku: ratingLabel(u.Perilaku), Predikat: u.Predikat, Status: unitStatus(u)}
		if u.SKPDisetujui {
			row.Href = ratingHref(u.SKPID, checkin)
		}
		pending = pending || (u.Predikat != "" && !u.Ditetapkan)
		v.CanZIP = v.CanZIP || u.Ditetapkan
		v.Rows = append(v.Rows, row)
	}
	v.CanSet = pending && periode.Allows(per.Fase, periode.Publish, checkin)
	if p.Roles.KepalaOPD {
		v.OPDHref = "/penilaian/opd?ke=" + strconv.Itoa(checkin)
	}
	if fail != nil {
		v.Message, v.Errors = fail.Message, fail.Fields
		if fail.Code == apperr.Invalid {
			v.Message = "Penilaian belum dapat ditetapkan."
		}
		if v.Errors == nil {
			v.Errors = map[string]string{}
		}
		v.Justif = r.PostFormValue("justifikasi")
	}
	s.render(w, r, status, page{title: "Penilaian", active: "/penilaian", body: view.PenilaianUnitView(v)})
}

// tetapkan publishes and locks the penilai's ratings at a check-in.
func (s *Server) tetapkan(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	per, _, checkin, ok := s.activeRating(w, r, "Penilaian")
	if !ok {
		return
	}
	next := "/penilaian?ke=" + strconv.Itoa(checkin)
	var err error
	var n int
	if r.PostFormValue("konfirmasi") == "" {
		err = apperr.Validation(map[string]string{"konfirmasi": "Centang pernyataan ini untuk menetapkan: nilai dikunci dan diumumkan kepada pegawai."})
	} else {
		n, err = s.store.Period(per.ID).Tetapkan(r.Context(), actorOf(r), p.PegawaiID, checkin, r.PostFormValue("justifikasi"))
	}
	fail, status, done := s.outcome(w, r, err, view.Angka(n)+" penilaian ditetapkan dan diumumkan kepada pegawai.", next)
	if done {
		return
	}
	s.renderUnit(w, r, status, fail)
}

// kurvaOPD is the whole OPD's distribution at a check-in, for its kepala (and the
// Admin BKD, any OPD with ?opd=).
func (s *Server) kurvaOPD(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	opdID := p.OPDID
	if id, ok := pathID(r.URL.Query().Get("opd")); ok {
		opdID = id
	}
	if !canOpenOPD(p, opdID) {
		s.forbidden(w, r)
		return
	}
	per, cs, checkin, ok := s.activeRating(w, r, "Kurva distribusi OPD")
	if !ok {
		return
	}
	d, err := s.store.Period(per.ID).KurvaOPD(r.Context(), opdID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := s.store.GetOPD(r.Context(), opdID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.PenilaianUnitPage{Title: "Kurva distribusi " + o.Nama + ": " + checkinLabel(cs, checkin) + " " + strconv.Itoa(per.Settings.Tahun), Checkin: checkin,
		Tabs: checkinTabs(cs, checkin), Prefix: "/penilaian/opd?opd=" + strconv.FormatInt(opdID, 10) + "&ke=", Kurva: kurvaView(d, "seluruh OPD"), Errors: map[string]string{}}
	if p.Roles.AdminBKD {
		if v.OPDOptions, err = s.opdOptions(r, opdID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, page{title: "Kurva distribusi OPD", active: "/penilaian/opd", body: view.PenilaianUnitView(v)})
}

// keberatan shows a published rating's keberatan and takes, by aksi: ajukan (the
// pegawai, within the window), komentar (pegawai, penilai, atasan penilai while it is
// open) and putuskan (the atasan penilai, or the Admin BKD when there is none).
func (s *Server) keberatan(w http.ResponseWriter, r *http.Request) {
	// Without an atasan penilai in the period the Admin BKD records the decision of the
	// official who decides (the kepala daerah for the head of an OPD).
	allow := func(x skpRoles) bool {
		return x.owner || x.penilai || x.atasanPenilai || x.admin
	}
	rc, ok := s.loadReport(w, r, allow, "Keberatan belum dapat diajukan", "Keberatan diajukan atas penilaian yang sudah ditetapkan.")
	if !ok {
		return
	}
	checkin := s.ratingCheckin(r, rc)
	ctx := r.Context()
	party := rc.roles.owner || rc.roles.penilai || rc.roles.atasanPenilai
	pemutus := rc.roles.atasanPenilai || (rc.roles.admin && rc.k.AtasanPenilaiID == 0)
	if r.Method == http.MethodPost && !party && !pemutus {
		s.forbidden(w, r)
		return
	}
	got, err := rc.ps.PenilaianOf(ctx, rc.k.PegawaiID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !got.Ditetapkan() {
		s.errorPage(w, r, http.StatusConflict, "Keberatan belum dapat diajukan", "Keberatan diajukan setelah penilaian "+checkinLabel(rc.cs, checkin)+" ditetapkan.")
		return
	}
	kb, err := rc.ps.KeberatanOf(ctx, got.ID)
	ada := err == nil
	decides := ada && pemutus && kb.PemutusID == rc.k.AtasanPenilaiID
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	var fail *apperr.Error
	values := map[string]string{}
	if r.Method == http.MethodPost {
		p, _ := principal(r)
		aksi := r.PostFormValue("aksi")
		for _, f := range []string{"alasan", "teks", "keputusan", "putusan", "hasil_kerja", "perilaku", "atas_nama"} {
			values[f] = r.PostFormValue(f)
		}
		msg := ""
		switch {
		case aksi == "ajukan" && rc.roles.owner:
			_, err = rc.ps.AjukanKeberatan(ctx, actorOf(r), rc.k.PegawaiID, rc.k.AtasanPenilaiID, checkin, values["alasan"], s.now(), s.loc)
			msg = "Keberatan diajukan kepada atasan pejabat penilai."
			if rc.k.AtasanPenilaiID == 0 {
				msg = "Keberatan diajukan. Admin BKD akan mencatat keputusan pejabat yang berwenang."
			}
		case aksi == "komentar" && ada && party:
			peran := "pegawai"
			if rc.roles.atasanPenilai {
				peran = "atasan"
			} else if rc.roles.penilai {
				peran = "penilai"
			}
			err = rc.ps.KomentariKeberatan(ctx, actorOf(r), kb.ID, p.Nama, peran, values["teks"])
			msg = "Komentar dikirim."
		case aksi == "putuskan" && decides:
			version, _ := strconv.Atoi(r.PostFormValue("version"))
			d := store.Putusan{Ubah: values["putusan"] == "ubah", HasilKerja: values["hasil_kerja"], Perilaku: values["perilaku"], Keputusan: values["keputusan"],
				AtasNama: values["atas_nama"], Version: version}
			if values["putusan"] != "ubah" && values["putusan"] != "tolak" {
				err = apperr.Validation(map[string]string{"putusan": "Pilih keputusan: tolak atau ubah nilai."})
			} else {
				err = rc.ps.PutuskanKeberatan(ctx, actorOf(r), kb.ID, d)
			}
			msg = "Keberatan diputuskan."
		default:
			s.forbidden(w, r)
			return
		}
		var done bool
		if fail, status, done = s.outcome(w, r, err, msg, skpHref(rc.k.ID)+"/keberatan?ke="+strconv.Itoa(checkin)); done {
			return
		}
	}
	per, err := rc.ps.Info(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	open := periode.Allows(per.Fase, periode.Keberatan, checkin)
	v := view.KeberatanPage{SKPID: rc.k.ID, Checkin: checkin, Label: checkinLabel(rc.cs, checkin), Pegawai: rc.k.Pegawai.Nama,
		HasilKerja: ratingLabel(got.HasilKerja), Perilaku: ratingLabel(got.Perilaku), Predikat: got.Predikat, Ditetapkan: view.Waktu(got.DitetapkanAt.In(s.loc)),
		Batas: view.Tanggal(penilaian.BatasKeberatan(*got.DitetapkanAt, per.Settings.KeberatanHari, s.loc)), Ada: ada, Levels: ratingLabels,
		CSRF: csrfToken(r), Errors: map[string]string{}, Values: values}
	v.CanAjukan = rc.roles.owner && !ada && open
	v.TanpaAtasan = rc.k.AtasanPenilaiID == 0
	if ada {
		v.Alasan, v.Status, v.Keputusan, v.Version, v.AtasNama = kb.Alasan, keberatanLabel(kb.Status), kb.Keputusan, kb.Version, kb.AtasNama
		v.Diajukan = view.Waktu(kb.DiajukanAt.In(s.loc))
		if kb.DiputuskanAt != nil {
			v.Diputuskan = view.Waktu(kb.DiputuskanAt.In(s.loc))
		}
		for _, c := range kb.Komentar {
			v.Komentar = append(v.Komentar, view.FeedbackView{Oleh: c.Oleh, Peran: map[string]string{"atasan": "Atasan penilai", "penilai": "Penilai", "pegawai": "Pegawai"}[c.Peran],
				Waktu: view.Waktu(c.At.In(s.loc)), Teks: c.Teks})
		}
		terbuka := kb.Status == "diajukan" && open
		v.CanKomen = terbuka && party
		v.CanPutus = terbuka && decides
		v.AtasNamaWajib = kb.PemutusID == 0
	}
	if fail != nil {
		v.Message = fail.Message
		if fail.Fields != nil {
			v.Errors = fail.Fields
		}
	}
	crumbs, active := s.skpCrumbs(rc.roles, rc.k, "Keberatan")
	s.render(w, r, status, page{title: "Keberatan", active: active, crumbs: crumbs, body: view.KeberatanView(v)})
}

// daftarKeberatan lists the signed-in person's keberatan and those they decide.
func (s *Server) daftarKeberatan(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	per, cs, _, ok := s.activeRating(w, r, "Keberatan")
	if !ok {
		return
	}
	list, err := s.store.Period(per.ID).DaftarKeberatan(r.Context(), p.PegawaiID, p.PegawaiID, p.Roles.AdminBKD)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var v view.KeberatanList
	for _, k := range list {
		peran := "Untuk Anda putuskan"
		if strings.EqualFold(k.NIP, p.NIP) {
			peran = "Keberatan Anda"
		}
		v.Rows = append(v.Rows, view.KeberatanRowView{Nama: k.Nama, NIP: org.FormatNIP(k.NIP), Periode: checkinLabel(cs, k.Checkin), Status: keberatanLabel(k.Status),
			Diajukan: view.Waktu(k.DiajukanAt.In(s.loc)), Predikat: k.Predikat, Href: skpHref(k.SKPID) + "/keberatan?ke=" + strconv.Itoa(k.Checkin), Peran: peran})
	}
	s.render(w, r, http.StatusOK, page{title: "Keberatan", active: "/keberatan", body: view.KeberatanListView(v)})
}
