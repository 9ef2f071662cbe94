package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
	"kinerja/internal/store"
	"kinerja/web/view"
)

var hubunganLabel = map[string]string{"rekan": "Rekan (penilai yang sama)", "bawahan": "Bawahan langsung", "setingkat": "Jabatan setingkat di perangkat daerah", "atasan": "Atasan pegawai"}

var statusPeninjau = map[string]string{"diusulkan": "Diusulkan pegawai", "diminta": "Belum menjawab", "ditolak": "Menolak", "selesai": "Sudah menjawab"}

// rekan is the peer-feedback page of an SKP's pegawai: the anonymous aggregate, the
// reviewers (with status for the penilai, without answers for anyone), and the
// forms to nominate (penilai), propose (pegawai), approve and remove.
func (s *Server) rekan(w http.ResponseWriter, r *http.Request) {
	ps, k, roles, ok := s.loadSKP(w, r, func(x skpRoles) bool { return x.Pegawai || x.Penilai })
	if !ok {
		return
	}
	status := http.StatusOK
	var fail *apperr.Error
	if r.Method == http.MethodPost {
		id, _ := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
		var err error
		msg := ""
		switch aksi := r.PostFormValue("aksi"); {
		case aksi == "nominasi":
			reviewer, _ := strconv.ParseInt(r.PostFormValue("reviewer"), 10, 64)
			err, msg = ps.Nominasikan(r.Context(), actorOf(r), k.PegawaiID, reviewer, roles.Penilai), map[bool]string{true: "Peninjau ditambahkan.", false: "Usulan peninjau dikirim ke penilai."}[roles.Penilai]
		case aksi == "setujui" && roles.Penilai:
			err, msg = ps.SetujuiUsulan(r.Context(), actorOf(r), k.PegawaiID, id), "Usulan disetujui."
		case aksi == "hapus" && roles.Penilai:
			err, msg = ps.HapusPeninjau(r.Context(), actorOf(r), k.PegawaiID, id), "Peninjau dihapus."
		default:
			s.forbidden(w, r)
			return
		}
		var done bool
		if fail, status, done = s.outcome(w, r, err, msg, skpHref(k.ID)+"/rekan"); done {
			return
		}
	}
	v, err := s.rekanView(r, ps, k, roles)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if fail != nil {
		v.Message, v.Errors = fail.Message, fail.Fields
	}
	crumbs, active := s.skpCrumbs(roles, k, "Umpan balik rekan kerja")
	s.render(w, r, status, page{title: "Umpan balik rekan kerja", active: active, crumbs: crumbs, body: view.RekanPage(v)})
}

func (s *Server) rekanView(r *http.Request, ps *store.PeriodStore, k *skp.SKP, roles skpRoles) (view.RekanView, error) {
	v := view.RekanView{SKPID: k.ID, Nama: k.Pegawai.NamaLengkap(), Penilai: roles.Penilai, CSRF: csrfToken(r),
		Terbuka: periode.Allows(k.Fase, periode.PeerReview, periode.Year)}
	sum, err := ps.RingkasanRekanOf(r.Context(), k.PegawaiID)
	if err != nil {
		return v, err
	}
	v.Dijawab, v.Ambang, v.Cukup, v.Komentar = sum.Dijawab, sum.Ambang, sum.Cukup, sum.Komentar
	if sum.Cukup {
		v.Chart.Title = "Tanggapan Di Atas Ekspektasi per nilai"
		for _, n := range skp.BerAKHLAK {
			c := sum.Counts[n.No]
			v.Ringkasan = append(v.Ringkasan, view.RingkasanNilai{Nama: fmt.Sprintf("%d. %s", n.No, n.Nama), DiAtas: c[0], Sesuai: c[1], DiBawah: c[2]})
			v.Chart.Bars = append(v.Chart.Bars, view.Bar{Label: n.Nama, Value: c[0]})
		}
	}
	list, err := ps.PeninjauOf(r.Context(), k.PegawaiID)
	if err != nil {
		return v, err
	}
	for _, x := range list {
		row := view.PeninjauRow{ID: x.ID, Nama: x.Nama, NIP: x.NIP, Jabatan: x.Jabatan, Hubungan: hubunganLabel[x.Hubungan]}
		if roles.Penilai {
			row.Status, row.Alasan = statusPeninjau[x.Status], x.Alasan
			row.BisaSetujui, row.BisaHapus = x.Status == "diusulkan", x.Status != "selesai"
		} else if x.Status == "diusulkan" {
			row.Status = "Menunggu persetujuan penilai"
		} else {
			row.Status = "Disetujui penilai" // the pegawai does not learn who answered
		}
		v.Peninjau = append(v.Peninjau, row)
	}
	if v.Terbuka {
		cands, err := ps.CalonPeninjau(r.Context(), k.PegawaiID)
		if err != nil {
			return v, err
		}
		for _, c := range cands.List {
			v.Calon = append(v.Calon, view.Option{Value: strconv.FormatInt(c.ReviewerID, 10), Label: fmt.Sprintf("%s (%s)", c.Nama, c.Jabatan),
				Group: hubunganLabel[c.Hubungan], Selected: r.PostFormValue("reviewer") == strconv.FormatInt(c.ReviewerID, 10)})
		}
		if cands.Luas {
			v.PoolLuas = fmt.Sprintf("Rekan dengan penilai yang sama dan bawahan langsung hanya %d orang, kurang dari ambang anonimitas %d tanggapan. "+
				"Daftar calon juga memuat jabatan setingkat di perangkat daerah dan atasan pegawai, agar cukup tanggapan dapat terkumpul.", cands.Dasar, cands.Ambang)
		}
	}
	return v, nil
}

