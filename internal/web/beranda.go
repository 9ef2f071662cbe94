package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/org"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/internal/skp"
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
	started, err := s.store.StartedPeriods(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Roles.AdminBKD {
		if err := s.periksaCard(r, &b, started); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if err := s.tasks(r, &b, started); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.keberatanKabar(r, &b, started); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, page{title: "Beranda", active: "/", body: view.BerandaPage(b)})
}

// identity builds the identity block of p; linkAtasan says the viewer may open the
// atasan's profile.
func identity(p org.Pegawai, linkAtasan bool) view.Identity {
	id := view.Identity{
		ID: p.ID, Nama: p.NamaLengkap(), NIP: p.NIP, JenisASN: string(p.JenisASN),
		Pangkat: p.PangkatGolongan(), Jabatan: p.Jabatan, JenisJabatan: org.JenisJabatanLabel(p.JenisJabatan),
		Unit: p.Unit, OPD: p.OPD, Aktif: p.Aktif,
	}
	if p.AtasanID != 0 {
		id.Atasan = &view.PersonLink{Nama: p.AtasanNama, NIP: p.AtasanNIP, Jabatan: p.AtasanJabatan}
		if linkAtasan {
			id.Atasan.Href = profileHref(p.AtasanID)
		}
	}
	return id
}

// tasks lists what the signed-in person owes in the active period, with deadlines.
func (s *Server) tasks(r *http.Request, b *view.Beranda, started []periode.Periode) error {
	p, _ := principal(r)
	if len(started) == 0 {
		return nil
	}
	per := started[0] // the active period
	st, err := s.store.Period(per.ID).SKPTasks(r.Context(), p.PegawaiID)
	if err != nil {
		return err
	}
	own, ownID, participant, waiting := st.Own, st.OwnID, st.Participant, st.Waiting
	deadline, late := "", false
	if t := per.Settings.TenggatPerencanaan; !t.IsZero() {
		deadline, late = view.Tanggal(t), s.today().After(t)
	}
	tahun := strconv.Itoa(per.Settings.Tahun)
	if participant && periode.Allows(per.Fase, periode.EditSKP, periode.Year) {
		switch skp.Status(own) {
		case "":
			b.Tugas = append(b.Tugas, view.Tugas{Teks: "SKP " + tahun + " belum dibuat.", Href: "/skp", Link: "Buat SKP", Tenggat: deadline, Terlambat: late})
		case skp.Draft:
			b.Tugas = append(b.Tugas, view.Tugas{Teks: "SKP " + tahun + " masih draf.", Href: skpHref(ownID), Link: "Lengkapi dan ajukan", Tenggat: deadline, Terlambat: late})
		case skp.Dikembalikan:
			b.Tugas = append(b.Tugas, view.Tugas{Teks: "SKP " + tahun + " dikembalikan penilai.", Href: skpHref(ownID), Link: "Perbaiki dan ajukan lagi", Tenggat: deadline, Terlambat: late})
		}
	} else if participant && periode.Allows(per.Fase, periode.Rate, periode.Year) && skp.Status(own) != skp.Disetujui {
		// Plans can no longer be made, and without an approved one there is no rating.
		b.Tugas = append(b.Tugas, view.Tugas{Teks: "Anda belum memiliki SKP " + tahun + " yang disetujui, sehingga belum dapat dinilai. Hubungi penilai Anda atau Admin BKD.",
			Href: "/skp", Link: "Lihat SKP"})
	}
	if periode.Allows(per.Fase, periode.EditSKP, periode.Year) {
		// Subordinates cascade from this person's RHK: without one they cannot link.
		if !st.AdaRHK && st.BelumAjukan > 0 {
			b.Tugas = append(b.Tugas, view.Tugas{Teks: view.Angka(st.BelumAjukan) + " bawahan menunggu RHK Anda untuk menyusun SKP mereka.", Href: "/skp",
				Link: "Tulis RHK", Tenggat: deadline, Terlambat: late})
		}
		if st.BelumMulai > 0 {
			b.Tugas = append(b.Tugas, view.Tugas{Teks: view.Angka(st.BelumMulai) + " bawahan belum membuat SKP " + tahun + ".", Href: "/skp/bawahan",
				Link: "Lihat SKP bawahan", Tenggat: deadline, Terlambat: late})
		}
	}
	if periode.Allows(per.Fase, periode.RecordRealisasi, periode.Year) {
		if err := s.yearTasks(r, b, per, skp.Status(own), ownID); err != nil {
			return err
		}
	}
	if waiting > 0 {
		b.Tugas = append(b.Tugas, view.Tugas{Teks: view.Angka(waiting) + " SKP bawahan menunggu persetujuan Anda.", Href: "/skp/bawahan", Link: "Tinjau", Tenggat: deadline, Terlambat: late})
	}
	return s.earlierYearTasks(r, b, started)
}

