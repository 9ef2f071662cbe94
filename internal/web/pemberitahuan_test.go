package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// unread is the header's count of unread notices on a page ("" for none).
func unread(t *testing.T, r resp) string {
	t.Helper()
	m := regexp.MustCompile(`class="lonceng"[^>]*>\s*Pemberitahuan\s*(?:<span class="jumlah">([^<]+)</span>)?`).FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no notice link in the header: %s", r.body)
	}
	return m[1]
}

// firstNotice is the link of the newest notice on the list.
func firstNotice(t *testing.T, r resp) string {
	t.Helper()
	m := regexp.MustCompile(`href="(/pemberitahuan/\d+)"`).FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no notice on the list: %s", r.text())
	}
	return m[1]
}

// TestSubmitAndReturnAreToldBothWays: the penilai is told of a submission, the
// pegawai of the return with its note and of the approval; opening a notice marks it
// read and goes to the plan; nobody else can open it, and nobody is told of their own act.
func TestSubmitAndReturnAreToldBothWays(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	openPeriod(t, a)
	pen := penilaiWithRHK(t, a)
	c := a.clientAs(ppl.staff.NIP)
	if got := unread(t, pen.get("/")); got != "" {
		t.Fatalf("unread before anything: %q", got)
	}
	empty := c.get("/pemberitahuan")
	if empty.status != http.StatusOK || !strings.Contains(empty.text(), "Belum ada pemberitahuan") {
		t.Fatalf("empty state: %d %s", empty.status, empty.text())
	}

	mine := submittedSKP(t, c)
	if got := unread(t, c.get("/")); got != "" {
		t.Fatalf("the pegawai was told of their own submission: %q", got)
	}
	home := pen.get("/")
	if got := unread(t, home); got != "1" {
		t.Fatalf("penilai's unread after the submission: %q", got)
	}
	list := pen.get("/pemberitahuan")
	if !strings.Contains(list.text(), "SKP "+ppl.staff.Nama) || !strings.Contains(list.text(), "menunggu persetujuan Anda") {
		t.Fatalf("penilai's list: %s", list.text())
	}
	link := firstNotice(t, list)
	// Someone else opening it (an ID from another person's list) finds nothing.
	if r := c.get(link); r.status != http.StatusNotFound {
		t.Fatalf("another person's notice: %d", r.status)
	}
	if r := pen.get(link); r.status != http.StatusSeeOther || r.header.Get("Location") != mine {
		t.Fatalf("open: %d → %q, want %s", r.status, r.header.Get("Location"), mine)
	}
	if got := unread(t, pen.get("/")); got != "" {
		t.Fatalf("unread after opening: %q", got)
	}

	review := pen.get(mine)
	if r := pen.post(mine+"/keputusan", url.Values{"version": {formVersionOf(t, review.body)}, "keputusan": {"kembalikan"}, "catatan": {"Tambahkan indikator kualitas"}}); r.status != http.StatusSeeOther {
		t.Fatalf("return: %d %s", r.status, r.text())
	}
	list = c.get("/pemberitahuan?belum=1")
	if unread(t, list) != "1" || !strings.Contains(list.text(), "SKP Anda dikembalikan oleh "+ppl.penilai.Nama) || !strings.Contains(list.text(), "Catatan: Tambahkan indikator kualitas") {
		t.Fatalf("pegawai's list after the return: %s", list.text())
	}
	if r := c.get(firstNotice(t, list)); r.header.Get("Location") != mine {
		t.Fatalf("the return's notice goes to %q", r.header.Get("Location"))
	}
	if !strings.Contains(c.get(mine).text(), "Tambahkan indikator kualitas") {
		t.Fatal("the plan does not show the note")
	}

	// Resubmitted and approved: a new notice each time (each submission is its own event).
	page := c.get(mine)
	c.post(mine+"/ajukan", url.Values{"version": {formVersionOf(t, page.body)}})
	if got := unread(t, pen.get("/")); got != "1" {
		t.Fatalf("penilai's unread after the resubmission: %q", got)
	}
	review = pen.get(mine)
	pen.post(mine+"/keputusan", url.Values{"version": {formVersionOf(t, review.body)}, "keputusan": {"setujui"}})
	list = c.get("/pemberitahuan")
	if !strings.Contains(list.text(), "SKP Anda disetujui oleh") || unread(t, list) != "1" {
		t.Fatalf("after the approval: %s", list.text())
	}

	// Mark all read: the form carries the newest id the reader saw.
	sampai := regexp.MustCompile(`name="sampai" value="(\d+)"`).FindStringSubmatch(list.body)
	if sampai == nil {
		t.Fatal("no mark-all form")
	}
	if r := c.post("/pemberitahuan/dibaca", url.Values{"sampai": {"x"}}); r.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad sampai: %d", r.status)
	}
	if r := c.post("/pemberitahuan/dibaca", url.Values{"sampai": {sampai[1]}}); r.status != http.StatusSeeOther {
		t.Fatalf("mark all: %d", r.status)
	}
	after := c.get("/pemberitahuan?belum=1")
	if unread(t, after) != "" || !strings.Contains(after.text(), "Tidak ada pemberitahuan yang belum dibaca") {
		t.Fatalf("after marking all read: %s", after.text())
	}
	noticeLink := regexp.MustCompile(`href="/pemberitahuan/\d+"`)
	if n := len(noticeLink.FindAllString(c.get("/pemberitahuan").body, -1)); n != 2 {
		t.Fatalf("the pegawai's list holds %d notices, want 2 (returned, approved)", n)
	}
	// Without a session the list is not shown.
	if r := a.client().get("/pemberitahuan"); r.status != http.StatusSeeOther {
		t.Fatalf("anonymous: %d", r.status)
	}
}
