// Package view holds Kinerja's templ components and the view models they take.
// Components never see database rows: handlers map domain values into these types.
package view

import "strconv"

// Meta is what every page's layout needs.
type Meta struct {
	Title       string
	User        *User // nil on public pages
	Nav         []NavGroup
	Active      string // href of the current nav item
	Breadcrumbs []Crumb
	Flash       *Flash
	CSRF        string
	Refresh     int // seconds; reloads the page while long work runs
	// Errors is the error summary of a form returned with errors: every field error
	// on the page, in page order, each linking to its field.
	Errors []Link
}

// User is the signed-in person as the header shows them.
type User struct {
	Nama  string
	NIP   string
	Peran []string // role labels
	// BelumDibaca is the number of unread notices (counted up to 100).
	BelumDibaca int
}

// unreadLabel is the header's count of unread notices: 99+ past 99.
func unreadLabel(n int) string {
	if n > 99 {
		return "99+"
	}
	return strconv.Itoa(n)
}

// NavGroup is a titled set of navigation links for one role.
type NavGroup struct {
	Title string
	Items []NavItem
}

// NavItem is one navigation link.
type NavItem struct {
	Label string
	Href  string
}

// Crumb is one breadcrumb; the last one has no Href.
type Crumb struct {
	Label string
	Href  string
}

// Flash is a one-time message shown after a redirect.
type Flash struct {
	Kind    string // sukses, info, galat
	Message string
}

// Identity is the identity block of a pegawai.
type Identity struct {
	ID           int64
	Nama         string // with gelar
	NIP          string // formatted
	JenisASN     string
	Pangkat      string
	Jabatan      string
	JenisJabatan string
	Unit         string
	OPD          string
	Atasan       *PersonLink // nil when none
	Aktif        bool
}

// PersonLink is a name that may link to a profile.
type PersonLink struct {
	Nama    string
	NIP     string
	Jabatan string
	Href    string // "" when the viewer may not open it
}

// Pager describes one page of a list.
type Pager struct {
	Page, PerPage, Total int
	BaseURL              string // path and query without the page parameter
}

// Option is one choice of a select; options with a Group are shown under it.
type Option struct {
	Value, Label string
	Selected     bool
	Group        string
}

// ConfirmView asks before a consequential action.
type ConfirmView struct {
	Title      string
	Question   string
	Details    []string
	Action     string
	Button     string
	Danger     bool
	Hidden     map[string]string
	Fields     []ConfirmField
	Errors     map[string]string
	Message    string
	CancelHref string
	// BackButton, when set, is a second submit (name "kembali") that returns to the
	// form with the values in Hidden.
	BackButton string
}

// ConfirmField is an input on a confirmation page (a date, a reason).
type ConfirmField struct {
	ID, Label, Type, Value, Hint string
	Max                          int // a text's most characters
}

// ErrorView is a friendly error page.
type ErrorView struct {
	Status  int
	Title   string
	Message string
	Kode    string // the request id, to quote to support
}

// BarChart is a horizontal bar chart drawn as server-side SVG.
type BarChart struct {
	Title string
	Bars  []Bar
}

// Bar is one bar of a chart.
type Bar struct {
	Label string
	Value int
	Text  string // shown after the bar instead of the value (a percentage)
}

// FormView is a simple form of labelled fields.
type FormView struct {
	Title, Action, CancelHref, Message, Submit string
	Notice                                     string // information above the form
	Fields                                     []FormField
	Hidden                                     map[string]string
	Errors                                     map[string]string
	// AddRow, when set, is the label of a second submit button (aksi=tambah-baris) that
	// shows the form again with one more row, without JavaScript.
	AddRow string
	// AddRowAksi is that button's aksi when it is not tambah-baris (pakai-frasa: copy
	// the picked phrases into their boxes).
	AddRowAksi string
}

// RowAksi is the aksi of the form's second submit button.
func (v FormView) RowAksi() string {
	if v.AddRowAksi != "" {
		return v.AddRowAksi
	}
	return "tambah-baris"
}

// FormField is one field: Type is text, select or checkbox.
type FormField struct {
	ID, Label, Type, Value, Hint string
	Max                          int // a text's most characters: maxlength, and said in the hint
	Options                      []Option
	Placeholder                  string
	Checked                      bool
}

// TextareaField is a labelled textarea for FormPage-like pages.
type TextareaField struct {
	ID, Label, Value, Hint string
}

// PeriodChoice is the period selector of a page whose data is per period: a GET
// form, so that it works without JavaScript. It is shown when there is more than one
// period to choose from.
type PeriodChoice struct {
	Action  string
	Keep    []Param
	Options []Option
	Tahun   int
	// Param is "tahun=N&" when the page shows a period other than the default one,
	// for the page's own links (tabs) to stay in it; "" otherwise.
	Param string
}

// Param is one query parameter.
type Param struct{ Name, Value string }

// HiddenField is one submitted value carried by a page to send it again.
type HiddenField struct{ Name, Value string }

// UnavailableView is the 503 page: for a POST, the form to send its input again.
type UnavailableView struct {
	Action  string // the POST's target; empty for a GET
	Fields  []HiddenField
	HadFile bool
	Kode    string // the request id
}
