package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/org"
	"kinerja/web/view"
)

func (s *Server) beranda(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	me, err := s.store.GetPegawai(r.Context(), p.PegawaiID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b := view.Beranda{Identity: identity(me, byRole(p, me.Atasan())), Peran: roleLabels(p.Roles)}
	if p.Roles.Penilai {
		n, err := s.store.CountBawahan(r.Context(), p.PegawaiID)
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

// identity builds the identity block of p; linkAtasan says the viewer may open the
// atasan's profile.
func identity(p org.Pegawai, linkAtasan bool) view.Identity {
	id := view.Identity{
		ID: p.ID, Nama: p.NamaLengkap(), NIP: org.FormatNIP(p.NIP), JenisASN: string(p.JenisASN),
		Pangkat: p.PangkatGolongan(), Jabatan: p.Jabatan, JenisJabatan: org.JenisJabatanLabel(p.JenisJabatan),
		Unit: p.Unit, OPD: p.OPD, Aktif: p.Aktif,
	}
	if p.AtasanID != 0 {
		id.Atasan = &view.PersonLink{Nama: p.AtasanNama, NIP: org.FormatNIP(p.AtasanNIP), Jabatan: p.AtasanJabatan}
		if linkAtasan {
			id.Atasan.Href = profileHref(p.AtasanID)
		}
	}
	return id
}
