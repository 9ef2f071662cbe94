package web

// Background work as River jobs (package queue): the workers, and the pages that
// follow a tugas. A tugas's progress and result are rows of the tugas table, so any
// instance serves its page, and a restart loses nothing: the job is retried.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-chi/chi/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
	"kinerja/internal/impor"
	"kinerja/internal/periode"
	"kinerja/internal/queue"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// zipParams are the parameters of an evaluasi_zip tugas.
type zipParams struct {
	PeriodeID int64   `json:"periode_id"`
	Checkin   int     `json:"checkin"`
	SKPIDs    []int64 `json:"skp_ids"`
}

// bulkParams are the parameters of an akun_massal tugas.
type bulkParams struct {
	OPD   int64       `json:"opd"`
	Actor store.Actor `json:"actor"`
}

// AddWorkers registers the server's job workers in w; the caller starts a
// queue.Start client with them.
func (s *Server) AddWorkers(w *river.Workers) {
	river.AddWorker(w, &tugasWorker{s: s})
	river.AddWorker(w, &imporWorker{s: s})
	river.AddWorker(w, &bersihkanWorker{s: s})
	river.AddWorker(w, &kirimSurelWorker{s: s})
	river.AddWorker(w, &kirimResetWorker{s: s})
	river.AddWorker(w, &pengingatWorker{s: s})
}

type tugasWorker struct {
	river.WorkerDefaults[queue.Tugas]
	s *Server
}

// Work runs the tugas. Interrupted by a shutdown, it is snoozed, so the next client
// that starts takes it again at once; a failure is retried, and on the last attempt
// (or when it is a refusal with a message) recorded on the tugas, whose page shows it.
func (w *tugasWorker) Work(ctx context.Context, job *river.Job[queue.Tugas]) error {
	s := w.s
	t, err := s.store.GetTugas(ctx, job.Args.TugasID, 0)
	if apperr.Is(err, apperr.NotFound) {
		return nil // deleted by its owner, or expired
	}
	if err != nil {
		return err
	}
	if t.Status != "berjalan" {
		return nil
	}
	var msg string
	switch t.Jenis {
	case store.TugasEvaluasiZIP:
		msg, err = s.runZIP(ctx, t)
	case store.TugasAkunMassal:
		msg, err = s.runBulk(ctx, t)
	default:
		msg, err = "Jenis tugas tidak dikenal.", fmt.Errorf("tugas %d: unknown jenis %q", t.ID, t.Jenis)
	}
	return s.settle(ctx, job.JobRow, err, msg, "Tugas gagal karena kesalahan sistem. Coba lagi.", func(ctx context.Context, msg string) error {
		s.log.Error("tugas failed", "id", t.ID, "jenis", t.Jenis, "err", err)
		return s.store.FinishTugas(ctx, t.ID, "gagal", msg, nil)
	})
}

// settle decides what a job's error means. Interrupted by a shutdown, the job is
// snoozed: available again at once to the next client that starts, without using
// up an attempt. A refusal (msg set) and the last attempt's failure are recorded
// with record (msg, or fallback; on a context that a timeout has not ended), which
// the person's page shows. Any other failure is returned for River to retry.
func (s *Server) settle(ctx context.Context, job *rivertype.JobRow, err error, msg, fallback string, record func(ctx context.Context, msg string) error) error {
	if err == nil {
		return nil
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return river.JobSnooze(0)
	}
	if msg == "" && job.Attempt < job.MaxAttempts {
		s.log.Warn("job retried", "kind", job.Kind, "id", job.ID, "attempt", job.Attempt, "err", err)
		return err
	}
	if msg == "" {
		msg = fallback
	}
	return record(context.WithoutCancel(ctx), msg)
}

type bersihkanWorker struct {
	river.WorkerDefaults[queue.Bersihkan]
	s *Server
}

// Work deletes the tugas whose results have expired.
func (w *bersihkanWorker) Work(ctx context.Context, _ *river.Job[queue.Bersihkan]) error {
	n, err := w.s.store.ExpireTugas(ctx)
	if n > 0 {
		w.s.log.Info("expired tugas deleted", "n", n)
	}
	return err
}

// progress reports done steps to the store at most every 300 ms (and the last).
func (s *Server) progress(ctx context.Context, id int64, total int) func(done int) {
	return s.everyFew(total, "tugas progress", id, func(done int) error { return s.store.TugasProgress(ctx, id, done) })
}

