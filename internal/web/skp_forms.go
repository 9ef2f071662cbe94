package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kinerja/internal/apperr"
	"kinerja/internal/skp"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// The SKP's sub-forms: RHK, IKI, lampiran and the penilai's ekspektasi khusus, and
// removing an RHK or an IKI after a confirmation.

// skpForm shows (GET) and saves (POST) one of the SKP's sub-forms; save returns the
// success message or a refusal.
func (s *Server) skpForm(want func(skpRoles) bool, build func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (view.FormView, error),
	save func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ps, k, roles, ok := s.loadSKP(w, r, want)
		if !ok {
			return
		}
		v, err := build(r, ps, k)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.CancelHref = skpHref(k.ID)
		if v.Hidden == nil {
			v.Hidden = map[string]string{}
		}
		if r.Method == http.MethodGet {
			v.Hidden["version"] = strconv.Itoa(k.Version)
		} else {
			v.Hidden["version"] = r.PostFormValue("version")
		}
		crumbs, active := s.skpCrumbs(roles, k, v.Title)
		pg := page{title: v.Title, active: active, crumbs: crumbs, body: view.FormPage(v, csrfToken(r))}
		if r.Method == http.MethodPost && v.AddRow != "" && r.PostFormValue("aksi") == v.RowAksi() {
			// One more row, or the picked phrases in their boxes: nothing saved yet.
			s.render(w, r, http.StatusOK, pg)
			return
		}
		if r.Method == http.MethodPost {
			msg, err := save(r, ps, k)
			s.formOutcome(w, r, err, msg, skpHref(k.ID), v, pg)
			return
		}
		s.render(w, r, http.StatusOK, pg)
	}
}

