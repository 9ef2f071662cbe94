package web

// The staff export (Unduh CSV, Unduh Excel) and the spreadsheet writing that the
// import templates share.

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"kinerja/internal/impor"
)

// safeCell keeps a spreadsheet from reading a value as a formula.
func safeCell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) && !isNumberLike(v) {
		return "'" + v
	}
	return v
}

func isNumberLike(v string) bool {
	_, err := strconv.ParseFloat(v, 64)
	return err == nil
}

func (s *Server) exportCSV(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="pegawai-%s.csv"`, s.today().Format("2006-01-02")))
	_, _ = w.Write([]byte("\xEF\xBB\xBF"))
	cw := csv.NewWriter(w)
	_ = cw.Write(impor.Header)
	err := s.store.ExportPegawai(r.Context(), pegawaiFilter(r), func(rec []string) error {
		for i := range rec {
			rec[i] = safeCell(rec[i])
		}
		return cw.Write(rec)
	})
	cw.Flush()
	if err != nil {
		s.log.Error("export csv", "err", err)
	}
}

func (s *Server) exportXLSX(w http.ResponseWriter, r *http.Request) {
	s.writeXLSX(w, r, fmt.Sprintf("pegawai-%s.xlsx", s.today().Format("2006-01-02")), func(row func([]string) error) error {
		return s.store.ExportPegawai(r.Context(), pegawaiFilter(r), row)
	})
}

// writeXLSX streams rows under the template header into one worksheet. Cells are
// written as text, so nothing is read as a formula or a number.
func (s *Server) writeXLSX(w http.ResponseWriter, r *http.Request, filename string, rows func(func([]string) error) error) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	line := 1
	write := func(rec []string) error {
		vals := make([]any, len(rec))
		for i, v := range rec {
			vals[i] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, line)
		line++
		return sw.SetRow(cell, vals)
	}
	if err := write(impor.Header); err == nil {
		err = rows(write)
	}
	if err == nil {
		err = sw.Flush()
	}
	var buf bytes.Buffer
	if err == nil {
		err = f.Write(&buf)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	_, _ = w.Write(buf.Bytes())
}