// runZIP renders each published rating's document into a ZIP on the tugas. It
// checks again, as the penilai who asked, that each document may be read. A
// non-empty message is a refusal to report rather than retry.
func (s *Server) runZIP(ctx context.Context, t store.Tugas) (string, error) {
	var pr zipParams
	if err := json.Unmarshal(t.Params, &pr); err != nil {
		return "Parameter tugas rusak.", err
	}
	if !s.pdf.Available() {
		return "Server ini belum memasang Chromium untuk membuat PDF.", errors.New("no PDF renderer")
	}
	p, err := s.store.LoadPrincipal(ctx, t.AkunID)
	if err != nil {
		return "Akun yang meminta dokumen ini tidak lagi aktif.", err
	}
	ps := s.store.Period(pr.PeriodeID)
	per, err := ps.Get(ctx)
	if err != nil {
		return "", err
	}
	cs := periode.Checkins(per.Settings)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	made := s.now().In(s.loc)
	report := s.progress(ctx, t.ID, len(pr.SKPIDs))
	for i, id := range pr.SKPIDs {
		k, err := ps.GetSKP(ctx, id)
		if err != nil {
			return "", err
		}
		out, _, err := s.evaluasiPDFOf(ctx, reportCtx{ps: ps, k: k, roles: rolesFor(p, k), cs: cs, checkin: pr.Checkin}, pr.Checkin)
		if e := apperr.As(err); e != nil {
			return e.Message, err
		}
		if err != nil {
			return "", err
		}
		// Create would date every entry 1980-01-01; the archive says when it was made.
		f, err := zw.CreateHeader(&zip.FileHeader{Name: evaluasiName(k.Tahun, pr.Checkin, k.Pegawai.NIP), Method: zip.Deflate, Modified: made})
		if err != nil {
			return "", err
		}
		if _, err := f.Write(out); err != nil {
			return "", err
		}
		report(i + 1)
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return "", s.store.FinishTugas(ctx, t.ID, "selesai", "", buf.Bytes())
}

// runBulk hashes the initial passwords on every core, then creates the accounts and
// stores their list, encrypted, on the tugas in one transaction.
func (s *Server) runBulk(ctx context.Context, t store.Tugas) (string, error) {
	var pr bulkParams
	if err := json.Unmarshal(t.Params, &pr); err != nil {
		return "Parameter tugas rusak.", err
	}
	if s.sealer == nil {
		return "Kunci rahasia server (KINERJA_SECRET_KEY) belum diatur; kata sandi awal tidak dapat disimpan.", errors.New("no secret key")
	}
	list, err := s.store.PegawaiWithoutAkun(ctx, pr.OPD)
	if err != nil {
		return "", err
	}
	if len(list) == 0 {
		return "", s.store.FinishTugas(ctx, t.ID, "selesai", "", nil)
	}
	report := s.progress(ctx, t.ID, len(list))
	work := make(chan int)
	var wg sync.WaitGroup
	var done atomic.Int64
	var failed atomic.Pointer[error]
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				pw := auth.GeneratePassword()
				h, err := auth.HashPassword(pw)
				if err != nil {
					failed.Store(&err)
					continue
				}
				list[i].Password, list[i].Hash = pw, h
				report(int(done.Add(1)))
			}
		}()
	}
	for i := range list {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	if err := failed.Load(); err != nil {
		return "", *err
	}
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	byID := make(map[int64]store.Credential, len(list))
	for _, c := range list {
		byID[c.PegawaiID] = c
	}
	_, err = s.store.CreateAkunBulk(ctx, pr.Actor, list, t.ID, func(made []int64) ([]byte, error) {
		var b bytes.Buffer
		cw := csv.NewWriter(&b)
		_ = cw.Write([]string{"NIP", "NAMA", "KATA_SANDI_AWAL"})
		for _, id := range made {
			c := byID[id]
			_ = cw.Write([]string{c.NIP, impor.Protect(c.Nama), c.Password})
		}
		cw.Flush()
		return s.sealer.Seal(b.Bytes(), bulkLabel(t.ID)), cw.Error()
	})
	return "", err
}

// bulkLabel binds a sealed account list to its tugas.
func bulkLabel(id int64) string { return "tugas:" + strconv.FormatInt(id, 10) + ":akun_massal" }

// ownTugas loads the caller's tugas of jenis named in the URL; another's, an expired
// one or one of another jenis is a 404 with gone's message.
func (s *Server) ownTugas(w http.ResponseWriter, r *http.Request, jenis, title, gone string) (store.Tugas, bool) {
	p, _ := principal(r)
	id, ok := pathID(chi.URLParam(r, "id"))
	var t store.Tugas
	var err error
	if ok {
		t, err = s.store.GetTugas(r.Context(), id, p.AkunID)
	}
	if !ok || apperr.Is(err, apperr.NotFound) || (err == nil && t.Jenis != jenis) {
		s.errorPage(w, r, http.StatusNotFound, title, gone)
		return t, false
	}
	if err != nil {
		s.fail(w, r, err)
		return t, false
	}
	return t, true
}

const zipGone = "Berkas ini sudah kedaluwarsa (30 menit) atau dibuat oleh pengguna lain."

