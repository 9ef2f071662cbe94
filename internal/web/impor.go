package web

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/riverqueue/river"

	"kinerja/internal/apperr"
	"kinerja/internal/bukti"
	"kinerja/internal/impor"
	"kinerja/internal/queue"
	"kinerja/internal/store"
	"kinerja/web/view"
)

var importStatusLabels = map[string]string{
	"memeriksa": "Sedang diperiksa", "galat": "Ditolak", "siap": "Siap diterapkan", "menerapkan": "Sedang diterapkan",
	"selesai": "Selesai", "gagal": "Gagal", "batal": "Dibatalkan",
}

func (s *Server) imporForm(w http.ResponseWriter, r *http.Request) {
	s.renderImporForm(w, r, http.StatusOK, view.ImporPage{Errors: map[string]string{}})
}

func (s *Server) renderImporForm(w http.ResponseWriter, r *http.Request, status int, v view.ImporPage) {
	list, err := s.store.ListImports(r.Context(), 20)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, b := range list {
		row := view.ImporRow{Href: "/impor/" + strconv.FormatInt(b.ID, 10), Berkas: bukti.CleanName(b.NamaBerkas, ""), Waktu: view.Waktu(b.CreatedAt.In(s.loc)),
			Status: importStatusLabels[b.Status]}
		if b.Status == "galat" || b.Status == "gagal" {
			row.Ringkas = b.Pesan
		}
		v.Recent = append(v.Recent, row)
	}
	s.render(w, r, status, page{title: "Impor Pegawai", active: "/impor",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pegawai", Href: "/pegawai"}, {Label: "Impor Pegawai"}},
		body:   view.ImporUploadPage(v, csrfToken(r))})
}

// imporUpload reads the file (at most 20 MB), records a batch and checks it in the
// background; the status page shows progress.
func (s *Server) imporUpload(w http.ResponseWriter, r *http.Request) {
	v := view.ImporPage{Errors: map[string]string{}}
	id, err := s.startImport(r)
	fail, status, done := s.outcome(w, r, err, "", "/impor/"+strconv.FormatInt(id, 10))
	if done {
		return
	}
	v.Errors = fail.Fields
	s.renderImporForm(w, r, status, v)
}

// startImport checks the uploaded file and starts checking its rows in the
// background; it returns the batch id, or a validation error on "berkas".
func (s *Server) startImport(r *http.Request) (int64, error) {
	refuse := func(msg string) (int64, error) { return 0, apperr.Validation(map[string]string{"berkas": msg}) }
	file, hdr, err := r.FormFile("berkas")
	if err != nil {
		return refuse("Pilih berkas CSV atau XLSX yang akan diunggah.")
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxUpload+1))
	if err != nil {
		return 0, err
	}
	name := bukti.CleanName(hdr.Filename, "")
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(data) > maxUpload:
		return refuse("Berkas terlalu besar: paling besar 20 MB.")
	case len(data) == 0:
		return refuse("Berkas kosong.")
	case ext != ".csv" && ext != ".xlsx" && ext != ".txt":
		return refuse("Jenis berkas tidak didukung: unggah .csv atau .xlsx.")
	}
	if len(name) > 200 {
		name = name[:200]
	}
	p, _ := principal(r)
	return s.store.CreateImport(r.Context(), p.AkunID, name, data, r.PostFormValue("cakupan") == "lengkap")
}

type imporWorker struct {
	river.WorkerDefaults[queue.Impor]
	s *Server
}

