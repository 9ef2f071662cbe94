package web

// The Laporan downloads (Unduh Excel, Unduh CSV) and the printable rekap predikat.

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"kinerja/internal/laporan"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/store"
	"kinerja/web/view"
)

func yaTidak(b bool) string {
	if b {
		return "Ya"
	}
	return "Tidak"
}

var orangHead = []string{"NIP", "Nama", "Jabatan", "Golongan", "Unit Kerja", "Perangkat Daerah", "PNS/PPPK", "Status Peserta"}

func orangCells(o store.OrangLaporan) []string {
	return []string{o.NIP, o.Nama, o.Jabatan, o.Golongan, o.Unit, o.OPD, o.JenisASN, o.Status().Label()}
}

// laporanExport is a report's file: its header and its rows, one per stretch of the
// filtered population (the rekap and reconciliation: those laporan.MasukRekap keeps).
func (s *Server) laporanExport(r *http.Request, q laporanReq) ([]string, func(func([]string) error) error) {
	ps := s.store.Period(q.per.ID)
	each := func(keep func(store.OrangLaporan) bool, rec func(store.OrangLaporan) []string) func(func([]string) error) error {
		return func(row func([]string) error) error {
			return ps.LaporanOrang(r.Context(), q.query(), func(o store.OrangLaporan) error {
				if keep != nil && !keep(o) {
					return nil
				}
				return row(rec(o))
			})
		}
	}
	rekap := func(o store.OrangLaporan) bool { return laporan.MasukRekap(o.Status()) }
	tahun := q.per.Settings.Tahun
	switch q.jenis {
	case laporan.Perencanaan:
		lewat := laporan.Terlambat(q.per.Settings.TenggatPerencanaan, s.today(), false)
		return append(orangHead, "Status SKP", "Terlambat"), each(nil, func(o store.OrangLaporan) []string {
			late := lewat && o.Status() == laporan.Aktif && o.Rencana != laporan.Disetujui
			return append(orangCells(o), o.Rencana.Label(), yaTidak(late))
		})
	case laporan.Pelaksanaan:
		c := q.cs[q.checkin-1]
		lewat := laporan.Terlambat(c.Selesai, s.today(), false)
		return append(orangHead, "SKP Disetujui", "Jumlah IKI", "Realisasi Terisi", "IKI dengan Bukti", "Umpan Balik Penilai", "Terlambat"),
			each(nil, func(o store.OrangLaporan) []string {
				late := lewat && o.Status() == laporan.Aktif && o.SKPID != 0 && !laporan.Lengkap(o.IKI, o.Terisi)
				return append(orangCells(o), yaTidak(o.SKPID != 0), strconv.Itoa(o.IKI), strconv.Itoa(o.Terisi), strconv.Itoa(o.Berbukti), yaTidak(o.UmpanBalik), yaTidak(late))
			})
	case laporan.Penilaian:
		return append(orangHead, "NIP Penilai", "Nama Penilai", "Hasil Kerja", "Perilaku Kerja", "Predikat", "Ditetapkan", "Keberatan"),
			each(nil, func(o store.OrangLaporan) []string {
				return append(orangCells(o), o.NIPPenilai, o.NamaPenilai, penilaian.Rating(o.HasilKerja).Label(), penilaian.Rating(o.Perilaku).Label(),
					o.Predikat, yaTidak(o.Ditetapkan), penilaian.StatusKeberatan(o.Keberatan).Label())
			})
	case laporan.Rekap:
		return laporan.Header(laporan.KolomRekap), each(rekap, func(o store.OrangLaporan) []string { return laporan.Record(laporan.KolomRekap, o.Rekap(tahun)) })
	case laporan.Rekonsiliasi:
		q.checkin = 0
		ps := s.store.Period(q.per.ID)
		return laporan.Header(laporan.KolomRekonsiliasi), func(row func([]string) error) error {
			return ps.LaporanOrang(r.Context(), q.query(), func(o store.OrangLaporan) error {
				if !rekap(o) {
					return nil
				}
				return row(laporan.Record(laporan.KolomRekonsiliasi, o.Rekap(tahun)))
			})
		}
	case laporan.Tunggakan:
		return []string{"Tenggat", "Tanggal Tenggat", "NIP Penilai", "Nama Penilai", "Perangkat Daerah", "SKP Menunggu Keputusan", "Bawahan Belum Dinilai",
				"NIP Atasan Penilai", "Nama Atasan Penilai", "Dilaporkan"}, func(row func([]string) error) error {
				list, err := ps.DaftarTunggakan(r.Context(), q.query())
				if err != nil {
					return err
				}
				for _, x := range list {
					if err := row([]string{x.Label, x.Tanggal.Format("2006-01-02"), x.PenilaiNIP, x.Penilai, x.OPD, strconv.Itoa(x.Menunggu), strconv.Itoa(x.BelumDinilai),
						x.AtasanNIP, x.Atasan, x.CreatedAt.In(s.loc).Format("2006-01-02 15:04:05")}); err != nil {
						return err
					}
				}
				return nil
			}
	}
	// Antartahun: the counts per year.
	head := []string{"Tahun"}
	for _, p := range penilaian.PredikatList {
		head = append(head, string(p))
	}
	return head, func(row func([]string) error) error {
		list, err := s.store.LaporanAntartahun(r.Context(), q.query(), periode.StartedPhases())
		if err != nil {
			return err
		}
		years, byYear := antartahun(list)
		for _, y := range years {
			rec := []string{strconv.Itoa(y)}
			for _, p := range penilaian.PredikatList {
				rec = append(rec, strconv.Itoa(byYear[y][p]))
			}
			if err := row(rec); err != nil {
				return err
			}
		}
		return nil
	}
}

