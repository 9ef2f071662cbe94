package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
	"kinerja/web/view"
)

// ratingCheckin picks the check-in of a page with a year view (periode.RatingCheckin);
// a page shows the nearest one the plan's penugasan is rated at, and a write to
// another is refused by the store.
func (s *Server) ratingCheckin(r *http.Request, rc reportCtx) int {
	c := periode.RatingCheckin(r.URL.Query().Get("ke"), rc.k.Fase, rc.cs, s.today())
	if r.Method == http.MethodGet {
		c = rc.k.Penugasan.Nearest(c, rc.cs)
	}
	return c
}

func checkinLabel(cs []periode.Checkin, n int) string {
	if n == 0 {
		return "Tahunan"
	}
	return cs[n-1].Label
}

// checkinTabs are the check-ins and the year a rating page switches between: those of
// penugasan g (the zero Penugasan: all of them).
func checkinTabs(cs []periode.Checkin, cur int, g periode.Penugasan) []view.Option {
	tabs := make([]view.Option, 0, len(cs)+1)
	for _, c := range g.Checkins(cs) {
		tabs = append(tabs, view.Option{Value: strconv.Itoa(c.No), Label: c.Label, Selected: c.No == cur})
	}
	if g.Menilai(periode.Year) {
		tabs = append(tabs, view.Option{Value: "0", Label: "Tahunan", Selected: cur == 0})
	}
	return tabs
}

func ratingHref(skpID int64, checkin int) string {
	return fmt.Sprintf("%s/penilaian?ke=%d", skpHref(skpID), checkin)
}

// ratingForm reads the penilai's form for the SKP's RHK and the seven values, and
// keeps what was typed (by form field) for another try. The rules are
// penilaian.CheckInput's; the store applies them.
func ratingForm(r *http.Request, k *skp.SKP, checkin int) (penilaian.Input, map[string]string) {
	values := map[string]string{}
	in := penilaian.Input{Checkin: checkin}
	in.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	item := func(s penilaian.Sasaran) {
		key := s.String()
		rt, ub := r.PostFormValue("r_"+key), strings.TrimSpace(r.PostFormValue("u_"+key))
		values["r_"+key], values["u_"+key] = rt, ub
		in.Items = append(in.Items, penilaian.Item{Sasaran: s, Rating: penilaian.Rating(rt), UmpanBalik: ub})
	}
	for _, x := range k.RHK {
		item(penilaian.RHKSasaran(x.Kunci))
	}
	for _, n := range skp.BerAKHLAK {
		item(penilaian.NilaiSasaran(n.No))
	}
	in.HasilKerja, in.Perilaku = penilaian.Rating(r.PostFormValue("hasil_kerja")), penilaian.Rating(r.PostFormValue("perilaku"))
	in.Alasan = strings.TrimSpace(r.PostFormValue("alasan_hk"))
	values["hasil_kerja"], values["perilaku"], values["alasan_hk"] = string(in.HasilKerja), string(in.Perilaku), in.Alasan
	return in, values
}

// ratingFields maps penilaian's field names to the rating and self-assessment forms'
// inputs: a sasaran's rating is r_<sasaran>, its umpan balik u_<sasaran>, its comment
// k_<sasaran>; the reason for Hasil Kerja is alasan_hk.
func ratingFields(e *apperr.Error) *apperr.Error {
	if e == nil || e.Fields == nil {
		return e
	}
	out := make(map[string]string, len(e.Fields))
	for f, msg := range e.Fields {
		switch {
		case strings.HasPrefix(f, "rating:"):
			f = "r_" + strings.TrimPrefix(f, "rating:")
		case strings.HasPrefix(f, "umpan_balik:"):
			f = "u_" + strings.TrimPrefix(f, "umpan_balik:")
		case strings.HasPrefix(f, "komentar:"):
			f = "k_" + strings.TrimPrefix(f, "komentar:")
		case f == penilaian.FieldAlasan:
			f = "alasan_hk"
		}
		out[f] = msg
	}
	return &apperr.Error{Code: e.Code, Message: e.Message, Fields: out}
}

