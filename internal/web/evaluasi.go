package web

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
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
	job := &bulkJob{owner: p.AkunID, total: len(skpIDs), status: "berjalan", fileName: name}
	id := s.bulk.add(job)
	s.startJob(func(ctx context.Context) { s.runZIP(ctx, job, p, ps, cs, checkin, skpIDs) })
	s.outcome(w, r, nil, "", "/penilaian/unduhan/"+strconv.FormatInt(id, 10))
}

// runZIP renders each published rating's document and keeps the ZIP in memory for
// the penilai (30 minutes).
func (s *Server) runZIP(ctx context.Context, job *bulkJob, p auth.Principal, ps *store.PeriodStore, cs []periode.Checkin, checkin int, skpIDs []int64) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	made := time.Now().In(s.loc)
	err := func() error {
		for _, id := range skpIDs {
			k, err := ps.GetSKP(ctx, id)
			if err != nil {
				return err
			}
			out, _, err := s.evaluasiPDFOf(ctx, reportCtx{ps: ps, k: k, roles: rolesFor(p, k), cs: cs, checkin: checkin}, checkin)
			if err != nil {
				return err
			}
			// Create would date every entry 1980-01-01; the archive says when it was made.
			f, err := zw.CreateHeader(&zip.FileHeader{Name: evaluasiName(k.Tahun, checkin, k.Pegawai.NIP), Method: zip.Deflate, Modified: made})
			if err != nil {
				return err
			}
			if _, err := f.Write(out); err != nil {
				return err
			}
			job.mu.Lock()
			job.done++
			job.mu.Unlock()
		}
		return zw.Close()
	}()
	job.mu.Lock()
	defer job.mu.Unlock()
	job.finished = time.Now()
	if err != nil {
		s.log.Error("evaluasi zip", "err", err)
		job.status, job.pesan = "gagal", "Dokumen evaluasi gagal dibuat. Coba lagi."
		return
	}
	job.status, job.file = "selesai", buf.Bytes()
}

// unduhan shows the progress of a ZIP job (refreshing itself while it runs), and
// serves the file (/zip) to the penilai who started it.
func (s *Server) unduhan(w http.ResponseWriter, r *http.Request) {
	job, id, ok := s.bulkJob(w, r, true)
	if !ok {
		return
	}
	job.mu.Lock()
	v := view.UnduhanView{JobID: id, Status: job.status, Done: job.done, Total: job.total, Pesan: job.pesan, Nama: job.fileName}
	file := job.file
	job.mu.Unlock()
	if strings.HasSuffix(r.URL.Path, "/zip") {
		if v.Status != "selesai" {
			s.errorPage(w, r, http.StatusConflict, "Berkas belum siap", "Dokumen evaluasi masih dibuat.")
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Disposition", `attachment; filename="`+v.Nama+`"`)
		_, _ = w.Write(file)
		return
	}
	refresh := 0
	if v.Status == "berjalan" {
		refresh = 1
	}
	s.render(w, r, http.StatusOK, page{title: "Dokumen evaluasi", active: "/penilaian", refresh: refresh,
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Penilaian", Href: "/penilaian"}, {Label: "Dokumen evaluasi"}}, body: view.UnduhanPage(v)})
}
