package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/org"
	"kinerja/internal/store"
	"kinerja/web/view"
)

func (s *Server) beranda(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	me, err := s.store.GetPegawai(r.Context(), p.PegawaiID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := s.identity(r, me)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b := view.Beranda{Identity: id, Peran: roleLabels(p.Roles)}
	if p.Roles.Penilai {
		_, n, err := s.store.SearchPegawai(r.Context(), store.PegawaiFilter{AtasanID: p.PegawaiID, Limit: 1})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		b.Cards = append(b.Cards, view.Card{Title: "Penilai", Figure: view.Angka(n), Text: "bawahan langsung yang Anda nilai",
			Href: "/bawahan", Link: "Lihat bawahan langsung"})
	}
	if p.Roles.KepalaOPD {
		o, err := s.store.GetOPD(r.Context(), p.OPDID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		b.Cards = append(b.Cards, view.Card{Title: "Kepala OPD", Figure: view.Angka(o.JumlahPegawai), Text: "pegawai aktif di " + o.Nama,
			Href: "/organisasi/" + strconv.FormatInt(o.ID, 10), Link: "Lihat struktur OPD"})
	}
	if p.Roles.AdminBKD {
		opds, err := s.store.ListOPD(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		total := 0
		for _, o := range opds {
			total += o.JumlahPegawai
		}
		b.Cards = append(b.Cards, view.Card{Title: "Admin BKD", Figure: view.Angka(total),
			Text: "pegawai aktif di " + view.Angka(len(opds)) + " perangkat daerah", Href: "/organisasi", Link: "Kelola organisasi"})
	}
	s.render(w, r, http.StatusOK, page{title: "Beranda", active: "/", body: view.BerandaPage(b)})
}

// identity builds the identity block of p, linking the atasan when the viewer may open it.
func (s *Server) identity(r *http.Request, p org.Pegawai) (view.Identity, error) {
	id := view.Identity{
		ID: p.ID, Nama: p.NamaLengkap(), NIP: org.FormatNIP(p.NIP), JenisASN: string(p.JenisASN),
		Pangkat: p.PangkatGolongan(), Jabatan: p.Jabatan, JenisJabatan: org.JenisJabatanLabel(p.JenisJabatan),
		Unit: p.Unit, OPD: p.OPD, Aktif: p.Aktif,
	}
	if p.AtasanID != 0 {
		a, err := s.store.GetPegawai(r.Context(), p.AtasanID)
		if err != nil {
			return id, err
		}
		link, err := s.personLink(r, a)
		if err != nil {
			return id, err
		}
		id.Atasan = &link
	}
	return id, nil
}