// earlierYearTasks reminds a penilai of an earlier period whose annual rating is
// still open (its Penilaian phase) once the next one has opened (the 2026 ratings in January 2027): the annual
// ratings still to give or to publish there.
func (s *Server) earlierYearTasks(r *http.Request, b *view.Beranda, started []periode.Periode) error {
	p, _ := principal(r)
	if !p.Roles.Penilai {
		return nil
	}
	for _, per := range started[1:] { // newest first: the active one is started[0]
		if !periode.Allows(per.Fase, periode.Rate, periode.Year) {
			continue
		}
		unit, err := s.store.Period(per.ID).UnitPenilaian(r.Context(), p.PegawaiID, periode.Year)
		if err != nil {
			return err
		}
		belum, draf := countVerdicts(unit)
		tahun := strconv.Itoa(per.Settings.Tahun)
		href := "/penilaian?tahun=" + tahun + "&ke=0"
		dl, lt := "", false
		if t := per.Settings.TenggatPenilaian; !t.IsZero() {
			dl, lt = view.Tanggal(t), s.today().After(t)
		}
		if belum > 0 {
			b.Tugas = append(b.Tugas, view.Tugas{Teks: view.Angka(belum) + " bawahan belum dinilai (penilaian tahunan " + tahun + ").", Href: href, Link: "Beri penilaian", Tenggat: dl, Terlambat: lt})
		} else if draf > 0 {
			b.Tugas = append(b.Tugas, view.Tugas{Teks: view.Angka(draf) + " penilaian tahunan " + tahun + " menunggu ditetapkan.", Href: href, Link: "Tetapkan", Tenggat: dl, Terlambat: lt})
		}
	}
	return nil
}