// laporanFilename names a report's file by report, year, check-in and scope.
func (q laporanReq) filename(ext string) string {
	parts := []string{"laporan", string(q.jenis), strconv.Itoa(q.per.Settings.Tahun)}
	if q.jenis.PerCheckin() {
		parts = append(parts, strings.ToLower(strings.ReplaceAll(q.checkinName(), " ", "-")))
	}
	if q.filter.OPDID != 0 {
		parts = append(parts, "opd-"+strconv.FormatInt(q.filter.OPDID, 10))
	}
	if q.filter.UnitID != 0 {
		parts = append(parts, "unit-"+strconv.FormatInt(q.filter.UnitID, 10))
	}
	return strings.Join(parts, "-") + "." + ext
}

// laporanDownload answers a report's download; a bad filter is a 400 page, since a
// link carries it and no form can show the message.
func (s *Server) laporanDownload(ext string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, ok := s.laporanRequest(w, r)
		if !ok {
			return
		}
		if len(q.errs) > 0 {
			s.errorPage(w, r, http.StatusBadRequest, "Filter tidak valid", "Filter pada tautan unduhan tidak dapat dibaca. Kembali ke laporan, pilih filternya, lalu unduh lagi.")
			return
		}
		head, rows := s.laporanExport(r, q)
		if ext == "csv" {
			s.writeCSV(w, q.filename("csv"), head, rows)
			return
		}
		s.writeXLSX(w, r, q.filename("xlsx"), head, rows)
	}
}

// rekapPrint builds the printable rekap: the named list for an OPD or a unit, or for
// the whole pemda a summary per OPD, signed by the head of the OPD or of BKPSDM.
func (s *Server) rekapPrint(r *http.Request, q laporanReq) (view.RekapPrint, error) {
	nama, kota, err := s.store.Instansi(r.Context())
	if err != nil {
		return view.RekapPrint{}, err
	}
	v := view.RekapPrint{Title: "REKAP PREDIKAT KINERJA PEGAWAI", Instansi: nama, Periode: q.checkinName() + " " + strconv.Itoa(q.per.Settings.Tahun),
		Tempat: kota, Tanggal: q.today, Penandatangan: "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"}
	rows, total, err := s.penilaianRows(r, q)
	if err != nil {
		return v, err
	}
	for _, p := range penilaian.PredikatList {
		v.Summary = append(v.Summary, view.KurvaRow{Predikat: string(p), Jumlah: total.Resmi[p], Persen: persenDari(total.Resmi[p], total.Ditetapkan)})
	}
	v.Summary = append(v.Summary, view.KurvaRow{Predikat: laporan.BelumDitetapkan, Jumlah: total.Aktif + total.Nonaktif - total.Ditetapkan})
	if q.filter.OPDID == 0 {
		v.Lingkup = "Seluruh perangkat daerah"
		v.Heads = []string{"Perangkat Daerah", "Peserta", "Ditetapkan"}
		for _, p := range penilaian.PredikatList {
			v.Heads = append(v.Heads, string(p))
		}
		for _, k := range q.orderedKeys(func(id int64) bool { return rows[id] != nil }) {
			b := rows[k]
			rec := []string{q.opd[k], view.Angka(b.Aktif + b.Nonaktif), view.Angka(b.Ditetapkan)}
			for _, p := range penilaian.PredikatList {
				rec = append(rec, view.Angka(b.Resmi[p]))
			}
			v.Rows = append(v.Rows, rec)
		}
		return v, nil
	}
	v.Lingkup = q.opd[q.filter.OPDID]
	if q.filter.UnitID != 0 {
		v.Lingkup += ", " + q.unit[q.filter.UnitID]
	}
	v.Penandatangan = "Kepala " + q.opd[q.filter.OPDID]
	v.Heads = laporan.Header(laporan.KolomRekap)
	err = s.store.Period(q.per.ID).LaporanOrang(r.Context(), q.query(), func(o store.OrangLaporan) error {
		if laporan.MasukRekap(o.Status()) {
			rec := laporan.Record(laporan.KolomRekap, o.Rekap(q.per.Settings.Tahun))
			rec[0] = view.NIP(rec[0])
			v.Rows = append(v.Rows, rec)
		}
		return nil
	})
	return v, err
}

// rekapCetak is the rekap as a page to print; rekapPDF the same as a PDF.
func (s *Server) rekapCetak(pdf bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, ok := s.laporanRequest(w, r)
		if !ok {
			return
		}
		if q.jenis != laporan.Rekap {
			s.notFound(w, r)
			return
		}
		if len(q.errs) > 0 {
			s.errorPage(w, r, http.StatusBadRequest, "Filter tidak valid", "Filter pada tautan cetak tidak dapat dibaca. Kembali ke laporan, pilih filternya, lalu cetak lagi.")
			return
		}
		if pdf && !s.pdf.Available() {
			s.errorPage(w, r, http.StatusServiceUnavailable, "PDF tidak tersedia",
				"Server ini belum memasang Chromium untuk membuat PDF. Gunakan halaman Cetak dan simpan sebagai PDF dari peramban.")
			return
		}
		v, err := s.rekapPrint(r, q)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if !pdf {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if err := view.RekapPrintPage(v, "", q.href(laporanPath(q.jenis), q.filter)).Render(r.Context(), w); err != nil {
				s.log.ErrorContext(r.Context(), "render rekap", "err", err)
			}
			return
		}
		s.servePDF(w, r, q.filename("pdf"), func(css string) templ.Component { return view.RekapPrintPage(v, css, "") })
	}
}