// takeBerkas reads (once: and deletes) the tugas's file, answering 404 with title
// and gone when there is none.
func (s *Server) takeBerkas(w http.ResponseWriter, r *http.Request, t store.Tugas, once bool, title, gone string) ([]byte, bool) {
	file, err := s.store.TakeTugasBerkas(r.Context(), t.ID, t.AkunID, once)
	if apperr.Is(err, apperr.NotFound) {
		s.errorPage(w, r, http.StatusNotFound, title, gone)
		return nil, false
	}
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return file, true
}

// unduhan shows the progress of a ZIP tugas (refreshing itself while it runs), and
// serves the file (/zip) to the penilai who started it.
func (s *Server) unduhan(w http.ResponseWriter, r *http.Request) {
	t, ok := s.ownTugas(w, r, store.TugasEvaluasiZIP, "Berkas tidak tersedia", zipGone)
	if !ok {
		return
	}
	if strings.HasSuffix(r.URL.Path, "/zip") {
		if t.Status != "selesai" {
			s.errorPage(w, r, http.StatusConflict, "Berkas belum siap", "Dokumen evaluasi masih dibuat.")
			return
		}
		file, ok := s.takeBerkas(w, r, t, false, "Berkas tidak tersedia", zipGone)
		if !ok {
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Disposition", `attachment; filename="`+t.NamaBerkas+`"`)
		_, _ = w.Write(file)
		return
	}
	v := view.UnduhanView{JobID: t.ID, Status: t.Status, Done: t.Selesai, Total: t.Total, Pesan: t.Pesan, Nama: t.NamaBerkas}
	s.render(w, r, http.StatusOK, page{title: "Dokumen evaluasi", active: "/penilaian", refresh: refreshWhile(t),
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Penilaian", Href: "/penilaian"}, {Label: "Dokumen evaluasi"}}, body: view.UnduhanPage(v)})
}

// refreshWhile is the page's refresh interval while t runs.
func refreshWhile(t store.Tugas) int {
	if t.Status == "berjalan" {
		return 1
	}
	return 0
}

const bulkGone = "Daftar kata sandi awal ini sudah diunduh, dihapus atau kedaluwarsa (30 menit), atau dibuat oleh admin lain. Atur ulang kata sandi pegawai yang belum menerimanya."

func (s *Server) bulkStatus(w http.ResponseWriter, r *http.Request) {
	t, ok := s.ownTugas(w, r, store.TugasAkunMassal, "Daftar tidak tersedia", bulkGone)
	if !ok {
		return
	}
	v := view.BulkAkunView{JobID: t.ID, Status: t.Status, Done: t.Selesai, Total: t.Total, Pesan: t.Pesan, AdaBerkas: t.AdaBerkas}
	if t.DiunduhAt != nil {
		v.Diunduh = view.Waktu(t.DiunduhAt.In(s.loc))
	}
	s.render(w, r, http.StatusOK, page{title: "Akun pegawai", active: "/akun", refresh: refreshWhile(t),
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Akun pegawai", Href: "/akun"}, {Label: "Pembuatan akun"}},
		body:   view.BulkAkunPage(v, csrfToken(r))})
}

// bulkDownload serves the list of initial passwords once: the same statement that
// reads it deletes it.
func (s *Server) bulkDownload(w http.ResponseWriter, r *http.Request) {
	t, ok := s.ownTugas(w, r, store.TugasAkunMassal, "Daftar tidak tersedia", bulkGone)
	if !ok {
		return
	}
	if s.sealer == nil {
		s.errorPage(w, r, http.StatusServiceUnavailable, "Daftar tidak dapat dibuka", "Kunci rahasia server (KINERJA_SECRET_KEY) belum diatur.")
		return
	}
	sealed, ok := s.takeBerkas(w, r, t, true, "Daftar tidak tersedia", bulkGone)
	if !ok {
		return
	}
	plain, err := s.sealer.Open(sealed, bulkLabel(t.ID))
	if err != nil {
		s.log.Error("bulk list", "id", t.ID, "err", err)
		s.errorPage(w, r, http.StatusInternalServerError, "Daftar tidak dapat dibuka",
			"Daftar dienkripsi dengan kunci lain (KINERJA_SECRET_KEY berubah) dan sudah dihapus. Atur ulang kata sandi pegawai yang belum menerimanya.")
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="kata-sandi-awal-%d.csv"`, t.ID))
	_, _ = w.Write([]byte("\xEF\xBB\xBF"))
	_, _ = w.Write(plain)
}

func (s *Server) bulkDelete(w http.ResponseWriter, r *http.Request) {
	t, ok := s.ownTugas(w, r, store.TugasAkunMassal, "Daftar tidak tersedia", bulkGone)
	if !ok {
		return
	}
	err := s.store.DeleteTugas(r.Context(), t.ID, t.AkunID)
	s.outcome(w, r, err, "Daftar kata sandi awal dihapus.", "/akun")
}
