package web

// The staff export (Unduh CSV, Unduh Excel) and the spreadsheet writing that the
// import templates share.

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/impor"
	"kinerja/internal/store"
)

// exportFilter reads the export's filter. An OPD or unit that is not a number or
// does not exist answers 400, before anything is written: the file would be empty
// for a reason the page could not show.
func (s *Server) exportFilter(w http.ResponseWriter, r *http.Request) (store.PegawaiFilter, bool) {
	f := pegawaiFilter(r)
	q := r.URL.Query()
	bad := func(name string, id int64, exists func(context.Context, int64) error) bool {
		if q.Get(name) == "" {
			return false
		}
		return id <= 0 || exists(r.Context(), id) != nil
	}
	opdExists := func(ctx context.Context, id int64) error { _, err := s.store.GetOPD(ctx, id); return err }
	unitExists := func(ctx context.Context, id int64) error { _, err := s.store.GetUnit(ctx, id); return err }
	if bad("opd", f.OPDID, opdExists) || bad("unit", f.UnitID, unitExists) {
		s.errorPage(w, r, http.StatusBadRequest, "Filter tidak valid",
			"Perangkat daerah atau unit kerja pada tautan unduhan tidak ditemukan. Kembali ke pencarian pegawai, pilih filternya, lalu unduh lagi.")
		return f, false
	}
	return f, true
}

func (s *Server) exportCSV(w http.ResponseWriter, r *http.Request) {
	f, ok := s.exportFilter(w, r)
	if !ok {
		return
	}
	s.writeCSV(w, fmt.Sprintf("pegawai-%s.csv", s.today().Format("2006-01-02")), impor.Header, func(row func([]string) error) error {
		return s.store.ExportPegawai(r.Context(), f, row)
	})
}

func (s *Server) exportXLSX(w http.ResponseWriter, r *http.Request) {
	f, ok := s.exportFilter(w, r)
	if !ok {
		return
	}
	s.writeXLSX(w, r, fmt.Sprintf("pegawai-%s.xlsx", s.today().Format("2006-01-02")), impor.Header, func(row func([]string) error) error {
		return s.store.ExportPegawai(r.Context(), f, row)
	})
}

// writeXLSX streams rows under header into one worksheet. Cells are written as text,
// so nothing is read as a formula or a number. The rows go to the stream writer's
// temporary file, not to memory, and the finished file is written straight to the
// response; an error before that is an error page.
func (s *Server) writeXLSX(w http.ResponseWriter, r *http.Request, filename string, header []string, rows func(func([]string) error) error) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	line := 1
	vals := make([]any, 0, len(header))
	write := func(rec []string) error {
		vals = vals[:0]
		for _, v := range rec {
			vals = append(vals, v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, line)
		line++
		return sw.SetRow(cell, vals)
	}
	if err := write(header); err == nil {
		err = rows(write)
	}
	if err == nil {
		err = sw.Flush()
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	if err := f.Write(w); err != nil {
		s.log.ErrorContext(r.Context(), "write xlsx", "file", filename, "err", err)
	}
}

// writeCSV streams rows under header as UTF-8 CSV with a byte-order mark (for
// spreadsheet programs); each cell is protected against formula injection.
func (s *Server) writeCSV(w http.ResponseWriter, filename string, header []string, rows func(func([]string) error) error) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	_, _ = w.Write([]byte("\xEF\xBB\xBF"))
	cw := csv.NewWriter(w)
	_ = cw.Write(header)
	err := rows(func(rec []string) error {
		for i := range rec {
			rec[i] = impor.Protect(rec[i])
		}
		return cw.Write(rec)
	})
	cw.Flush()
	if err != nil {
		s.log.Error("write csv", "file", filename, "err", err)
	}
}
