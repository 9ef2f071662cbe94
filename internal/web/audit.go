package web

// The Audit page: the append-only log for the Admin BKD, filtered by actor, entity,
// action and date, with before and after as a readable diff, paginated and
// exportable. No entry holds a peer-review answer (the store never writes one), so
// the page keeps the peer-review guarantees.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"kinerja/internal/org"
	"kinerja/internal/store"
	"kinerja/web/view"
)

// auditDiff lists the fields that differ between an entry's before and after (JSON
// objects), by name; nested values are shown as compact JSON. A new record lists
// only the fields it was given.
func auditDiff(before, after any) []view.Diff {
	var b, a map[string]any
	if x, ok := before.(json.RawMessage); ok {
		_ = json.Unmarshal(x, &b)
	}
	if x, ok := after.(json.RawMessage); ok {
		_ = json.Unmarshal(x, &a)
	}
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	var out []view.Diff
	for _, k := range sorted {
		old, cur := auditValue(b[k]), auditValue(a[k])
		if old == cur || (b == nil && cur == "") {
			continue
		}
		label := auditFieldLabels[k]
		if label == "" {
			label = k
		}
		out = append(out, view.Diff{Field: label, Before: old, After: cur})
	}
	return out
}

func auditValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64, bool:
		return fmt.Sprint(x)
	}
	j, _ := json.Marshal(v)
	return string(j)
}

// auditEntityHref is the page of an entity the log names, where there is one.
func auditEntityHref(entity, id string) string {
	if _, ok := pathID(id); !ok {
		return ""
	}
	switch entity {
	case "pegawai":
		return "/pegawai/" + id
	case "skp":
		return "/skp/" + id
	case "periode":
		return "/periode/" + id
	case "perangkat_daerah":
		return "/organisasi/" + id
	case "unit_kerja":
		return "/organisasi/unit/" + id
	}
	return ""
}

// auditHistoryHref is the Audit page filtered on one entity.
func auditHistoryHref(entity, id string) string {
	return "/audit?" + url.Values{"entitas": {entity}, "id": {id}}.Encode()
}

// auditFilter reads the Audit page's filter; bad dates come back as field errors.
func (s *Server) auditFilter(r *http.Request) (store.AuditQuery, map[string]string) {
	qs := r.URL.Query()
	q := store.AuditQuery{Actor: strings.TrimSpace(qs.Get("pelaku")), Entity: qs.Get("entitas"), EntityID: strings.TrimSpace(qs.Get("id")),
		Action: qs.Get("aksi"), Loc: s.loc}
	errs := map[string]string{}
	for field, dst := range map[string]*time.Time{"dari": &q.Dari, "sampai": &q.Sampai} {
		v := strings.TrimSpace(qs.Get(field))
		if v == "" {
			continue
		}
		d, ok := org.ParseDate(v)
		if !ok {
			errs[field] = "Tulis tanggal dalam bentuk HHHH-BB-TT, misalnya 2026-01-31."
			continue
		}
		*dst = d
	}
	if !q.Dari.IsZero() && !q.Sampai.IsZero() && q.Sampai.Before(q.Dari) {
		errs["sampai"] = "Tanggal akhir tidak boleh sebelum tanggal awal."
	}
	if len([]rune(q.Actor)) > 100 {
		errs["pelaku"] = "Paling banyak 100 karakter."
	}
	return q, errs
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	q, errs := s.auditFilter(r)
	entities, actions, err := s.store.AuditFacets(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	qs := r.URL.Query()
	v := view.AuditPage{Errors: errs, Pelaku: q.Actor, ID: q.EntityID, Dari: qs.Get("dari"), Sampai: qs.Get("sampai")}
	for _, e := range entities {
		v.Entitas = append(v.Entitas, view.Option{Value: e, Label: e, Selected: e == q.Entity})
	}
	for _, a := range actions {
		v.Aksi = append(v.Aksi, view.Option{Value: a, Label: a, Selected: a == q.Action})
	}
	if len(errs) > 0 {
		v.Message = "Periksa kembali filter yang ditandai."
		s.render(w, r, http.StatusUnprocessableEntity, page{title: "Audit", active: "/audit", body: view.AuditView(v)})
		return
	}
	const perPage = 50
	pg := pageNumber(r)
	q.Offset, q.Limit = (pg-1)*perPage, perPage
	list, total, err := s.store.SearchAudit(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, e := range list {
		row := view.AuditLogRow{Waktu: view.Waktu(e.At.In(s.loc)), Oleh: e.ActorLabel, Aksi: e.Action, Entitas: e.Entity, EntitasID: e.EntityID,
			Href: auditEntityHref(e.Entity, e.EntityID), Riwayat: auditHistoryHref(e.Entity, e.EntityID), Perubahan: auditDiff(e.Before, e.After), IP: e.IP}
		v.Rows = append(v.Rows, row)
	}
	v.Pager = view.Pager{Page: pg, PerPage: perPage, Total: total, BaseURL: r.URL.RequestURI()}
	export := url.Values{}
	for k, x := range qs {
		if k != "page" {
			export[k] = x
		}
	}
	suffix := ""
	if len(export) > 0 {
		suffix = "?" + export.Encode()
	}
	v.Downloads = []view.Crumb{{Label: "Unduh Excel", Href: "/audit/unduh.xlsx" + suffix}, {Label: "Unduh CSV", Href: "/audit/unduh.csv" + suffix}}
	s.render(w, r, http.StatusOK, page{title: "Audit", active: "/audit", body: view.AuditView(v)})
}

var auditHead = []string{"Waktu", "Pelaku", "Aksi", "Entitas", "ID Entitas", "Perubahan", "Sebelum (JSON)", "Sesudah (JSON)", "Alamat IP"}

// auditDownload exports every row matching the filter, streaming.
func (s *Server) auditDownload(ext string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, errs := s.auditFilter(r)
		if len(errs) > 0 {
			s.errorPage(w, r, http.StatusBadRequest, "Filter tidak valid", "Filter pada tautan unduhan tidak dapat dibaca. Kembali ke halaman Audit, perbaiki filternya, lalu unduh lagi.")
			return
		}
		rows := func(row func([]string) error) error {
			return s.store.EachAudit(r.Context(), q, func(e store.AuditEntry) error {
				var diff []string
				for _, d := range auditDiff(e.Before, e.After) {
					diff = append(diff, d.Field+": "+d.Before+" → "+d.After)
				}
				raw := func(v any) string {
					if b, ok := v.(json.RawMessage); ok {
						return string(b)
					}
					return ""
				}
				return row([]string{e.At.In(s.loc).Format("2006-01-02 15:04:05"), e.ActorLabel, e.Action, e.Entity, e.EntityID,
					strings.Join(diff, "; "), raw(e.Before), raw(e.After), e.IP})
			})
		}
		name := "audit-" + s.today().Format("2006-01-02") + "." + ext
		if ext == "csv" {
			s.writeCSV(w, name, auditHead, rows)
			return
		}
		s.writeXLSX(w, r, name, auditHead, rows)
	}
}
