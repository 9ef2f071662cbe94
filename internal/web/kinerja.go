package web

import (
	"fmt"
	"net/http"
	"strings"

	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
	"kinerja/internal/store"
	"kinerja/web/view"
)

func kinerjaHref(pegawaiID int64) string { return profileHref(pegawaiID) + "/kinerja" }

// myKinerja sends the signed-in person to their own Riwayat Kinerja.
func (s *Server) myKinerja(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	http.Redirect(w, r, kinerjaHref(p.PegawaiID), http.StatusSeeOther)
}

// riwayatKinerja is a pegawai's Riwayat Kinerja: every period they took part in, with
// the SKP, the predikat, the documents and the keberatan. A period shows to whoever
// may read that period's SKP (skp.Peran.MayView: the pegawai, their penilai and
// atasan penilai of that period, the kepala of that period's OPD, the Admin BKD); the
// page opens for them and for whoever may open the profile.
func (s *Server) riwayatKinerja(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	id, target, ok := loadByID(s, w, r, s.store.GetPegawai)
	if !ok {
		return
	}
	list, err := s.store.RiwayatKinerja(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	profile, err := s.canView(r, p, target)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	periods, err := s.store.StartedPeriods(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	settings := map[int64]periode.Settings{}
	for _, x := range periods {
		settings[x.ID] = x.Settings
	}
	var kepalaOf int64
	if p.Roles.KepalaOPD {
		kepalaOf = p.OPDID
	}
	v := view.KinerjaPage{Nama: target.NamaLengkap(), NIP: target.NIP, ProfilHref: profileHref(id), Self: p.PegawaiID == id}
	for _, x := range list {
		peran := skp.PeranOf(p.PegawaiID, kepalaOf, p.Roles.AdminBKD, &skp.SKP{PegawaiID: id, PenilaiID: x.PenilaiID, AtasanPenilaiID: x.AtasanID, OPDID: x.OPDID})
		if !peran.MayView() {
			v.Tersembunyi++
			continue
		}
		v.Rows = append(v.Rows, kinerjaRow(x, periode.Checkins(settings[x.PeriodeID])))
	}
	if !profile && len(v.Rows) == 0 {
		s.forbidden(w, r)
		return
	}
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Riwayat kinerja"}}
	if profile && !v.Self {
		crumbs = []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: target.NamaLengkap(), Href: profileHref(id)}, {Label: "Riwayat kinerja"}}
	}
	s.render(w, r, http.StatusOK, page{title: "Riwayat kinerja " + target.NamaLengkap(), crumbs: crumbs, body: view.KinerjaView(v)})
}

// kinerjaRow shows one period of the riwayat.
func kinerjaRow(x store.KinerjaTahun, cs []periode.Checkin) view.KinerjaRow {
	row := view.KinerjaRow{Tahun: x.Tahun, Fase: periode.Fase(x.Fase).Label(), Jabatan: x.Jabatan, Unit: x.Unit + ", " + x.OPD,
		Penilai: x.Penilai, SKP: "Belum dibuat", Predikat: "Belum ditetapkan", Aktif: x.Aktif}
	if x.SKPDibuat {
		row.SKP = skp.Status(x.SKPStatus).Label()
		if x.SKPVersi > 1 {
			row.SKP += fmt.Sprintf(" (versi %d)", x.SKPVersi)
		}
		row.SKPHref = skpHref(x.SKPID)
		row.Dokumen = append(row.Dokumen, view.Link{Label: "SKP (PDF)", Href: skpHref(x.SKPID) + "/pdf"})
	}
	if x.Predikat != "" {
		row.Predikat = x.Predikat
		row.Rincian = "Hasil kerja " + strings.ToLower(penilaian.Rating(x.HasilKerja).Label()) + ", perilaku kerja " + strings.ToLower(penilaian.Rating(x.Perilaku).Label())
		row.Dokumen = append(row.Dokumen, view.Link{Label: "Dokumen evaluasi tahunan (PDF)", Href: skpHref(x.SKPID) + "/evaluasi.pdf?ke=0"})
		row.PenilaianHref = ratingHref(x.SKPID, 0)
	}
	for i, n := range x.Checkins {
		if n <= len(cs) {
			row.Berkala = append(row.Berkala, checkinLabel(cs, n)+": "+x.CheckinPred[i])
		}
	}
	for i, n := range x.KbCheckin {
		if n <= len(cs) {
			row.Keberatan = append(row.Keberatan, view.Link{Label: checkinLabel(cs, n) + ": " + penilaian.StatusKeberatan(x.KbStatus[i]).Label(), Href: keberatanHref(x.SKPID, n)})
		}
	}
	return row
}