// rating shows the rating page of a subordinate at a check-in (GET) and saves the
// penilai's ratings (POST). The pegawai sees their ratings once published; the atasan
// penilai, the kepala OPD and the Admin BKD read them.
func (s *Server) rating(w http.ResponseWriter, r *http.Request) {
	allow := func(x skpRoles) bool {
		if r.Method == http.MethodPost {
			return x.Penilai
		}
		return x.Pegawai || x.Penilai || x.AtasanPenilai || x.KepalaOPD || x.AdminBKD
	}
	rc, ok := s.loadReport(w, r, allow, "Penilaian belum dapat diberikan", "Penilaian diberikan pada SKP yang sudah disetujui, mulai fase Pelaksanaan.")
	if !ok {
		return
	}
	checkin := s.ratingCheckin(r, rc)
	status := http.StatusOK
	var fail *apperr.Error
	var values map[string]string
	if r.Method == http.MethodPost {
		var in penilaian.Input
		in, values = ratingForm(r, rc.k, checkin)
		err := rc.ps.SavePenilaian(r.Context(), actorOf(r), rc.k.ID, rc.k.PegawaiID, in)
		var done bool
		if fail, status, done = s.outcome(w, r, err, "Penilaian disimpan.", ratingHref(rc.k.ID, checkin)); done {
			return
		}
		fail = ratingFields(fail)
	}
	v, err := s.ratingView(r.Context(), csrfToken(r), rc, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if fail != nil {
		v.Message = fail.Message
		if fail.Code == apperr.Invalid {
			v.Message = "Periksa isian yang ditandai."
		}
		v.Errors = fail.Fields
		if v.Errors == nil {
			v.Errors = map[string]string{}
		}
		// The input is kept for another try; a locked page shows what is saved.
		if v.CanEdit {
			for i := range v.RHK {
				v.RHK[i].Rating, v.RHK[i].UmpanBalik = values["r_"+v.RHK[i].Sasaran], values["u_"+v.RHK[i].Sasaran]
			}
			for i := range v.Nilai {
				v.Nilai[i].Rating, v.Nilai[i].UmpanBalik = values["r_"+v.Nilai[i].Sasaran], values["u_"+v.Nilai[i].Sasaran]
			}
			v.HasilKerja, v.Perilaku, v.Alasan = values["hasil_kerja"], values["perilaku"], values["alasan_hk"]
		}
	}
	crumbs, active := s.skpCrumbs(rc.roles, rc.k, "Penilaian")
	if rc.roles.Penilai {
		crumbs = []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Penilaian", Href: "/penilaian?ke=" + strconv.Itoa(checkin)}, {Label: v.Pegawai}}
		active = "/penilaian"
	}
	s.render(w, r, status, page{title: "Penilaian " + v.Pegawai, active: active, crumbs: crumbs, body: view.RatingPageView(v)})
}

func (s *Server) ratingView(ctx context.Context, csrf string, rc reportCtx, checkin int) (view.RatingPage, error) {
	k := rc.k
	got, err := rc.ps.PenilaianOf(ctx, k.PegawaiID, checkin)
	if err != nil {
		return view.RatingPage{}, err
	}
	v := view.RatingPage{SKPID: k.ID, Tahun: k.Tahun, Checkin: checkin, Label: checkinLabel(rc.cs, checkin), Tabs: checkinTabs(rc.cs, checkin, k.Penugasan),
		Pegawai: k.Pegawai.Nama, Version: got.Version, CSRF: csrf, Errors: map[string]string{}, Levels: ratingLabels,
		HasilKerja: string(got.HasilKerja), Perilaku: string(got.Perilaku), Alasan: got.AlasanHK, Predikat: string(got.Predikat)}
	v.CanEdit = rc.roles.Penilai && !got.Ditetapkan() && periode.Allows(k.Fase, periode.Rate, checkin)
	if got.Ditetapkan() {
		v.Ditetapkan = view.Waktu(got.DitetapkanAt.In(s.loc))
		v.CanKeberatan = rc.roles.Pegawai
		if kb, err := rc.ps.KeberatanOf(ctx, got.ID); err == nil {
			v.Keberatan = kb.Status.Label()
		} else if !apperr.Is(err, apperr.NotFound) {
			return v, err
		}
	}
	// The pegawai reads nothing before publication, not even a draft.
	if rc.roles.Pegawai && !rc.roles.Penilai && !got.Ditetapkan() {
		v.Hidden = true
		return v, nil
	}
	// Realisasi, evidence and feedback of the check-in. The year shows the realisasi of
	// every check-in, and the evidence and feedback of the last one.
	real := checkin
	if real == 0 {
		real = len(rc.cs)
	}
	v.RealLabel = rc.cs[real-1].Label
	var reals map[int64]skp.Realisasi
	var year map[int64]map[int]skp.Realisasi
	if checkin == 0 {
		year, err = rc.ps.RealisasiTahun(ctx, k.ID)
	} else {
		reals, err = rc.ps.RealisasiOf(ctx, k.ID, real)
	}
	if err != nil {
		return v, err
	}
	list, err := rc.ps.ListBukti(ctx, k.ID, real)
	if err != nil {
		return v, err
	}
	fbs, err := rc.ps.ListUmpanBalik(ctx, k.ID, real)
	if err != nil {
		return v, err
	}
	diri, err := rc.ps.PenilaianDiriOf(ctx, k.ID, checkin)
	if err != nil {
		return v, err
	}
	rekan, err := rc.ps.RingkasanRekanOf(ctx, k.PegawaiID)
	if err != nil {
		return v, err
	}
	byIKI := buktiByIKI(list)
	byRHK, byNilai := s.feedbackByTarget(fbs)
	var rhk []penilaian.RHKRating
	for i, x := range k.RHK {
		sas := penilaian.RHKSasaran(x.Kunci)
		rr := view.RatingRHK{Sasaran: sas.String(), No: i + 1, Uraian: x.Uraian, Jenis: map[string]string{"utama": "Utama", "tambahan": "Tambahan"}[x.Jenis],
			Diri: diri[sas].Rating.Label(), DiriKomen: diri[sas].Komentar, Rating: string(got.Items[sas].Rating), UmpanBalik: got.Items[sas].UmpanBalik, Thread: byRHK[x.Kunci]}
		for _, ik := range x.IKI {
			ri := view.RatingIKI{Indikator: ik.Indikator, Target: view.Target(ik), Bukti: byIKI[ik.ID]}
			got := reals[ik.ID]
			if checkin == 0 {
				for _, c := range rc.cs {
					ri.Tahun = append(ri.Tahun, view.RealisasiCheckin{Label: c.Label, Nilai: view.Realisasi(year[ik.ID][c.No], ik.Satuan)})
				}
				got, _ = skp.Akhir(year[ik.ID])
			}
			ri.Realisasi = view.Realisasi(got, ik.Satuan)
			if c, ok := skp.Capaian(ik, got); ok {
				ri.Capaian = view.Persen(c)
			}
			rr.IKI = append(rr.IKI, ri)
		}
		v.RHK = append(v.RHK, rr)
		rhk = append(rhk, penilaian.RHKRating{Utama: x.Jenis == "utama", Rating: penilaian.Rating(rr.Rating)})
	}
	if saran, ok := penilaian.SaranHasilKerja(rhk); ok {
		v.Saran, v.SaranLabel = string(saran), saran.Label()
		if v.HasilKerja == "" && v.CanEdit {
			v.HasilKerja = v.Saran
		}
	}
	v.RekanCukup, v.RekanJawab, v.RekanAmbang = rekan.Cukup, rekan.Dijawab, rekan.Ambang
	for _, n := range skp.BerAKHLAK {
		sas := penilaian.NilaiSasaran(n.No)
		nv := view.RatingNilai{Sasaran: sas.String(), No: n.No, Nama: n.Nama, Ekspektasi: k.Ekspektasi[n.No], Diri: diri[sas].Rating.Label(), DiriKomen: diri[sas].Komentar,
			Rating: string(got.Items[sas].Rating), UmpanBalik: got.Items[sas].UmpanBalik, Thread: byNilai[n.No]}
		if rekan.Cukup {
			c := rekan.Counts[n.No]
			nv.Rekan = fmt.Sprintf("%d · %d · %d", c[0], c[1], c[2])
		}
		v.Nilai = append(v.Nilai, nv)
	}
	if checkin == 0 {
		all, err := rc.ps.PenilaianTahun(ctx, k.PegawaiID)
		if err != nil {
			return v, err
		}
		for _, c := range rc.cs {
			x := all[c.No]
			st := "Belum dinilai"
			switch {
			case x.Ditetapkan():
				st = "Ditetapkan"
			case x.Version > 0:
				st = "Draf"
			}
			if st != "Ditetapkan" && !(rc.roles.Penilai || rc.roles.AtasanPenilai || rc.roles.AdminBKD || rc.roles.KepalaOPD) {
				x = penilaian.Penilaian{}
			}
			v.Periodik = append(v.Periodik, view.PeriodikRow{Label: c.Label, HasilKerja: x.HasilKerja.Label(), Perilaku: x.Perilaku.Label(), Predikat: string(x.Predikat), Status: st})
		}
		if k.Penugasan.Ke > 1 {
			if err := s.earlierPlans(ctx, rc, &v); err != nil {
				return v, err
			}
		}
	}
	return v, nil
}

// earlierPlans puts the plans of the penugasan that ended with a mutasi beside the
// annual rating: each with its dates, penilai, the year's realisasi per IKI and the
// evidence; the periodic ratings name whose penugasan they rated.
func (s *Server) earlierPlans(ctx context.Context, rc reportCtx, v *view.RatingPage) error {
	list, err := rc.ps.PenugasanOf(ctx, rc.k.PegawaiID)
	if err != nil {
		return err
	}
	for i, c := range rc.cs {
		for _, g := range list {
			if g.Menilai(c.No) && i < len(v.Periodik) {
				v.Periodik[i].Penilai = g.Penilai
			}
		}
	}
	for _, g := range list {
		if !g.Berakhir || g.SKPID == 0 {
			continue
		}
		k, err := rc.ps.GetSKP(ctx, g.SKPID)
		if err != nil {
			return err
		}
		year, err := rc.ps.RealisasiTahun(ctx, g.SKPID)
		if err != nil {
			return err
		}
		bukti, err := rc.ps.ListBuktiTahun(ctx, g.SKPID)
		if err != nil {
			return err
		}
		byIKI := buktiByIKI(bukti)
		var names []string
		for _, c := range g.Checkins(rc.cs) {
			names = append(names, c.Label)
		}
		lalu := view.PenugasanLalu{Masa: g.Masa(), Jabatan: g.Jabatan, Penilai: g.Penilai, Checkins: view.Daftar(names), SKPHref: skpHref(g.SKPID)}
		for _, x := range k.RHK {
			for _, ik := range x.IKI {
				got, _ := skp.Akhir(year[ik.ID])
				row := view.PenugasanIKI{RHK: x.Uraian, Indikator: ik.Indikator, Target: view.Target(ik), Realisasi: view.Realisasi(got, ik.Satuan), Bukti: byIKI[ik.ID]}
				if c, ok := skp.Capaian(ik, got); ok {
					row.Capaian = view.Persen(c)
				}
				lalu.IKI = append(lalu.IKI, row)
			}
		}
		v.Sebelumnya = append(v.Sebelumnya, lalu)
	}
	return nil
}

// riwayatPenilaian lists every change to the pegawai's ratings: for the pegawai, those
// of published ratings only.
func (s *Server) riwayatPenilaian(w http.ResponseWriter, r *http.Request) {
	ps, k, roles, ok := s.loadSKP(w, r, func(x skpRoles) bool { return x.Pegawai || x.Penilai || x.AtasanPenilai || x.KepalaOPD || x.AdminBKD })
	if !ok {
		return
	}
	list, err := ps.RiwayatPenilaian(r.Context(), k.PegawaiID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	per, err := ps.Info(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs := periode.Checkins(per.Settings)
	v := view.RiwayatPenilaianPage{SKPID: k.ID, Pegawai: k.Pegawai.Nama}
	onlyPublished := roles.Pegawai && !roles.Penilai
	for _, h := range list {
		if onlyPublished && !h.Ditetapkan {
			continue
		}
		v.Rows = append(v.Rows, view.RiwayatPenilaianRow{Waktu: view.Waktu(h.At.In(s.loc)), Periode: checkinLabel(cs, h.Checkin), Oleh: h.Oleh,
			Sasaran: sasaranLabel(k, h.Sasaran), Lama: valueLabel(h.Lama), Baru: valueLabel(h.Baru), Alasan: h.Alasan})
	}
	crumbs, active := s.skpCrumbs(roles, k, "Riwayat penilaian")
	s.render(w, r, http.StatusOK, page{title: "Riwayat penilaian", active: active, crumbs: crumbs, body: view.RiwayatPenilaianView(v)})
}

// sasaranLabel names what a history row changed: a whole rating, its status, or a
// sasaran (an RHK by its number in the plan, or a value).
func sasaranLabel(k *skp.SKP, s string) string {
	switch s {
	case "hasil_kerja":
		return "Hasil Kerja"
	case "perilaku":
		return "Perilaku Kerja"
	case "predikat":
		return "Predikat"
	case "status":
		return "Status"
	}
	sas, ok := penilaian.ParseSasaran(s)
	switch {
	case !ok:
		return s
	case sas.Nilai != 0:
		return skp.BerAKHLAK[sas.Nilai-1].Nama
	}
	for i, x := range k.RHK {
		if x.Kunci == sas.RHK {
			return fmt.Sprintf("RHK %d", i+1)
		}
	}
	return "RHK"
}

func valueLabel(v string) string {
	switch v {
	case "":
		return "–"
	case "draft":
		return "Draf"
	case "ditetapkan":
		return "Ditetapkan"
	}
	if l := penilaian.Rating(v).Label(); l != "" {
		return l
	}
	return v
}