// yearTasks adds what is owed through the year: the current check-in's realisasi,
// peer-feedback requests, and reviewer proposals waiting for the penilai.
func (s *Server) yearTasks(r *http.Request, b *view.Beranda, per periode.Periode, own skp.Status, ownID int64) error {
	p, _ := principal(r)
	ps := s.store.Period(per.ID)
	today := s.today()
	cs := periode.Checkins(per.Settings)
	c := cs[periode.CheckinAsked(r.URL.Query().Get("ke"), cs, today)-1]
	if own == skp.Disetujui {
		filled, err := ps.RealisasiTerisi(r.Context(), ownID, c.No)
		if err != nil {
			return err
		}
		if !filled {
			b.Tugas = append(b.Tugas, view.Tugas{Teks: "Realisasi " + c.Label + " belum diisi.", Href: fmt.Sprintf("%s/realisasi?ke=%d", skpHref(ownID), c.No),
				Link: "Isi realisasi", Tenggat: view.Tanggal(c.Selesai), Terlambat: today.After(c.Selesai)})
		}
	}
	if own == skp.Disetujui && periode.Allows(per.Fase, periode.SelfAssess, periode.Year) {
		diri, err := ps.PenilaianDiriOf(r.Context(), ownID, periode.Year)
		if err != nil {
			return err
		}
		if len(diri) == 0 {
			dl, lt := "", false
			if t := per.Settings.TenggatPenilaian; !t.IsZero() {
				dl, lt = view.Tanggal(t), today.After(t)
			}
			b.Tugas = append(b.Tugas, view.Tugas{Teks: "Penilaian diri tahunan belum diisi.", Href: skpHref(ownID) + "/penilaian-diri?ke=0",
				Link: "Isi penilaian diri", Tenggat: dl, Terlambat: lt})
		}
	}
	if n, err := ps.TanpaUmpanBalik(r.Context(), p.PegawaiID, c.No); err != nil {
		return err
	} else if n > 0 {
		b.Tugas = append(b.Tugas, view.Tugas{Teks: view.Angka(n) + " bawahan belum diberi umpan balik " + c.Label + ".", Href: "/skp/bawahan",
			Link: "Beri umpan balik", Tenggat: view.Tanggal(c.Selesai), Terlambat: today.After(c.Selesai)})
	}
	dl, lt := "", false
	if t := per.Settings.TenggatPenilaian; !t.IsZero() {
		dl, lt = view.Tanggal(t), today.After(t)
	}
	reqs, err := ps.TugasRekan(r.Context(), p.PegawaiID)
	if err != nil {
		return err
	}
	for _, q := range reqs {
		b.Tugas = append(b.Tugas, view.Tugas{Teks: view.Kalimat("Umpan balik rekan kerja untuk " + q.Nama), Href: "/rekan/" + strconv.FormatInt(q.ID, 10),
			Link: "Beri umpan balik", Tenggat: dl, Terlambat: lt})
	}
	if own == skp.Disetujui {
		h, ok, err := ps.HasilTerbaruOf(r.Context(), p.PegawaiID)
		if err != nil {
			return err
		}
		if batas := penilaian.BatasKeberatan(h.DitetapkanAt, per.Settings.KeberatanHari, s.loc); ok && !h.Keberatan && !s.now().After(batas) {
			b.Tugas = append(b.Tugas, view.Tugas{Teks: "Penilaian " + checkinLabel(cs, h.Checkin) + " Anda sudah ditetapkan: " + h.Predikat +
				". Bila tidak sependapat, ajukan keberatan sebelum tenggat.", Href: ratingHref(h.SKPID, h.Checkin), Link: "Lihat penilaian", Tenggat: view.Tanggal(batas)})
		}
	}
	if err := s.verdictTasks(r, b, ps, per, cs, c); err != nil {
		return err
	}
	if err := keberatanTask(r, b, ps); err != nil {
		return err
	}
	props, err := ps.UsulanMenunggu(r.Context(), p.PegawaiID)
	if err != nil {
		return err
	}
	for _, q := range props {
		b.Tugas = append(b.Tugas, view.Tugas{Teks: q.Nama + " mengusulkan " + q.Alasan + " peninjau rekan kerja.", Href: skpHref(q.ID) + "/rekan",
			Link: "Tinjau usulan", Tenggat: dl, Terlambat: lt})
	}
	return nil
}

// verdictTasks lists what the penilai owes on ratings at the current rating check-in
// (the year in the penilaian phase).
func (s *Server) verdictTasks(r *http.Request, b *view.Beranda, ps *store.PeriodStore, per periode.Periode, cs []periode.Checkin, c periode.Checkin) error {
	p, _ := principal(r)
	if !p.Roles.Penilai {
		return nil
	}
	today := s.today()
	checkin, label, due := c.No, c.Label, c.Selesai
	if periode.DefaultsToYear(per.Fase) {
		checkin, label, due = periode.Year, "tahunan", per.Settings.TenggatPenilaian
	}
	dl, late := "", false
	if !due.IsZero() {
		dl, late = view.Tanggal(due), today.After(due)
	}
	unit, err := ps.UnitPenilaian(r.Context(), p.PegawaiID, checkin)
	if err != nil {
		return err
	}
	belum, draf := countVerdicts(unit)
	href := "/penilaian?ke=" + strconv.Itoa(checkin)
	if belum > 0 {
		b.Tugas = append(b.Tugas, view.Tugas{Teks: view.Angka(belum) + " bawahan belum dinilai (penilaian " + label + ").", Href: href, Link: "Beri penilaian", Tenggat: dl, Terlambat: late})
	} else if draf > 0 {
		b.Tugas = append(b.Tugas, view.Tugas{Teks: view.Angka(draf) + " penilaian " + label + " menunggu ditetapkan.", Href: href, Link: "Tetapkan", Tenggat: dl, Terlambat: late})
	}
	return nil
}