// Work checks an uploaded batch or applies a checked one. A batch that has moved on
// (checked, cancelled, applied) is left alone, so a retried job does nothing twice;
// applying is one transaction, so an interrupted one left nothing behind.
func (w *imporWorker) Work(ctx context.Context, job *river.Job[queue.Impor]) error {
	s, id := w.s, job.Args.BatchID
	data, full, status, err := s.store.ImportFile(ctx, id)
	want := "memeriksa"
	if job.Args.Terapkan {
		want = "menerapkan"
	}
	if apperr.Is(err, apperr.NotFound) || (err == nil && status != want) {
		return nil
	}
	if err != nil {
		return err
	}
	if job.Args.Terapkan {
		actor := store.Actor{AkunID: job.Args.AkunID, Label: job.Args.Label, IP: job.Args.IP}
		err := s.applyImport(ctx, actor, id)
		msg := ""
		if e := apperr.As(err); e != nil {
			msg = e.Message + " Tidak ada data yang berubah."
		}
		return s.settle(ctx, job.JobRow, err, msg, "Impor gagal diterapkan karena kesalahan sistem; tidak ada data yang berubah.",
			func(ctx context.Context, msg string) error {
				if apperr.As(err) == nil {
					s.log.Error("apply import", "id", id, "err", err)
				}
				err := s.store.SetImportStatus(ctx, id, "menerapkan", "gagal", msg)
				if apperr.Is(err, apperr.Conflict) {
					return nil // it moved on meanwhile
				}
				return err
			})
	}
	err = s.checkImport(ctx, id, data, full)
	return s.settle(ctx, job.JobRow, err, "", "Pemeriksaan gagal karena kesalahan sistem. Unggah berkas itu lagi.",
		func(ctx context.Context, msg string) error {
			s.log.Error("import check", "id", id, "err", err)
			return s.store.ImportChecked(ctx, id, nil, nil, 0, msg)
		})
}

// throttled reports progress to the store at most every 300 ms.
func (s *Server) throttled(ctx context.Context, id int64, total int) func(done int) {
	return s.everyFew(total, "import progress", id, func(done int) error { return s.store.ImportProgress(ctx, id, done, total) })
}

// everyFew returns a progress reporter that calls save at most every 300 ms and at
// the last step; a failure is logged as what, for id.
func (s *Server) everyFew(total int, what string, id int64, save func(done int) error) func(done int) {
	var mu sync.Mutex
	var last time.Time
	return func(done int) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < 300*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		if err := save(done); err != nil {
			s.log.Warn(what, "id", id, "err", err)
		}
	}
}

// checkImport reads and checks an uploaded file and records the outcome. A file
// that cannot be read is an outcome; an error returned is the system's (the
// reference data could not be loaded), for the job to retry.
func (s *Server) checkImport(ctx context.Context, id int64, data []byte, full bool) error {
	start := time.Now()
	finish := func(plan *impor.Plan, problems []impor.Problem, failure string) error {
		return s.store.ImportChecked(context.WithoutCancel(ctx), id, plan, problems, time.Since(start), failure)
	}
	rows, problems, err := impor.Read(data, impor.DefaultLimits)
	var fe *impor.FileError
	if errors.As(err, &fe) {
		return finish(nil, []impor.Problem{fe.Problem}, "")
	}
	if err != nil {
		s.log.Warn("import read", "id", id, "err", err)
		return finish(nil, nil, "Berkas tidak dapat dibaca.")
	}
	ref, err := s.store.ImportReference(ctx)
	if err != nil {
		return err
	}
	plan, more := impor.Check(rows, ref, s.today(), full, s.throttled(ctx, id, len(rows)))
	if err := ctx.Err(); err != nil {
		return err
	}
	problems = append(problems, more...)
	if len(problems) > 0 {
		plan = nil
	}
	return finish(plan, problems, "")
}

func (s *Server) importBatch(w http.ResponseWriter, r *http.Request) (store.ImportBatch, bool) {
	id, ok := pathID(chi.URLParam(r, "id"))
	if !ok {
		s.notFound(w, r)
		return store.ImportBatch{}, false
	}
	b, err := s.store.GetImport(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return b, false
	}
	return b, true
}

const shownProblems = 500

