package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/auth"
	"kinerja/internal/org"
	"kinerja/web/view"
)

// Who may open a pegawai's profile: an Admin BKD, the pegawai themself, the kepala of
// the pegawai's OPD, and anyone in the pegawai's chain of atasan.

// byRole decides access without the atasan chain.
func byRole(p auth.Principal, target org.Pegawai) bool {
	return p.Roles.AdminBKD || p.PegawaiID == target.ID || (p.Roles.KepalaOPD && p.OPDID == target.OPDID)
}

// canView reports whether p may open target's profile.
func (s *Server) canView(r *http.Request, p auth.Principal, target org.Pegawai) (bool, error) {
	if byRole(p, target) {
		return true, nil
	}
	return s.store.IsAtasanOf(r.Context(), p.PegawaiID, target.ID)
}

// canOpenOPD reports whether p may open an OPD's pages.
func canOpenOPD(p auth.Principal, opdID int64) bool {
	return p.Roles.AdminBKD || (p.Roles.KepalaOPD && p.OPDID == opdID)
}

func profileHref(id int64) string { return "/pegawai/" + strconv.FormatInt(id, 10) }

// rows maps pegawai to list rows; linkAll says the viewer stands above all of them,
// otherwise each row links only when byRole allows it.
func rows(p auth.Principal, list []org.Pegawai, linkAll bool) []view.PegawaiRow {
	out := make([]view.PegawaiRow, 0, len(list))
	for _, x := range list {
		row := view.PegawaiRow{Nama: x.NamaLengkap(), NIP: x.NIP, Jabatan: x.Jabatan,
			Pangkat: x.PangkatGolongan(), Unit: x.Unit, OPD: x.OPD}
		if linkAll || byRole(p, x) {
			row.Href = profileHref(x.ID)
		}
		out = append(out, row)
	}
	return out
}