// keberatanKabar tells each party of a keberatan what happened since they last opened
// it: filed against the penilai's rating, decided, new comments.
func (s *Server) keberatanKabar(r *http.Request, b *view.Beranda, periods []periode.Periode) error {
	p, _ := principal(r)
	list, err := s.store.KabarKeberatan(r.Context(), p.PegawaiID, p.AkunID)
	if err != nil || len(list) == 0 {
		return err
	}
	label := map[int64]func(int) string{}
	for _, x := range periods {
		cs, tahun := periode.Checkins(x.Settings), strconv.Itoa(x.Settings.Tahun)
		label[x.ID] = func(n int) string { return checkinLabel(cs, n) + " " + tahun }
	}
	for _, k := range list {
		lbl, ok := label[k.PeriodeID]
		if !ok || k.Checkin > 12 {
			continue
		}
		href, l := keberatanHref(k.SKPID, k.Checkin), lbl(k.Checkin)
		putusan := strings.TrimPrefix(penilaian.StatusKeberatan(k.Status).Label(), "Keberatan ")
		switch {
		case k.Peran == "pegawai" && k.Diputuskan:
			b.Kabar = append(b.Kabar, view.Tugas{Teks: "Keberatan Anda atas penilaian " + l + " sudah diputuskan: " + putusan + ".", Href: href, Link: "Lihat keputusan"})
		case k.Peran == "penilai" && k.Diputuskan:
			b.Kabar = append(b.Kabar, view.Tugas{Teks: "Keberatan " + k.Nama + " atas penilaian " + l + " yang Anda tetapkan sudah diputuskan: " + putusan + ".", Href: href, Link: "Lihat keputusan"})
		case k.Peran == "penilai" && k.Baru:
			b.Kabar = append(b.Kabar, view.Tugas{Teks: k.Nama + " mengajukan keberatan atas penilaian " + l + " yang Anda tetapkan.", Href: href, Link: "Lihat keberatan"})
		case k.Komentar > 0 && k.Peran == "pegawai":
			b.Kabar = append(b.Kabar, view.Tugas{Teks: view.Angka(k.Komentar) + " komentar baru pada keberatan Anda atas penilaian " + l + ".", Href: href, Link: "Baca komentar"})
		case k.Komentar > 0:
			b.Kabar = append(b.Kabar, view.Tugas{Teks: view.Angka(k.Komentar) + " komentar baru pada keberatan " + k.Nama + " atas penilaian " + l + ".", Href: href, Link: "Baca komentar"})
		}
	}
	return nil
}

// keberatanTask lists the open keberatan the atasan penilai has to decide, and for the
// Admin BKD those without an atasan penilai, whose decision the admin records.
func keberatanTask(r *http.Request, b *view.Beranda, ps *store.PeriodStore) error {
	p, _ := principal(r)
	if !p.Roles.Penilai && !p.Roles.AdminBKD {
		return nil
	}
	n, err := ps.KeberatanTerbuka(r.Context(), p.PegawaiID, p.Roles.AdminBKD)
	if err != nil {
		return err
	}
	if n > 0 {
		b.Tugas = append(b.Tugas, view.Tugas{Teks: view.Angka(n) + " keberatan menunggu keputusan Anda.", Href: "/keberatan", Link: "Putuskan"})
	}
	return nil
}

// countVerdicts counts the subordinates still to rate and the ratings complete but
// not yet published.
func countVerdicts(unit []store.UnitRow) (belum, draf int) {
	for _, u := range unit {
		switch {
		case u.TanpaPenilaianLengkap:
			belum++
		case u.Predikat != "" && !u.Ditetapkan:
			draf++
		}
	}
	return belum, draf
}

// periksaCard counts Periksa data's findings for the Admin BKD's Beranda.
func (s *Server) periksaCard(r *http.Request, b *view.Beranda, started []periode.Periode) error {
	q := store.PeriksaQuery{MaxBawahan: s.maxBawahan}
	if len(started) > 0 {
		q.PeriodeID = started[0].ID
	}
	found, err := s.store.PeriksaData(r.Context(), q)
	if err != nil {
		return err
	}
	n := map[org.Temuan]int{}
	for _, t := range found {
		n[t.Jenis]++
	}
	var parts []string
	for _, k := range org.TemuanList {
		if n[k] > 0 {
			parts = append(parts, k.Label()+": "+view.Angka(n[k]))
		}
	}
	text := "tidak ada kesalahan data organisasi"
	if len(parts) > 0 {
		text = "temuan data organisasi (" + strings.Join(parts, "; ") + ")"
	}
	b.Cards = append(b.Cards, view.Card{Title: "Periksa Data", Figure: view.Angka(len(found)), Text: text, Href: "/periksa", Link: "Periksa dan perbaiki"})
	return nil
}
