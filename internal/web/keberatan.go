package web

import (
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
	"kinerja/internal/periode"
	"kinerja/web/view"
)

// pihak is what the viewer is to the keberatan of an SKP's rating.
func pihak(r skpRoles, atasanPenilaiID int64) penilaian.Pihak {
	return penilaian.Pihak{Pegawai: r.Pegawai, Penilai: r.Penilai, AtasanPenilai: r.AtasanPenilai, AdminBKD: r.AdminBKD, AtasanPenilaiID: atasanPenilaiID}
}

func keberatanHref(skpID int64, checkin int) string {
	return skpHref(skpID) + "/keberatan?ke=" + strconv.Itoa(checkin)
}

// keberatan shows a published rating's keberatan and takes, by aksi: ajukan (the
// pegawai, within the window), komentar (pegawai, penilai, atasan penilai while it is
// open) and putuskan (the atasan penilai, or the Admin BKD when there is none). Who
// may do what is penilaian.Pihak's.
func (s *Server) keberatan(w http.ResponseWriter, r *http.Request) {
	allow := func(x skpRoles) bool { return pihak(x, 0).MayView() }
	rc, ok := s.loadReport(w, r, allow, "Keberatan belum dapat diajukan", "Keberatan diajukan atas penilaian yang sudah ditetapkan.")
	if !ok {
		return
	}
	who := pihak(rc.roles, rc.k.AtasanPenilaiID)
	checkin := s.ratingCheckin(r, rc)
	ctx := r.Context()
	if r.Method == http.MethodPost && !who.Party() && !who.Pemutus() {
		s.forbidden(w, r)
		return
	}
	got, err := rc.ps.PenilaianOf(ctx, rc.k.PegawaiID, checkin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !got.Ditetapkan() {
		s.errorPage(w, r, http.StatusConflict, "Keberatan belum dapat diajukan", "Keberatan diajukan setelah penilaian "+checkinLabel(rc.cs, checkin)+" ditetapkan.")
		return
	}
	kb, err := rc.ps.KeberatanOf(ctx, got.ID)
	ada := err == nil
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		s.fail(w, r, err)
		return
	}
	decides := ada && who.Decides(kb)
	if ada && r.Method == http.MethodGet && (who.Party() || who.Pemutus()) {
		// The Beranda tells each party what happened since they last looked.
		p, _ := principal(r)
		if err := s.store.TandaiKeberatanDibaca(ctx, kb.ID, p.AkunID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	status := http.StatusOK
	var fail *apperr.Error
	values := map[string]string{}
	if r.Method == http.MethodPost {
		p, _ := principal(r)
		aksi := r.PostFormValue("aksi")
		for _, f := range []string{"alasan", "teks", "keputusan", "putusan", "hasil_kerja", "perilaku", "atas_nama"} {
			values[f] = r.PostFormValue(f)
		}
		msg, back := "", false
		switch {
		case aksi == "ajukan" && who.MayFile():
			_, err = rc.ps.AjukanKeberatan(ctx, actorOf(r), rc.k.PegawaiID, rc.k.AtasanPenilaiID, checkin, values["alasan"], s.now(), s.loc)
			msg = "Keberatan diajukan kepada atasan pejabat penilai."
			if rc.k.AtasanPenilaiID == 0 {
				msg = "Keberatan diajukan. Admin BKD akan mencatat keputusan pejabat yang berwenang."
			}
		case aksi == "komentar" && ada && who.Party():
			err = rc.ps.KomentariKeberatan(ctx, actorOf(r), kb.ID, p.Nama, who.Peran(), values["teks"])
			msg = "Komentar dikirim."
		case aksi == "putuskan" && decides:
			version, _ := strconv.Atoi(r.PostFormValue("version"))
			var ubah bool
			if ubah, err = penilaian.ParsePilihan(values["putusan"]); err == nil {
				d := penilaian.Putusan{Ubah: ubah, HasilKerja: penilaian.Rating(values["hasil_kerja"]),
					Perilaku: penilaian.Rating(values["perilaku"]), Keputusan: values["keputusan"], AtasNama: values["atas_nama"], Version: version}
				kb.HasilKerja, kb.Perilaku = got.HasilKerja, got.Perilaku
				switch {
				case r.PostFormValue("kembali") != "":
					// Back from the confirmation to the form, with what was typed.
					back = true
				case r.PostFormValue("konfirmasi") != "ya":
					// The decision is final: show it for confirmation first.
					if d, err = penilaian.CheckPutusan(kb, d); err == nil {
						s.confirmPutusan(w, r, rc, checkin, got, d, values)
						return
					}
				default:
					err = rc.ps.PutuskanKeberatan(ctx, actorOf(r), kb.ID, d)
				}
			}
			msg = "Keberatan diputuskan."
		default:
			s.forbidden(w, r)
			return
		}
		var done bool
		if !back {
			if fail, status, done = s.outcome(w, r, err, msg, keberatanHref(rc.k.ID, checkin)); done {
				return
			}
		}
	}
	per, err := rc.ps.Info(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	open := periode.Allows(per.Fase, periode.Keberatan, checkin)
	v := view.KeberatanPage{SKPID: rc.k.ID, Checkin: checkin, Label: checkinLabel(rc.cs, checkin), Pegawai: rc.k.Pegawai.Nama,
		HasilKerja: got.HasilKerja.Label(), Perilaku: got.Perilaku.Label(), Predikat: string(got.Predikat), Ditetapkan: view.Waktu(got.DitetapkanAt.In(s.loc)),
		Batas: view.Tanggal(penilaian.BatasKeberatan(*got.DitetapkanAt, per.Settings.KeberatanHari, s.loc)), Ada: ada, Levels: ratingLabels,
		CSRF: csrfToken(r), Errors: map[string]string{}, Values: values}
	if r.Method != http.MethodPost {
		// A change starts from the rating as it stands.
		values["hasil_kerja"], values["perilaku"] = string(got.HasilKerja), string(got.Perilaku)
	}
	v.CanAjukan = who.MayFile() && !ada && open
	v.TanpaAtasan = rc.k.AtasanPenilaiID == 0
	if ada {
		v.Alasan, v.Status, v.Keputusan, v.Version, v.AtasNama = kb.Alasan, kb.Status.Label(), kb.Keputusan, kb.Version, kb.AtasNama
		v.Diajukan = view.Waktu(kb.DiajukanAt.In(s.loc))
		if kb.DiputuskanAt != nil {
			v.Diputuskan = view.Waktu(kb.DiputuskanAt.In(s.loc))
		}
		for _, c := range kb.Komentar {
			v.Komentar = append(v.Komentar, view.FeedbackView{Oleh: c.Oleh, Peran: penilaian.PeranLabel(c.Peran), Waktu: view.Waktu(c.At.In(s.loc)), Teks: c.Teks})
		}
		terbuka := kb.Open() && open
		v.CanKomen = terbuka && who.Party()
		v.CanPutus = terbuka && decides
		v.AtasNamaWajib = kb.PemutusID == 0
	}
	if fail != nil {
		v.Message = fail.Message
		if fail.Fields != nil {
			v.Errors = fail.Fields
		}
	}
	crumbs, active := s.skpCrumbs(rc.roles, rc.k, "Keberatan")
	s.render(w, r, status, page{title: "Keberatan", active: active, crumbs: crumbs, body: view.KeberatanView(v)})
}

// daftarKeberatan lists the signed-in person's keberatan and those they decide.
func (s *Server) daftarKeberatan(w http.ResponseWriter, r *http.Request) {
	p, _ := principal(r)
	per, cs, _, choice, ok := s.activeRating(w, r, "Keberatan", "/keberatan")
	if !ok {
		return
	}
	list, err := s.store.Period(per.ID).DaftarKeberatan(r.Context(), p.PegawaiID, p.PegawaiID, p.Roles.AdminBKD)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := view.KeberatanList{Tahun: per.Settings.Tahun, Periode: choice}
	for _, k := range list {
		peran := "Untuk Anda putuskan"
		switch {
		case strings.EqualFold(k.NIP, p.NIP):
			peran = "Keberatan Anda"
		case k.AtasPenilai:
			peran = "Atas penilaian yang Anda tetapkan"
		}
		v.Rows = append(v.Rows, view.KeberatanRowView{Nama: k.Nama, NIP: k.NIP, Periode: checkinLabel(cs, k.Checkin), Status: penilaian.StatusKeberatan(k.Status).Label(),
			Diajukan: view.Waktu(k.DiajukanAt.In(s.loc)), Predikat: k.Predikat, Href: keberatanHref(k.SKPID, k.Checkin), Peran: peran})
	}
	s.render(w, r, http.StatusOK, page{title: "Keberatan", active: "/keberatan", body: view.KeberatanListView(v)})
}

// confirmPutusan shows a valid decision for confirmation: what it changes, and that
// it is final. Confirming posts the same values with konfirmasi=ya; "Ubah isian"
// goes back to the form with them.
func (s *Server) confirmPutusan(w http.ResponseWriter, r *http.Request, rc reportCtx, checkin int, got penilaian.Penilaian, d penilaian.Putusan, values map[string]string) {
	label := checkinLabel(rc.cs, checkin)
	v := view.ConfirmView{Title: "Periksa keputusan keberatan", Action: keberatanHref(rc.k.ID, checkin), Button: "Ya, catat keputusan",
		BackButton: "Ubah isian", CancelHref: keberatanHref(rc.k.ID, checkin), Hidden: map[string]string{"aksi": "putuskan", "konfirmasi": "ya",
			"version": r.PostFormValue("version"), "putusan": values["putusan"], "hasil_kerja": string(d.HasilKerja), "perilaku": string(d.Perilaku),
			"keputusan": d.Keputusan, "atas_nama": d.AtasNama}}
	v.Question = "Catat keputusan atas keberatan " + rc.k.Pegawai.Nama + " terhadap penilaian " + label + "? Keputusan bersifat final dan tidak dapat diubah."
	lama, _ := penilaian.PredikatOf(got.HasilKerja, got.Perilaku)
	if d.Ubah {
		baru, _ := penilaian.PredikatOf(d.HasilKerja, d.Perilaku)
		v.Details = append(v.Details, "Keputusan: ubah nilai.")
		for _, c := range []struct {
			nama       string
			lama, baru string
		}{{"Hasil Kerja", got.HasilKerja.Label(), d.HasilKerja.Label()}, {"Perilaku Kerja", got.Perilaku.Label(), d.Perilaku.Label()}, {"Predikat", string(lama), string(baru)}} {
			if c.lama == c.baru {
				v.Details = append(v.Details, c.nama+": tetap "+c.lama+".")
			} else {
				v.Details = append(v.Details, c.nama+": "+c.lama+" menjadi "+c.baru+".")
			}
		}
	} else {
		v.Details = append(v.Details, "Keputusan: tolak keberatan; nilai tetap (Hasil Kerja "+got.HasilKerja.Label()+", Perilaku Kerja "+got.Perilaku.Label()+", predikat "+string(lama)+").")
	}
	v.Details = append(v.Details, "Alasan keputusan: "+d.Keputusan)
	if d.AtasNama != "" {
		v.Details = append(v.Details, "Diputuskan oleh: "+d.AtasNama+" (dicatat oleh Admin BKD).")
	}
	crumbs, active := s.skpCrumbs(rc.roles, rc.k, "Keberatan")
	s.render(w, r, http.StatusOK, page{title: v.Title, active: active, crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
}