// rhkForm adds or changes an RHK.
func (s *Server) rhkForm() http.HandlerFunc {
	build := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (view.FormView, error) {
		v := view.FormView{Title: "Tambah RHK", Action: skpHref(k.ID) + "/rhk/baru", Submit: "Simpan"}
		in := skp.RHKInput{Jenis: "utama"}
		id := urlID(r, "rhk")
		if id != 0 {
			x := k.FindRHK(id)
			if x == nil {
				return v, apperr.New(apperr.NotFound, "RHK tidak ditemukan.")
			}
			v.Title, v.Action = "Ubah RHK", fmt.Sprintf("%s/rhk/%d/ubah", skpHref(k.ID), id)
			if p := skp.NamaPendukung(x.Pendukung); len(p) > 0 {
				v.Notice = "RHK ini didukung RHK bawahan: " + strings.Join(p, "; ") + ". Uraian yang diubah langsung terbaca di SKP mereka."
			}
			in = skp.RHKInput{Jenis: x.Jenis, Uraian: x.Uraian, AtasanKunci: strconv.FormatInt(x.AtasanKunci, 10), Penugasan: x.Penugasan, Perspektif: x.Perspektif}
		}
		if r.Method == http.MethodPost {
			in = skp.RHKInput{Jenis: r.PostFormValue("jenis"), Uraian: r.PostFormValue("uraian"), AtasanKunci: r.PostFormValue("atasan"),
				Penugasan: r.PostFormValue("penugasan"), Perspektif: r.PostFormValue("perspektif")}
		}
		v.Fields = []view.FormField{
			{ID: "jenis", Label: "Jenis RHK", Type: "select", Options: []view.Option{{Value: "utama", Label: "Utama", Selected: in.Jenis == "utama"}, {Value: "tambahan", Label: "Tambahan", Selected: in.Jenis == "tambahan"}}},
			{ID: "uraian", Label: "Rencana hasil kerja", Type: "textarea", Value: in.Uraian, Hint: "Hasil yang ingin dicapai, mis. Tersusunnya dokumen kurikulum muatan lokal", Max: skp.MaxUraian},
		}
		if k.JPT {
			var opts []view.Option
			for _, p := range skp.Perspektif {
				opts = append(opts, view.Option{Value: p.Kode, Label: p.Label, Selected: p.Kode == in.Perspektif})
			}
			v.Fields = append(v.Fields, view.FormField{ID: "perspektif", Label: "Perspektif", Type: "select", Options: opts, Placeholder: "Pilih perspektif"})
		}
		if k.KepalaOPD {
			v.Fields = append(v.Fields, view.FormField{ID: "penugasan", Label: "Penugasan dari", Value: in.Penugasan, Hint: "mis. RPJMD, arahan Kepala Daerah", Max: skp.MaxPenugasan})
		} else {
			list, err := ps.PenilaiRHK(r.Context(), k.PenilaiID)
			if err != nil {
				return v, err
			}
			var opts []view.Option
			for i, a := range list {
				key := strconv.FormatInt(a.Kunci, 10)
				label := fmt.Sprintf("%d. %s", i+1, a.Uraian)
				if a.AtasanDraf {
					label += " (draf, belum disetujui)"
				}
				opts = append(opts, view.Option{Value: key, Label: label, Selected: key == in.AtasanKunci})
			}
			hint := "RHK pejabat penilai yang didukung (diintervensi)."
			if len(list) > 0 && list[0].AtasanDraf {
				hint += " SKP pejabat penilai belum disetujui: kaitan ditandai draf sampai disetujui."
			}
			if len(list) == 0 {
				hint = "Pejabat penilai belum menulis RHK; Anda dapat memilihnya nanti."
			}
			v.Fields = append(v.Fields, view.FormField{ID: "atasan", Label: "RHK atasan yang diintervensi", Type: "select", Options: opts, Placeholder: "Pilih RHK atasan", Hint: hint})
		}
		if id == 0 {
			// A new RHK takes its indicators in the same form.
			rows := ikiRows(r)
			n := len(rows)
			if r.PostFormValue("aksi") == "tambah-baris" && n < skp.MaxIKIBaris {
				n++
			}
			v.Hidden = map[string]string{"baris": strconv.Itoa(n)}
			for i := 1; i <= n; i++ {
				var in skp.IKIInput
				if i <= len(rows) {
					in = rows[i-1]
				}
				hint := ""
				if i == 1 {
					hint = "Baris yang dikosongkan tidak disimpan; indikator dapat ditambah nanti."
				}
				v.Fields = append(v.Fields, view.FormField{Type: "heading", Label: fmt.Sprintf("Indikator %d", i), Hint: hint})
				v.Fields = append(v.Fields, ikiFields(in, k.JPT, func(f string) string { return skp.FieldIKIBaris(i, f) })...)
			}
			if n < skp.MaxIKIBaris {
				v.AddRow = "Tambah baris indikator"
			}
		}
		return v, nil
	}
	save := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, error) {
		known := map[int64]bool{}
		if !k.KepalaOPD {
			list, err := ps.PenilaiRHK(r.Context(), k.PenilaiID)
			if err != nil {
				return "", err
			}
			for _, a := range list {
				known[a.Kunci] = true
			}
		}
		in := skp.RHKInput{Jenis: r.PostFormValue("jenis"), Uraian: r.PostFormValue("uraian"), AtasanKunci: r.PostFormValue("atasan"),
			Penugasan: r.PostFormValue("penugasan"), Perspektif: r.PostFormValue("perspektif")}
		x, errs := skp.CheckRHK(in, k.JPT, k.KepalaOPD, func(key int64) bool { return known[key] })
		if urlID(r, "rhk") == 0 {
			// Report the indicators' errors together with the RHK's.
			_, ikiErrs := skp.CheckIKIBaris(ikiRows(r), k.JPT)
			for f, m := range ikiErrs {
				errs[f] = m
			}
		}
		if len(errs) > 0 {
			return "", apperr.Validation(errs)
		}
		id := urlID(r, "rhk")
		if id == 0 {
			ikis, errs := skp.CheckIKIBaris(ikiRows(r), k.JPT)
			if len(errs) > 0 {
				return "", apperr.Validation(errs)
			}
			_, err := ps.AddRHKWithIKI(r.Context(), actorOf(r), k.ID, formVersion(r), x, ikis)
			return fmt.Sprintf("RHK disimpan dengan %d indikator.", len(ikis)), err
		}
		if k.FindRHK(id) == nil {
			return "", apperr.New(apperr.NotFound, "RHK tidak ditemukan.")
		}
		_, err := ps.SaveRHK(r.Context(), actorOf(r), k.ID, formVersion(r), id, x)
		return "RHK disimpan.", err
	}
	return s.skpForm(isOwner, build, save)
}

