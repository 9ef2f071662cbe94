package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/org"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// periksaQuery is the check for the principal: the Admin BKD any OPD (?opd=, all by
// default), a kepala OPD their own; the period checks read the latest started period.
// ok is false (and the page answered) for another OPD or a malformed one.
func (s *Server) periksaQuery(w http.ResponseWriter, r *http.Request) (store.PeriksaQuery, int64, bool) {
	p, _ := principal(r)
	q := store.PeriksaQuery{MaxBawahan: s.maxBawahan}
	if v := r.URL.Query().Get("opd"); v != "" {
		id, ok := pathID(v)
		if !ok {
			s.errorPage(w, r, http.StatusBadRequest, "Filter tidak valid", "Perangkat daerah pada tautan tidak dapat dibaca.")
			return q, 0, false
		}
		q.OPDID = id
	}
	if !p.Roles.AdminBKD {
		if q.OPDID != 0 && q.OPDID != p.OPDID {
			s.forbidden(w, r)
			return q, 0, false
		}
		q.OPDID = p.OPDID
	}
	started, err := s.store.StartedPeriods(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return q, 0, false
	}
	var tahun int64
	if len(started) > 0 {
		q.PeriodeID, tahun = started[0].ID, int64(started[0].Settings.Tahun)
	}
	return q, tahun, true
}

// temuanHref is where a finding is fixed: for the Admin BKD the participant's page of
// the period or the pegawai's form, else the profile; a unit's page for a vacant head.
func temuanHref(t store.TemuanData, admin bool, periodeID int64) string {
	switch t.Jenis {
	case org.KepalaKosong:
		return "/organisasi/unit/" + strconv.FormatInt(t.UnitID, 10)
	case org.TanpaPenilai, org.PenilaiBukanPeserta, org.PenilaiNonaktif, org.PenilaiLintasOPD:
		if admin {
			return "/periode/" + strconv.FormatInt(periodeID, 10) + "/peserta/" + strconv.FormatInt(t.PegawaiID, 10)
		}
	case org.KepalaBukanJabatan, org.OPDNonaktif:
		if admin {
			return profileHref(t.PegawaiID) + "/ubah"
		}
	}
	return profileHref(t.PegawaiID)
}

// periksa is Periksa data: the organisation errors that break appraisals, each linked
// to where it is fixed.
func (s *Server) periksa(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	q, tahun, ok := s.periksaQuery(w, r)
	if !ok {
		return
	}
	found, err := s.store.PeriksaData(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.PeriksaPage{Title: "Periksa Data"}
	if q.PeriodeID == 0 {
		v.Notes = append(v.Notes, "Belum ada periode yang dibuka: pemeriksaan penilai peserta dijalankan setelah periode dibuka.")
	} else {
		v.Notes = append(v.Notes, "Pemeriksaan penilai memakai peserta periode "+strconv.FormatInt(tahun, 10)+".")
	}
	if p.Roles.AdminBKD {
		if v.OPDOptions, err = s.opdOptions(r, q.OPDID); err != nil {
			s.fail(w, r, err)
			return
		}
	} else {
		o, err := s.store.GetOPD(r.Context(), q.OPDID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Title += " " + o.Nama
	}
	byKind := map[org.Temuan]*view.PeriksaSection{}
	for _, k := range org.TemuanList {
		sec := &view.PeriksaSection{ID: string(k), Title: k.Label(), Akibat: k.Akibat(),
			Table: view.LaporanTable{Caption: k.Label(), Heads: []string{"Pegawai atau unit", "Perangkat daerah", "Temuan"}}}
		byKind[k] = sec
	}
	for _, t := range found {
		sec := byKind[t.Jenis]
		sec.Count++
		if sec.Count > maxDaftar {
			continue
		}
		row := view.LaporanRow{Label: t.Nama, Href: temuanHref(t, p.Roles.AdminBKD, q.PeriodeID), Cells: []string{t.OPD, t.Detail}}
		if t.PegawaiID != 0 {
			row.Sub = view.NIP(t.NIP) + " · " + t.Unit
		}
		sec.Table.Rows = append(sec.Table.Rows, row)
	}
	for _, k := range org.TemuanList {
		sec := byKind[k]
		if sec.Count > maxDaftar {
			sec.Table.Note = "Menampilkan " + view.Angka(maxDaftar) + " dari " + view.Angka(sec.Count) + " temuan; perbaiki yang ini lalu muat ulang."
		}
		v.Total += sec.Count
		v.Sections = append(v.Sections, *sec)
	}
	s.render(w, r, http.StatusOK, page{title: "Periksa Data", active: "/periksa", body: view.PeriksaView(v)})
}
