package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	summaryRe    = regexp.MustCompile(`(?s)<div class="error-summary" role="alert"[^>]*>.*?</div>`)
	summaryLink  = regexp.MustCompile(`<li><a href="#([^"]+)">([^<]+)</a></li>`)
	fieldErrorRe = regexp.MustCompile(`<p class="field-error" id="([^"]+)-error"[^>]*>([^<]*)</p>`)
)

// checkSummary asserts that a page returned with errors lists every inline error at
// the top, in page order, each linking to an element of the page, and returns the
// summary's targets.
func checkSummary(t *testing.T, r resp) []string {
	t.Helper()
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "<title>Galat: ") {
		t.Fatalf("not a returned form: %d %s", r.status, r.text())
	}
	box := summaryRe.FindString(r.body)
	if box == "" || strings.Index(r.body, box) > strings.Index(r.body, "<h1") {
		t.Fatalf("no error summary above the heading: %s", r.body)
	}
	links := summaryLink.FindAllStringSubmatch(box, -1)
	inline := fieldErrorRe.FindAllStringSubmatch(r.body, -1)
	if len(links) == 0 || len(links) != len(inline) {
		t.Fatalf("summary has %d links for %d inline errors: %s", len(links), len(inline), box)
	}
	var targets []string
	for i, l := range links {
		if l[2] != inline[i][2] {
			t.Errorf("summary item %d %q, inline %q", i, l[2], inline[i][2])
		}
		if !strings.Contains(r.body, `id="`+l[1]+`"`) {
			t.Errorf("summary links to #%s, which is not on the page", l[1])
		}
		targets = append(targets, l[1])
	}
	return targets
}

func TestErrorSummaryLinksEveryError(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	admin := a.clientAs(ppl.admin.NIP)

	// A generic form: the period settings, with three bad fields.
	r := admin.post("/periode/baru", url.Values{"tahun": {"abc"}, "mulai": {""}, "selesai": {"2026-01-01"}, "jadwal": {"triwulan"},
		"keberatan_hari": {"14"}, "ambang_anonim": {"3"}, "version": {"0"}})
	got := strings.Join(checkSummary(t, r), ",")
	if !strings.HasPrefix(got, "tahun,mulai") {
		t.Errorf("period form summary targets: %s", got)
	}

	// Radio groups: the rating form with nothing chosen links to each group's first option.
	_, pen, mine := approvedSKP(t, a)
	page := pen.get(mine + "/penilaian?ke=1")
	r = pen.post(mine+"/penilaian?ke=1", ratingFormFor(t, page.body, "luar biasa", "x", "x"))
	targets := checkSummary(t, r)
	if len(targets) < 8 || !strings.HasPrefix(targets[0], "r_rhk:") || !strings.Contains(r.body, `type="radio" id="`+targets[0]+`"`) {
		t.Errorf("rating form summary: %v", targets)
	}

	// An error of no single field (the confirmation box of Tetapkan) links to the box.
	rateAll(t, pen, mine, "sesuai")
	if got := checkSummary(t, pen.post("/penilaian/tetapkan?ke=1", url.Values{"justifikasi": {""}})); len(got) != 1 || got[0] != "konfirmasi" {
		t.Errorf("tetapkan summary: %v", got)
	}

	// A page that succeeds has no summary.
	if r := admin.get("/periode/baru"); strings.Contains(r.body, "error-summary") {
		t.Error("a fresh form shows an error summary")
	}
}

var (
	textInputRe = regexp.MustCompile(`<input[^>]*type="(?:text|search)"[^>]*>|<textarea[^>]*>`)
)

// Every text field of the forms carries the server's limit as maxlength, and a
// textarea says it in its hint.
func TestEveryTextFieldHasItsLimit(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	rateAll(t, pen, mine, "sesuai")
	penSKP := pen.get("/skp").header.Get("Location")
	admin := a.clientAs(ppl.admin.NIP)
	pages := []struct {
		c    *client
		path string
	}{
		{admin, "/organisasi/baru"}, {admin, "/organisasi/unit/baru?opd=" + strconv.FormatInt(ppl.disdikOPD, 10)}, {admin, "/organisasi/jabatan/baru?unit=" + strconv.FormatInt(ppl.seksiUnit, 10)}, {admin, "/pegawai/baru"},
		{admin, "/pegawai?q=a"}, {pen, penSKP + "/rhk/baru"}, {pen, penSKP + "/lampiran"}, {pen, mine + "/penilaian?ke=1"},
		{pen, "/penilaian?ke=1"}, {c, mine + "/realisasi?ke=4"}, {c, mine + "/penilaian-diri?ke=4"},
	}
	seen := 0
	for _, p := range pages {
		r := p.c.get(p.path)
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d", p.path, r.status)
		}
		for _, tag := range textInputRe.FindAllString(r.body, -1) {
			seen++
			if strings.Contains(tag, "readonly") {
				continue
			}
			if !strings.Contains(tag, `maxlength="`) {
				t.Errorf("%s: a text field without maxlength: %s", p.path, tag)
			}
		}
	}
	if seen < 20 {
		t.Fatalf("only %d text fields seen", seen)
	}
	// The limits are the domain's, and textareas say them.
	lamp := pen.get(penSKP + "/lampiran").body
	if !strings.Contains(lamp, `maxlength="4000"`) || !strings.Contains(lamp, "satu per baris. Paling banyak 4.000 karakter.") {
		t.Errorf("lampiran limit: %s", lamp)
	}
	if r := pen.get(mine + "/penilaian?ke=1"); !strings.Contains(r.body, `maxlength="2000"`) || !strings.Contains(r.text(), "Paling banyak 2.000 karakter.") {
		t.Errorf("rating form limit")
	}
}