// ikiForm adds or changes an indicator.
func (s *Server) ikiForm() http.HandlerFunc {
	build := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (view.FormView, error) {
		v := view.FormView{Submit: "Simpan"}
		var in skp.IKIInput
		if id := urlID(r, "iki"); id != 0 {
			rhk, x := k.FindIKI(id)
			if x == nil {
				return v, apperr.New(apperr.NotFound, "Indikator tidak ditemukan.")
			}
			v.Title, v.Action = "Ubah indikator", fmt.Sprintf("%s/iki/%d/ubah", skpHref(k.ID), id)
			in = skp.IKIInput{Indikator: x.Indikator, Aspek: x.Aspek, Satuan: x.Satuan, TargetTeks: x.TargetTeks}
			if x.Target != nil {
				in.Target = view.Desimal(*x.Target)
			}
			v.Hidden = map[string]string{"rhk": strconv.FormatInt(rhk.ID, 10)}
		} else {
			rhk := k.FindRHK(urlID(r, "rhk"))
			if rhk == nil {
				return v, apperr.New(apperr.NotFound, "RHK tidak ditemukan.")
			}
			v.Title, v.Action = "Tambah indikator", fmt.Sprintf("%s/rhk/%d/iki/baru", skpHref(k.ID), rhk.ID)
		}
		if r.Method == http.MethodPost {
			in = skp.IKIInput{Indikator: r.PostFormValue("indikator"), Aspek: r.PostFormValue("aspek"), Target: r.PostFormValue("target"),
				Satuan: r.PostFormValue("satuan"), TargetTeks: r.PostFormValue("target_teks")}
		}
		v.Fields = ikiFields(in, k.JPT, func(f string) string { return f })
		return v, nil
	}
	save := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, error) {
		x, errs := skp.CheckIKI(skp.IKIInput{Indikator: r.PostFormValue("indikator"), Aspek: r.PostFormValue("aspek"), Target: r.PostFormValue("target"),
			Satuan: r.PostFormValue("satuan"), TargetTeks: r.PostFormValue("target_teks")}, k.JPT)
		if len(errs) > 0 {
			return "", apperr.Validation(errs)
		}
		ikiID := urlID(r, "iki")
		rhkID := urlID(r, "rhk")
		if ikiID != 0 {
			rhk, ik := k.FindIKI(ikiID)
			if ik == nil {
				return "", apperr.New(apperr.NotFound, "Indikator tidak ditemukan.")
			}
			rhkID = rhk.ID
		}
		_, err := ps.SaveIKI(r.Context(), actorOf(r), k.ID, formVersion(r), rhkID, ikiID, x)
		return "Indikator disimpan.", err
	}
	return s.skpForm(isOwner, build, save)
}

func (s *Server) lampiranForm() http.HandlerFunc {
	build := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (view.FormView, error) {
		vals := k.Lampiran
		if r.Method == http.MethodPost {
			vals = [3]string{r.PostFormValue("sumber_daya"), r.PostFormValue("skema"), r.PostFormValue("konsekuensi")}
		}
		return view.FormView{Title: "Lampiran SKP", Action: skpHref(k.ID) + "/lampiran", Submit: "Simpan", Fields: []view.FormField{
			{ID: "sumber_daya", Label: "Dukungan sumber daya", Type: "textarea", Value: vals[0], Hint: "satu per baris", Max: skp.MaxLampiran},
			{ID: "skema", Label: "Skema pertanggungjawaban", Type: "textarea", Value: vals[1], Hint: "satu per baris", Max: skp.MaxLampiran},
			{ID: "konsekuensi", Label: "Konsekuensi", Type: "textarea", Value: vals[2], Hint: "satu per baris", Max: skp.MaxLampiran},
		}}, nil
	}
	save := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, error) {
		vals, errs := skp.CheckLampiran(r.PostFormValue("sumber_daya"), r.PostFormValue("skema"), r.PostFormValue("konsekuensi"))
		if len(errs) > 0 {
			return "", apperr.Validation(errs)
		}
		return "Lampiran disimpan.", ps.SaveLampiran(r.Context(), actorOf(r), k.ID, formVersion(r), vals)
	}
	return s.skpForm(isOwner, build, save)
}

func (s *Server) ekspektasiForm() http.HandlerFunc {
	build := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (view.FormView, error) {
		v := view.FormView{Title: "Ekspektasi khusus pimpinan", Action: skpHref(k.ID) + "/ekspektasi", Submit: "Simpan"}
		frasa, err := s.store.ListFrasa(r.Context(), true)
		if err != nil {
			return v, err
		}
		pakai := r.Method == http.MethodPost && r.PostFormValue("aksi") == "pakai-frasa"
		for _, n := range skp.BerAKHLAK {
			val := k.Ekspektasi[n.No]
			pick := "frasa_" + strconv.Itoa(n.No)
			if r.Method == http.MethodPost {
				val = r.PostFormValue(skp.FieldEkspektasi(n.No))
				if f := frasaText(frasa, r.PostFormValue(pick)); pakai && f != "" {
					val = skp.PakaiFrasa(val, f)
				}
			}
			v.Fields = append(v.Fields, view.FormField{ID: skp.FieldEkspektasi(n.No), Label: fmt.Sprintf("%d. %s", n.No, n.Nama), Type: "textarea",
				Value: val, Hint: strings.Join(n.Indikator, "; "), Max: skp.MaxEkspektasi})
			if opts := frasaOptions(frasa, skp.FrasaEkspektasi, n.No); len(opts) > 0 {
				v.Fields = append(v.Fields, view.FormField{ID: pick, Label: "Frasa dari pustaka untuk " + n.Nama, Type: "select", Options: opts, Placeholder: "Tidak memakai frasa"})
				v.AddRow, v.AddRowAksi = "Pakai frasa terpilih", "pakai-frasa"
			}
		}
		return v, nil
	}
	save := func(r *http.Request, ps *store.PeriodStore, k *skp.SKP) (string, error) {
		m := map[int]string{}
		for n := 1; n <= 7; n++ {
			m[n] = r.PostFormValue(skp.FieldEkspektasi(n))
		}
		return "Ekspektasi disimpan.", ps.SaveEkspektasi(r.Context(), actorOf(r), k.ID, formVersion(r), m)
	}
	return s.skpForm(isPenilai, build, save)
}