func (s *Server) imporStatus(w http.ResponseWriter, r *http.Request) {
	b, ok := s.importBatch(w, r)
	if !ok {
		return
	}
	v := view.ImporStatus{ID: b.ID, Berkas: bukti.CleanName(b.NamaBerkas, ""), Status: b.Status, StatusLabel: importStatusLabels[b.Status],
		Done: b.Diproses, Total: b.TotalBaris, Pesan: b.Pesan, ProblemTotal: len(b.Problems), Waktu: view.Waktu(b.UpdatedAt.In(s.loc)),
		Baru: b.Summary.Baru, Ubah: b.Summary.Ubah, Sama: b.Summary.Sama, Nonaktif: b.Summary.Nonaktif, OPDs: b.Summary.OPDs}
	refresh := 0
	switch b.Status {
	case "memeriksa":
		v.Phase, refresh = "Memeriksa baris demi baris…", 1
	case "menerapkan":
		v.Phase, refresh = "Menyimpan perubahan (langkah "+strconv.Itoa(b.Diproses)+" dari "+strconv.Itoa(max(b.TotalBaris, 1))+")…", 1
	case "galat":
		for i, p := range b.Problems {
			if i == shownProblems {
				break
			}
			line := "–"
			if p.Line > 0 {
				line = strconv.Itoa(p.Line)
			}
			col := p.Column
			if col == "" {
				col = "–"
			}
			v.Problems = append(v.Problems, view.ProblemRow{Baris: line, Kolom: col, Masalah: p.Message})
		}
	case "siap", "selesai":
		for _, p := range b.Summary.ContohBaru {
			v.ContohBaru = append(v.ContohBaru, p.Nama+" (NIP "+p.NIP+")")
		}
		for _, c := range b.Summary.ContohUbah {
			v.ContohUbah = append(v.ContohUbah, c.Nama+" (NIP "+c.NIP+"): "+strings.Join(c.Changes, ", "))
		}
		for _, p := range b.Summary.Keluar {
			v.Keluar = append(v.Keluar, p.Nama+" (NIP "+p.NIP+")")
		}
		v.Chart = view.BarChart{Title: "Ringkasan impor", Bars: []view.Bar{{Label: "Baru", Value: v.Baru}, {Label: "Berubah", Value: v.Ubah},
			{Label: "Tetap", Value: v.Sama}, {Label: "Dinonaktifkan", Value: v.Nonaktif}}}
	case "batal":
		v.Pesan = "Impor ini dibatalkan; tidak ada data yang disimpan."
	}
	s.render(w, r, http.StatusOK, page{title: "Impor " + bukti.CleanName(b.NamaBerkas, ""), active: "/impor", refresh: refresh,
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Impor Pegawai", Href: "/impor"}, {Label: bukti.CleanName(b.NamaBerkas, "")}},
		body:   view.ImporStatusPage(v, csrfToken(r))})
}

func (s *Server) imporApply(w http.ResponseWriter, r *http.Request) {
	b, ok := s.importBatch(w, r)
	if !ok {
		return
	}
	err := s.store.StartApplyImport(r.Context(), actorOf(r), b.ID)
	if fail, _, done := s.outcome(w, r, err, "", "/impor/"+strconv.FormatInt(b.ID, 10)); !done {
		s.fail(w, r, fail) // the batch moved on meanwhile: its page has nothing to apply
	}
}

// applyImport applies a checked batch, reporting each step on the batch.
func (s *Server) applyImport(ctx context.Context, actor store.Actor, id int64) error {
	_, err := s.store.ApplyImport(ctx, actor, id, func(step, of int) {
		if err := s.store.ImportProgress(context.WithoutCancel(ctx), id, step, of); err != nil {
			s.log.Warn("import progress", "id", id, "err", err)
		}
	})
	return err
}

func (s *Server) imporCancel(w http.ResponseWriter, r *http.Request) {
	b, ok := s.importBatch(w, r)
	if !ok {
		return
	}
	if err := s.store.SetImportStatus(r.Context(), b.ID, "siap", "batal", "Dibatalkan."); err != nil {
		s.fail(w, r, err) // the batch moved on meanwhile: nothing to cancel
		return
	}
	s.notice(w, r, "Impor "+bukti.CleanName(b.NamaBerkas, "")+" dibatalkan; tidak ada data yang disimpan.", "/impor")
}

func (s *Server) imporProblemsCSV(w http.ResponseWriter, r *http.Request) {
	b, ok := s.importBatch(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="masalah-impor-%d.csv"`, b.ID))
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"BARIS", "KOLOM", "MASALAH"})
	for _, p := range b.Problems {
		_ = cw.Write([]string{strconv.Itoa(p.Line), p.Column, impor.Protect(p.Message)})
	}
	cw.Flush()
}

func (s *Server) imporTemplateCSV(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="templat-impor-pegawai.csv"`)
	_, _ = w.Write([]byte("\xEF\xBB\xBF"))
	cw := csv.NewWriter(w)
	_ = cw.Write(impor.Header)
	_ = cw.Write(impor.TemplateExample)
	cw.Flush()
}

func (s *Server) imporTemplateXLSX(w http.ResponseWriter, r *http.Request) {
	s.writeXLSX(w, r, "templat-impor-pegawai.xlsx", impor.Header, func(row func([]string) error) error {
		return row(impor.TemplateExample)
	})
}
