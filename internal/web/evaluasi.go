package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/apperr"
	"kinerja/web/static"
	"kinerja/web/view"
)

// evaluasiDoc builds the Dokumen Evaluasi Kinerja Pegawai of a published rating.
func (s *Server) evaluasiDoc(r *http.Request, rc reportCtx, checkin int) (view.EvaluasiPrint, error) {
	ctx := r.Context()
	got, err := rc.ps.PenilaianOf(ctx, rc.k.PegawaiID, checkin)
	if err != nil {
		return view.EvaluasiPrint{}, err
	}
	if !got.Ditetapkan() {
		return view.EvaluasiPrint{}, apperr.New(apperr.Conflict, "Dokumen evaluasi tersedia setelah penilaian %s ditetapkan.", checkinLabel(rc.cs, checkin))
	}
	// The document shows the published ratings to whoever may read them.
	rc.roles.owner = false
	rv, err := s.ratingView(r, rc, checkin)
	if err != nil {
		return view.EvaluasiPrint{}, err
	}
	per, err := rc.ps.Info(ctx)
	if err != nil {
		return view.EvaluasiPrint{}, err
	}
	instansi, kota, err := s.store.Instansi(ctx)
	if err != nil {
		return view.EvaluasiPrint{}, err
	}
	if kota == "" {
		kota = "…"
	}
	css, err := static.FS.ReadFile("print.css")
	if err != nil {
		return view.EvaluasiPrint{}, err
	}
	v := view.EvaluasiPrint{InlineCSS: string(css), Instansi: instansi, Tahun: rc.k.Tahun, Label: rv.Label,
		Rentang: view.Tanggal(per.Settings.Mulai) + " s.d. " + view.Tanggal(per.Settings.Selesai), Pegawai: identity(rc.k.Pegawai, false),
		RHK: rv.RHK, Nilai: rv.Nilai, HasilKerja: got.HasilKerja, Perilaku: got.Perilaku, Predikat: got.Predikat,
		Ditetapkan: view.Tanggal(got.DitetapkanAt.In(s.loc)), Tempat: kota, Tanggal: view.Tanggal(s.today())}
	if rc.k.Penilai != nil {
		pen := identity(*rc.k.Penilai, false)
		v.Penilai = &pen
		d, err := rc.ps.KurvaPenilai(ctx, rc.k.PenilaiID, checkin)
		if err != nil {
			return v, err
		}
		v.OrgPredikat = d.OrgPredikat
		v.Distribusi = kurvaView(d, "").Rows
	}
	return v, nil
}

// evaluasiPDFOf renders the published rating's document as PDF.
func (s *Server) evaluasiPDFOf(r *http.Request, rc reportCtx, checkin int) ([]byte, view.EvaluasiPrint, error) {
	v, err := s.evaluasiDoc(r, rc, checkin)
	if err != nil {
		return nil, v, err
	}
	var buf bytes.Buffer
	if err := view.EvaluasiPrintPage(v).Render(r.Context(), &buf); err != nil {
		return nil, v, err
	}
	out, err := s.pdf.Render(r.Context(), buf.Bytes())
	return out, v, err
}

func (s *Server) pdfUnavailable(w http.ResponseWriter, r *http.Request) bool {
	if s.pdf.Available() {
		return false
	}
	s.errorPage(w, r, http.StatusServiceUnavailable, "PDF tidak tersedia", "Server ini belum memasang Chromium untuk membuat PDF.")
	return true
}

func evaluasiName(tahun, checkin int, nip string) string {
	return fmt.Sprintf("evaluasi-kinerja-%d-%s-%s.pdf", tahun, map[bool]string{true: "tahunan", false: "ke" + strconv.Itoa(checkin)}[checkin == 0], strings.ReplaceAll(nip, " ", ""))
}

// evaluasiPDF downloads one pegawai's evaluation document, once published.
func (s *Server) evaluasiPDF(w http.ResponseWriter, r *http.Request) {
	allow := func(x skpRoles) bool { return x.owner || x.penilai || x.atasanPenilai || x.kepala || x.admin }
	rc, ok := s.loadReport(w, r, allow, "Dokumen evaluasi belum tersedia", "Dokumen evaluasi tersedia setelah penilaian ditetapkan.")
	if !ok || s.pdfUnavailable(w, r) {
		return
	}
	checkin := ratingCheckin(r, rc)
	out, v, err := s.evaluasiPDFOf(r, rc, checkin)
	if e := apperr.As(err); e != nil && e.Code == apperr.Conflict {
		s.errorPage(w, r, http.StatusConflict, "Dokumen evaluasi belum tersedia", e.Message)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+evaluasiName(rc.k.Tahun, checkin, v.Pegawai.NIP)+`"`)
	_, _ = w.Write(out)
}

// evaluasiZIP downloads the evaluation documents of the penilai's subordinates whose
// ratings at the check-in are published, as one ZIP.
func (s *Server) evaluasiZIP(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	if !p.Roles.Penilai {
		s.forbidden(w, r)
		return
	}
	per, cs, checkin, ok := s.activeRating(w, r, "Dokumen evaluasi")
	if !ok || s.pdfUnavailable(w, r) {
		return
	}
	ps := s.store.Period(per.ID)
	rows, err := ps.UnitPenilaian(r.Context(), p.PegawaiID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	n := 0
	for _, u := range rows {
		if !u.Ditetapkan {
			continue
		}
		k, err := ps.GetSKP(r.Context(), u.SKPID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		rc := reportCtx{ps: ps, k: k, roles: rolesFor(p, k), cs: cs, checkin: checkin}
		out, _, err := s.evaluasiPDFOf(r, rc, checkin)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		f, err := zw.Create(evaluasiName(per.Settings.Tahun, checkin, u.NIP))
		if err == nil {
			_, err = f.Write(out)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		n++
	}
	if err := zw.Close(); err != nil {
		s.fail(w, r, err)
		return
	}
	if n == 0 {
		s.errorPage(w, r, http.StatusConflict, "Belum ada dokumen evaluasi", "Belum ada penilaian "+checkinLabel(cs, checkin)+" yang ditetapkan.")
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="evaluasi-kinerja-%d-%s.zip"`, per.Settings.Tahun, strings.ToLower(strings.ReplaceAll(checkinLabel(cs, checkin), " ", "-"))))
	_, _ = w.Write(buf.Bytes())
}
