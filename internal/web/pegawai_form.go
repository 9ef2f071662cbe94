package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"kinerja/internal/apperr"
	"kinerja/internal/org"
	"kinerja/internal/store"
	"kinerja/web/view"
)

var pegawaiFields = []string{org.FieldNIP, org.FieldNama, org.FieldGelarDepan, org.FieldGelarBelakang, org.FieldJenisASN,
	org.FieldTempatLahir, org.FieldGolongan, org.FieldUnit, org.FieldJabatan, org.FieldJenisJabatan, org.FieldNIPAtasan,
	org.FieldTMT, org.FieldKeterangan, "version"}

// pegawaiForm builds the form view with its choices.
func (s *Server) pegawaiForm(r *http.Request, v view.PegawaiFormView) (view.PegawaiFormView, error) {
	gols, err := s.store.ListGolongan(r.Context())
	if err != nil {
		return v, err
	}
	units, err := s.store.UnitOptions(r.Context())
	if err != nil {
		return v, err
	}
	jenisASN := v.Values[org.FieldJenisASN]
	for _, g := range gols {
		label := g.Golongan
		if g.Pangkat != "" {
			label = g.Golongan + " – " + g.Pangkat
		}
		v.Golongan = append(v.Golongan, view.Option{Value: g.Golongan, Label: label, Group: g.JenisASN,
			Selected: strings.EqualFold(g.Golongan, v.Values[org.FieldGolongan]) && g.JenisASN == jenisASN})
	}
	for _, u := range units {
		v.Units = append(v.Units, view.Option{Value: strconv.FormatInt(u.ID, 10), Label: strings.Repeat("— ", u.Depth) + u.Nama,
			Group: u.OPD, Selected: strconv.FormatInt(u.ID, 10) == v.Values[org.FieldUnit]})
	}
	for _, code := range []string{org.JPTPratama, org.Administrator, org.Pengawas, org.Pelaksana, org.Fungsional} {
		v.Jenis = append(v.Jenis, view.Option{Value: code, Label: org.JenisJabatanLabel(code), Selected: code == v.Values[org.FieldJenisJabatan]})
	}
	for _, j := range []string{"PNS", "PPPK"} {
		v.JenisASN = append(v.JenisASN, view.Option{Value: j, Label: j, Selected: j == jenisASN})
	}
	return v, nil
}