// permintaan loads the peer-feedback request in the URL, of whichever period, for its reviewer only.
func (s *Server) permintaan(w http.ResponseWriter, r *http.Request) (*store.PeriodStore, store.Peninjau, bool) {
	p, _ := principal(r)
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return nil, store.Peninjau{}, false
	}
	pid, err := s.store.PermintaanPeriod(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return nil, store.Peninjau{}, false
	}
	ps := s.store.Period(pid)
	req, err := ps.Permintaan(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return nil, store.Peninjau{}, false
	}
	if req.ReviewerID != p.PegawaiID {
		s.forbidden(w, r)
		return nil, store.Peninjau{}, false
	}
	return ps, req, true
}

// jawabRekan shows (GET) and takes (POST) a reviewer's peer feedback: the seven values
// on the three levels, and an optional comment.
func (s *Server) jawabRekan(w http.ResponseWriter, r *http.Request) {
	ps, req, ok := s.permintaan(w, r)
	if !ok {
		return
	}
	who, err := s.store.GetPegawai(r.Context(), req.PegawaiID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.JawabRekanView{ID: req.ID, Nama: who.NamaLengkap(), Levels: ratingLabels, CSRF: csrfToken(r), Errors: map[string]string{}, Ratings: map[int]string{},
		Terbuka: req.Status == "diminta"}
	for _, n := range skp.BerAKHLAK {
		v.Nilai = append(v.Nilai, view.Option{Value: strconv.Itoa(n.No), Label: fmt.Sprintf("%d. %s", n.No, n.Nama)})
		if v.Indikator == nil {
			v.Indikator = map[string][]string{}
		}
		v.Indikator[strconv.Itoa(n.No)] = n.Indikator
	}
	if !v.Terbuka {
		v.Message = map[string]string{"selesai": "Terima kasih, umpan balik Anda sudah terkirim.", "ditolak": "Anda sudah menolak permintaan ini.",
			"diusulkan": "Permintaan ini belum disetujui penilai."}[req.Status]
	}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		v.Komentar = strings.TrimSpace(r.PostFormValue("komentar"))
		answers := map[int]penilaian.Rating{}
		for n := 1; n <= penilaian.NilaiCount; n++ {
			v.Ratings[n] = r.PostFormValue("r_" + strconv.Itoa(n))
			answers[n] = penilaian.Rating(v.Ratings[n])
		}
		var errs map[string]string
		v.Komentar, errs = penilaian.CheckJawaban(answers, v.Komentar)
		for f, m := range errs { // jawaban:N is the form's r_N
			v.Errors[strings.Replace(f, "jawaban:", "r_", 1)] = m
		}
		err := error(apperr.Validation(v.Errors))
		if len(v.Errors) == 0 {
			err = ps.JawabPermintaan(r.Context(), actorOf(r), req.ReviewerID, req.ID, v.Ratings, v.Komentar)
		}
		fail, st, done := s.outcome(w, r, err, "Terima kasih, umpan balik Anda terkirim tanpa nama.", "/")
		if done {
			return
		}
		status, v.Message = st, fail.Message
	}
	s.render(w, r, status, page{title: "Umpan balik rekan kerja", active: "/", body: view.JawabRekanPage(v)})
}

// tolakRekan records that the reviewer declines the request.
func (s *Server) tolakRekan(w http.ResponseWriter, r *http.Request) {
	ps, req, ok := s.permintaan(w, r)
	if !ok {
		return
	}
	alasan := strings.TrimSpace(r.PostFormValue("alasan"))
	if len([]rune(alasan)) > 500 {
		alasan = string([]rune(alasan)[:500])
	}
	err := ps.TolakPermintaan(r.Context(), actorOf(r), req.ReviewerID, req.ID, alasan)
	if fail, status, done := s.outcome(w, r, err, "Permintaan umpan balik ditolak.", "/"); !done {
		// The button sits on the answer page; a refusal (already answered) is told on its own page.
		s.errorPage(w, r, status, "Permintaan tidak dapat ditolak", fail.Message)
	}
}
