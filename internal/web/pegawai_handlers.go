package web

import (
	"net/http"
	"strconv"
	"unicode/utf8"

	"kinerja/internal/org"
	"kinerja/internal/periode"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// pegawaiFilter reads the list filters from the query, ignoring unknown values.
func pegawaiFilter(r *http.Request) store.PegawaiFilter {
	q := r.URL.Query()
	f := store.PegawaiFilter{Q: q.Get("q")}
	f.OPDID, _ = strconv.ParseInt(q.Get("opd"), 10, 64)
	f.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	if _, ok := org.ParseJenisJabatan(q.Get("jenis")); ok {
		f.JenisJabatan, _ = org.ParseJenisJabatan(q.Get("jenis"))
	}
	if j := q.Get("asn"); j == "PNS" || j == "PPPK" {
		f.JenisASN = j
	}
	if st := q.Get("status"); st == "nonaktif" || st == "semua" {
		f.Status = st
	}
	return f
}

func (s *Server) pegawaiSearch(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	f := pegawaiFilter(r)
	v := view.PegawaiSearch{Q: f.Q, Errors: map[string]string{}, Export: exportQuery(r)}
	opds, err := s.store.ListOPD(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	known := false
	for _, o := range opds {
		sel := o.ID == f.OPDID
		known = known || sel
		v.OPD = append(v.OPD, view.Option{Value: strconv.FormatInt(o.ID, 10), Label: o.Nama, Selected: sel})
	}
	if !known {
		f.OPDID = 0
	}
	for _, code := range []string{org.JPTPratama, org.Administrator, org.Pengawas, org.Pelaksana, org.Fungsional} {
		v.Jenis = append(v.Jenis, view.Option{Value: code, Label: org.JenisJabatanLabel(code), Selected: code == f.JenisJabatan})
	}
	for _, j := range []string{"PNS", "PPPK"} {
		v.ASN = append(v.ASN, view.Option{Value: j, Label: j, Selected: j == f.JenisASN})
	}
	for _, st := range [][2]string{{"aktif", "Aktif"}, {"nonaktif", "Tidak aktif"}, {"semua", "Semua"}} {
		v.Status = append(v.Status, view.Option{Value: st[0], Label: st[1], Selected: st[0] == f.Status || (f.Status == "" && st[0] == "aktif")})
	}
	status := http.StatusOK
	if utf8.RuneCountInString(f.Q) > 100 || !utf8.ValidString(f.Q) {
		v.Errors["q"] = "Kata kunci terlalu panjang (paling banyak 100 karakter)."
		status = http.StatusUnprocessableEntity
	} else {
		pg := pageNumber(r)
		f.Offset, f.Limit = (pg-1)*perPage, perPage
		list, total, err := s.store.SearchPegawai(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Rows = rows(p, list, false)
		v.Pager = view.Pager{Page: pg, PerPage: perPage, Total: total, BaseURL: r.URL.RequestURI()}
	}
	s.render(w, r, status, page{title: "Pegawai", active: "/pegawai",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pegawai"}}, body: view.PegawaiSearchPage(v)})
}

// exportQuery is the current filter as a query string for the export links.
func exportQuery(r *http.Request) string {
	q := r.URL.Query()
	q.Del("page")
	return q.Encode()
}

func (s *Server) pegawaiProfile(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	id, target, ok := loadByID(s, w, r, s.store.GetPegawai)
	if !ok {
		return
	}
	allowed, err := s.canView(r, p, target)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !allowed {
		s.forbidden(w, r)
		return
	}
	chain, err := s.store.AtasanChain(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	bawahan, nBawahan, err := s.store.SearchPegawai(r.Context(), store.PegawaiFilter{AtasanID: id, Limit: 200})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The viewer stands above everyone in the chain below their own position.
	viewerAt := -1
	for i, c := range chain {
		if c.ID == p.PegawaiID {
			viewerAt = i
		}
	}
	ident := identity(target, viewerAt >= 0 || byRole(p, target.Atasan()))
	v := view.Profile{Identity: ident}
	v.Chain = append(v.Chain, view.PersonLink{Nama: target.NamaLengkap(), NIP: ident.NIP, Jabatan: target.Jabatan, Href: profileHref(target.ID)})
	for i, c := range chain {
		l := view.PersonLink{Nama: c.NamaLengkap(), Jabatan: c.Jabatan}
		if i <= viewerAt || byRole(p, c) {
			l.Href = profileHref(c.ID)
		}
		v.Chain = append(v.Chain, l)
	}
	v.ID = id
	v.CanEdit = p.Roles.AdminBKD
	if v.CanEdit {
		v.AuditHref = auditHistoryHref("pegawai", strconv.FormatInt(id, 10))
	}
	riwayat, err := s.store.ListRiwayat(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, e := range riwayat {
		jenis := map[string]string{"awal": "Awal", "perubahan": "Perubahan", "nonaktif": "Nonaktif", "aktif": "Aktif kembali", "impor": "Impor"}[e.Jenis]
		v.Riwayat = append(v.Riwayat, view.RiwayatRow{TMT: view.Tanggal(e.TMT), Jenis: jenis, Jabatan: e.Jabatan, Unit: e.Unit + ", " + e.OPD,
			Atasan: e.Atasan, Golongan: e.Golongan, Keterangan: e.Keterangan})
	}
	if v.CanEdit {
		entries, err := s.store.ListAudit(r.Context(), store.AuditFilter{Entity: "pegawai", EntityID: strconv.FormatInt(id, 10), Limit: 100})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Audit = s.auditRows(entries)
		if v.Akun, err = s.akunPanel(r, id); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	v.Bawahan = rows(p, bawahan, true)
	v.JumlahBawahan = nBawahan
	ikut, err := s.store.RiwayatKinerja(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ikutAktif := map[int64]bool{}
	for _, x := range ikut {
		v.Periode = append(v.Periode, view.PeriodeIkut{Tahun: x.Tahun, Fase: periode.Fase(x.Fase).Label(), Jabatan: x.Jabatan + ", " + x.Unit, Penilai: x.Penilai, Aktif: x.Aktif})
		ikutAktif[x.PeriodeID] = x.Aktif
	}
	v.KinerjaHref = kinerjaHref(id)
	if p.Roles.AdminBKD && target.Aktif {
		open, err := s.store.StartedPeriods(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, x := range open {
			if !ikutAktif[x.ID] && periode.Allows(x.Fase, periode.ChangePeserta, periode.Year) {
				v.Gabung = append(v.Gabung, view.PeriodeGabung{PeriodeID: x.ID, Tahun: x.Settings.Tahun, Fase: x.Fase.Label()})
			}
		}
		v.CSRF = csrfToken(r)
	}
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}}
	active := ""
	if p.Roles.AdminBKD {
		crumbs = append(crumbs, view.Crumb{Label: "Pegawai", Href: "/pegawai"})
		active = "/pegawai"
	}
	crumbs = append(crumbs, view.Crumb{Label: target.NamaLengkap()})
	s.render(w, r, http.StatusOK, page{title: target.NamaLengkap(), active: active, crumbs: crumbs, body: view.ProfilePage(v)})
}

func (s *Server) bawahan(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	pg := pageNumber(r)
	list, total, err := s.store.SearchPegawai(r.Context(), store.PegawaiFilter{AtasanID: p.PegawaiID, Offset: (pg - 1) * perPage, Limit: perPage})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.BawahanList{Rows: rows(p, list, true), Pager: view.Pager{Page: pg, PerPage: perPage, Total: total, BaseURL: r.URL.RequestURI()}}
	s.render(w, r, http.StatusOK, page{title: "Bawahan Langsung", active: "/bawahan",
		crumbs: []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Bawahan Langsung"}}, body: view.BawahanPage(v)})
}