func (s *Server) renderPegawaiForm(w http.ResponseWriter, r *http.Request, status int, v view.PegawaiFormView) {
	v, err := s.pegawaiForm(r, v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pegawai", Href: "/pegawai"}, {Label: v.Title}}
	s.render(w, r, status, page{title: v.Title, active: "/pegawai", crumbs: crumbs, body: view.PegawaiFormPage(v, csrfToken(r))})
}

func (s *Server) pegawaiNew(w http.ResponseWriter, r *http.Request) {
	v := view.PegawaiFormView{Title: "Tambah pegawai", Action: "/pegawai/baru", Create: true, CancelHref: "/pegawai",
		Values: map[string]string{org.FieldJenisASN: "PNS", org.FieldTMT: s.today().Format(time.DateOnly)}}
	if u := r.URL.Query().Get("unit"); u != "" {
		v.Values[org.FieldUnit] = u
	}
	s.renderPegawaiForm(w, r, http.StatusOK, v)
}

func (s *Server) pegawaiEdit(w http.ResponseWriter, r *http.Request) {
	id, f, ok := loadByID(s, w, r, s.store.GetPegawaiForm)
	if !ok {
		return
	}
	in := f.In
	v := view.PegawaiFormView{Title: "Ubah data pegawai", Action: fmt.Sprintf("/pegawai/%d/ubah", id), CancelHref: profileHref(id),
		Kepala: in.KepalaUnit, Values: map[string]string{
			org.FieldNIP: in.NIP, org.FieldNama: in.Nama, org.FieldGelarDepan: in.GelarDepan, org.FieldGelarBelakang: in.GelarBelakang,
			org.FieldJenisASN: in.JenisASN, org.FieldTempatLahir: in.TempatLahir, org.FieldGolongan: in.Golongan,
			org.FieldUnit: strconv.FormatInt(f.UnitID, 10), org.FieldJabatan: in.Jabatan, org.FieldJenisJabatan: in.JenisJabatan,
			org.FieldNIPAtasan: in.NIPAtasan, org.FieldTMT: s.today().Format(time.DateOnly), "version": strconv.Itoa(f.Version),
		}}
	s.renderPegawaiForm(w, r, http.StatusOK, v)
}

// pegawaiSave handles both the create and the edit form.
func (s *Server) pegawaiSave(w http.ResponseWriter, r *http.Request) {
	var id int64
	v := view.PegawaiFormView{Title: "Tambah pegawai", Action: "/pegawai/baru", Create: true, CancelHref: "/pegawai", Values: map[string]string{}}
	if p := chi.URLParam(r, "id"); p != "" {
		var ok bool
		if id, ok = pathID(p); !ok {
			s.notFound(w, r)
			return
		}
		v = view.PegawaiFormView{Title: "Ubah data pegawai", Action: fmt.Sprintf("/pegawai/%d/ubah", id), CancelHref: profileHref(id), Values: map[string]string{}}
	}
	for _, f := range pegawaiFields {
		v.Values[f] = r.PostFormValue(f)
	}
	v.Kepala = r.PostFormValue("kepala_unit") != ""
	gols, err := s.store.ListGolongan(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := org.PegawaiInput{NIP: v.Values[org.FieldNIP], Nama: v.Values[org.FieldNama], GelarDepan: v.Values[org.FieldGelarDepan],
		GelarBelakang: v.Values[org.FieldGelarBelakang], JenisASN: v.Values[org.FieldJenisASN], TempatLahir: v.Values[org.FieldTempatLahir],
		Golongan: v.Values[org.FieldGolongan], Jabatan: v.Values[org.FieldJabatan], JenisJabatan: v.Values[org.FieldJenisJabatan],
		KepalaUnit: v.Kepala, NIPAtasan: v.Values[org.FieldNIPAtasan], TMT: v.Values[org.FieldTMT], Keterangan: v.Values[org.FieldKeterangan]}
	checked, errs := org.CheckPegawaiInput(in, store.GolonganChecker(gols), s.today())
	unitID, err := strconv.ParseInt(v.Values[org.FieldUnit], 10, 64)
	if err != nil || unitID <= 0 {
		errs[org.FieldUnit] = "Pilih unit kerja."
	}
	version, _ := strconv.Atoi(v.Values["version"])
	if len(errs) > 0 {
		v.Errors = errs
		v.Message = "Periksa kembali isian yang ditandai."
		s.renderPegawaiForm(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	newID, err := s.store.SavePegawai(r.Context(), actorOf(r), store.PegawaiChange{ID: id, Version: version, UnitID: unitID, In: checked})
	msg := "Data " + checked.Nama + " disimpan."
	if id == 0 {
		msg = "Pegawai " + checked.Nama + " ditambahkan."
	}
	fail, status, done := s.outcome(w, r, err, msg, profileHref(newID))
	if done {
		return
	}
	v.Errors, v.Message = fail.Fields, fail.Message
	s.renderPegawaiForm(w, r, status, v)
}

// pegawaiAktif shows (GET) and carries out (POST) deactivation or reactivation.
func (s *Server) pegawaiAktif(aktif bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, target, ok := loadByID(s, w, r, s.store.GetPegawai)
		if !ok {
			return
		}
		f, err := s.store.GetPegawaiForm(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		action, title, question, button := "nonaktifkan", "Nonaktifkan pegawai",
			"Nonaktifkan "+target.NamaLengkap()+"? Pegawai yang tidak aktif tidak dapat masuk dan tidak ikut periode penilaian baru. Datanya tetap tersimpan.", "Nonaktifkan"
		if aktif {
			action, title, question, button = "aktifkan", "Aktifkan kembali pegawai",
				"Aktifkan kembali "+target.NamaLengkap()+"?", "Aktifkan"
		}
		v := view.ConfirmView{Title: title, Question: question, Action: fmt.Sprintf("/pegawai/%d/%s", id, action), Button: button,
			Danger: !aktif, CancelHref: profileHref(id), Hidden: map[string]string{"version": strconv.Itoa(f.Version)},
			Fields: []view.ConfirmField{
				{ID: "tmt", Label: "TMT (berlaku mulai)", Type: "date", Value: s.today().Format(time.DateOnly)},
				{ID: "keterangan", Label: "Keterangan", Type: "text", Hint: "mis. pensiun, pindah instansi, nomor SK", Max: 500},
			}, Errors: map[string]string{}}
		v.Details = []string{"NIP " + view.NIP(target.NIP), target.Jabatan + ", " + target.Unit}
		status := http.StatusOK
		if r.Method == http.MethodPost {
			v.Fields[0].Value, v.Fields[1].Value = r.PostFormValue("tmt"), r.PostFormValue("keterangan")
			version, _ := strconv.Atoi(r.PostFormValue("version"))
			tmt, okDate := org.ParseDate(v.Fields[0].Value)
			switch {
			case !okDate:
				v.Errors["tmt"] = "TMT harus tanggal yang valid."
			case tmt.After(s.today()):
				v.Errors["tmt"] = "TMT tidak boleh setelah hari ini."
			case len([]rune(v.Fields[1].Value)) > 500:
				v.Errors["keterangan"] = "Keterangan paling banyak 500 karakter."
			}
			var err error = apperr.Validation(v.Errors)
			if len(v.Errors) == 0 {
				err = s.store.SetPegawaiAktif(r.Context(), actorOf(r), id, version, aktif, tmt, strings.TrimSpace(v.Fields[1].Value))
			}
			fail, st, done := s.outcome(w, r, err, target.NamaLengkap()+map[bool]string{true: " diaktifkan kembali.", false: " dinonaktifkan."}[aktif], profileHref(id))
			if done {
				return
			}
			status, v.Message = st, fail.Message
			if len(v.Errors) == 0 {
				for _, m := range fail.Fields { // the store's refusal names no field of this page
					v.Message = m
				}
			}
		}
		crumbs := []view.Crumb{{Label: "Beranda", Href: "/"}, {Label: "Pegawai", Href: "/pegawai"}, {Label: target.NamaLengkap(), Href: profileHref(id)}, {Label: title}}
		s.render(w, r, status, page{title: title, active: "/pegawai", crumbs: crumbs, body: view.ConfirmPage(v, csrfToken(r))})
	}
}

var auditFieldLabels = map[string]string{
	"nip": "NIP", "nama": "Nama", "gelar_depan": "Gelar depan", "gelar_belakang": "Gelar belakang", "jenis_asn": "Jenis ASN",
	"jenis_kelamin": "Jenis kelamin", "tempat_lahir": "Tempat lahir", "tanggal_lahir": "Tanggal lahir", "golongan": "Golongan",
	"jabatan": "Jabatan", "jenis_jabatan": "Jenis jabatan", "kepala_unit": "Kepala unit", "unit_kerja": "Unit kerja",
	"perangkat_daerah": "Perangkat daerah", "nip_atasan": "NIP atasan", "aktif": "Aktif",
}

var auditActionLabels = map[string]string{
	"pegawai.tambah": "Ditambahkan", "pegawai.ubah": "Diubah", "pegawai.nonaktifkan": "Dinonaktifkan",
	"pegawai.aktifkan": "Diaktifkan kembali", "pegawai.impor": "Diubah lewat impor", "pegawai.impor_tambah": "Ditambahkan lewat impor",
	"pegawai.impor_nonaktif": "Dinonaktifkan lewat impor",
}

// auditRows turns audit entries into rows with the fields that changed.
func (s *Server) auditRows(entries []store.AuditEntry) []view.AuditRow {
	out := make([]view.AuditRow, 0, len(entries))
	for _, e := range entries {
		row := view.AuditRow{Waktu: view.Waktu(e.At.In(s.loc)), Oleh: e.ActorLabel, Aksi: e.Action, Perubahan: auditDiff(e.Before, e.After)}
		if l, ok := auditActionLabels[e.Action]; ok {
			row.Aksi = l
		}
		out = append(out, row)
	}
	return out
}
