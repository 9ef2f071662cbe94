package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/apperr"
	"kinerja/internal/periode"
	"kinerja/internal/store"
	"kinerja/web/static"
	"kinerja/web/view"
)

// evaluasiDoc builds the Dokumen Evaluasi Kinerja Pegawai of a published rating.
func (s *Server) evaluasiDoc(ctx context.Context, rc reportCtx, checkin int) (view.EvaluasiPrint, error) {
	got, err := rc.ps.PenilaianOf(ctx, rc.k.PegawaiID, checkin)
	if err != nil {
		return view.EvaluasiPrint{}, err
	}
	if !got.Ditetapkan() {
		return view.EvaluasiPrint{}, apperr.New(apperr.Conflict, "Dokumen evaluasi tersedia setelah penilaian %s ditetapkan.", checkinLabel(rc.cs, checkin))
	}
	// The document shows the published ratings to whoever may read them.
	rc.roles.Pegawai = false
	rv, err := s.ratingView(ctx, "", rc, checkin)
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
		RHK: rv.RHK, Nilai: rv.Nilai, HasilKerja: string(got.HasilKerja), Perilaku: string(got.Perilaku), Predikat: string(got.Predikat),
		Ditetapkan: view.Tanggal(got.DitetapkanAt.In(s.loc)), Tempat: kota, Tanggal: view.Tanggal(s.today())}
	if g := rc.k.Penugasan; g.Ke > 1 || g.Berakhir {
		v.Masa = g.Masa()
	}
	if len(rv.Sebelumnya) > 0 {
		v.Sebelumnya, v.Periodik = rv.Sebelumnya, rv.Periodik
	}
	if rc.k.Penilai != nil {
		pen := identity(*rc.k.Penilai, false)
		v.Penilai = &pen
		d, err := rc.ps.KurvaPenilai(ctx, rc.k.PenilaiID, checkin)
		v.LingkupSebaran = "unit penilai"
		if per.Settings.Kalibrasi == periode.KalibrasiOPD {
			d, err = rc.ps.KurvaOPD(ctx, rc.k.Pegawai.OPDID, checkin)
			v.LingkupSebaran = "seluruh " + rc.k.Pegawai.OPD
		}
		if err != nil {
			return v, err
		}
		v.OrgPredikat = d.OrgPredikat
		v.Distribusi = kurvaView(d, "").Rows
	}
	return v, nil
}

// evaluasiPDFOf renders the published rating's document as PDF.
func (s *Server) evaluasiPDFOf(ctx context.Context, rc reportCtx, checkin int) ([]byte, view.EvaluasiPrint, error) {
	v, err := s.evaluasiDoc(ctx, rc, checkin)
	if err != nil {
		return nil, v, err
	}
	var buf bytes.Buffer
	if err := view.EvaluasiPrintPage(v).Render(ctx, &buf); err != nil {
		return nil, v, err
	}
	out, err := s.pdf.Render(ctx, buf.Bytes())
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
	allow := func(x skpRoles) bool { return x.Pegawai || x.Penilai || x.AtasanPenilai || x.KepalaOPD || x.AdminBKD }
	rc, ok := s.loadReport(w, r, allow, "Dokumen evaluasi belum tersedia", "Dokumen evaluasi tersedia setelah penilaian ditetapkan.")
	if !ok || s.pdfUnavailable(w, r) {
		return
	}
	checkin := s.ratingCheckin(r, rc)
	out, v, err := s.evaluasiPDFOf(r.Context(), rc, checkin)
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

// evaluasiZIP starts building, in the background, a ZIP of the evaluation documents of
// the penilai's subordinates whose ratings at the check-in are published, and sends
// the penilai to its progress page.
func (s *Server) evaluasiZIP(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	per, cs, checkin, _, ok := s.activeRating(w, r, "Dokumen evaluasi", "/penilaian")
	if !ok || s.pdfUnavailable(w, r) {
		return
	}
	ps := s.store.Period(per.ID)
	rows, err := ps.UnitPenilaian(r.Context(), p.PegawaiID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var skpIDs []int64
	for _, u := range rows {
		if u.Ditetapkan {
			skpIDs = append(skpIDs, u.SKPID)
		}
	}
	if len(skpIDs) == 0 {
		s.errorPage(w, r, http.StatusConflict, "Belum ada dokumen evaluasi", "Belum ada penilaian "+checkinLabel(cs, checkin)+" yang ditetapkan.")
		return
	}
	name := fmt.Sprintf("evaluasi-kinerja-%d-%s.zip", per.Settings.Tahun, strings.ToLower(strings.ReplaceAll(checkinLabel(cs, checkin), " ", "-")))
	id, err := s.store.StartTugas(r.Context(), store.TugasBaru{Jenis: store.TugasEvaluasiZIP, AkunID: p.AkunID, Total: len(skpIDs), NamaBerkas: name,
		Params: zipParams{PeriodeID: per.ID, Checkin: checkin, SKPIDs: skpIDs}})
	s.outcome(w, r, err, "", "/penilaian/unduhan/"+strconv.FormatInt(id, 10))
}