// skpDelete confirms (GET) and removes (POST) an RHK or an indicator.
func (s *Server) skpDelete(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ps, k, roles, ok := s.loadSKP(w, r, isOwner)
		if !ok {
			return
		}
		var what string
		switch kind {
		case "rhk":
			x := k.FindRHK(urlID(r, "rhk"))
			if x == nil {
				s.notFound(w, r)
				return
			}
			if err := skp.CheckHapusRHK(*x); err != nil {
				s.errorPage(w, r, http.StatusConflict, "RHK tidak dapat dihapus", apperr.As(err).Message)
				return
			}
			what = fmt.Sprintf("RHK \u201c%s\u201d beserta %d indikatornya", x.Uraian, len(x.IKI))
		default:
			_, x := k.FindIKI(urlID(r, "iki"))
			if x == nil {
				s.notFound(w, r)
				return
			}
			what = fmt.Sprintf("indikator \u201c%s\u201d", x.Indikator)
		}
		title := "Hapus " + map[string]string{"rhk": "RHK", "iki": "indikator"}[kind]
		v := view.ConfirmView{Title: title, Question: "Hapus " + what + "?", Action: r.URL.Path, Button: "Hapus", Danger: true,
			CancelHref: skpHref(k.ID), Hidden: map[string]string{"version": strconv.Itoa(k.Version)}}
		crumbs, active := s.skpCrumbs(roles, k, title)
		if r.Method == http.MethodPost {
			var err error
			if kind == "rhk" {
				err = ps.DeleteRHK(r.Context(), actorOf(r), k.ID, formVersion(r), urlID(r, "rhk"))
			} else {
				err = ps.DeleteIKI(r.Context(), actorOf(r), k.ID, formVersion(r), urlID(r, "iki"))
			}
			s.confirmOutcome(w, r, err, strings.ToUpper(what[:1])+what[1:]+" dihapus.", skpHref(k.ID), v, page{active: active, crumbs: crumbs})
			return
		}
		s.render(w, r, http.StatusOK, page{title: title, active: active, crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
	}
}

// ikiFields are the fields of one indicator, named by id.
func ikiFields(in skp.IKIInput, jpt bool, id func(string) string) []view.FormField {
	var aspek []view.Option
	for _, a := range skp.Aspek {
		aspek = append(aspek, view.Option{Value: a.Kode, Label: a.Label, Selected: a.Kode == in.Aspek})
	}
	return []view.FormField{
		{ID: id("indikator"), Label: "Indikator kinerja individu", Type: "textarea", Value: in.Indikator, Hint: "mis. Jumlah dokumen kurikulum yang ditetapkan", Max: skp.MaxUraian},
		{ID: id("aspek"), Label: "Aspek", Type: "select", Options: aspek, Placeholder: map[bool]string{true: "Tanpa aspek", false: "Pilih aspek"}[jpt]},
		{ID: id("target"), Label: "Target (angka)", Value: in.Target, Hint: "mis. 12 atau 12,5; kosongkan untuk target kualitatif", Max: 30},
		{ID: id("satuan"), Label: "Satuan", Value: in.Satuan, Hint: "mis. dokumen, persen, hari", Max: skp.MaxSatuan},
		{ID: id("target_teks"), Label: "Target kualitatif", Value: in.TargetTeks, Hint: "mis. Tanpa temuan berulang", Max: skp.MaxTargetTeks},
	}
}

// ikiRows reads the indicator rows of the new-RHK form: as many as its "baris" says
// (one on a fresh form, at most skp.MaxIKIBaris).
func ikiRows(r *http.Request) []skp.IKIInput {
	n, _ := strconv.Atoi(r.PostFormValue("baris"))
	n = min(max(n, 1), skp.MaxIKIBaris)
	rows := make([]skp.IKIInput, n)
	for i := range rows {
		f := func(name string) string { return r.PostFormValue(skp.FieldIKIBaris(i+1, name)) }
		rows[i] = skp.IKIInput{Indikator: f("indikator"), Aspek: f("aspek"), Target: f("target"), Satuan: f("satuan"), TargetTeks: f("target_teks")}
	}
	return rows
}
