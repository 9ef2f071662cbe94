package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kinerja/internal/org"
	"kinerja/internal/store"
)

// TestRekanKerja walks peer feedback: the pegawai proposes, the penilai approves and
// nominates, reviewers answer or decline, and the aggregate stays hidden below the
// threshold (2 answers) and shows, without names, at it (3 answers).
func TestRekanKerja(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	// The one reviewed is the kepala seksi (ppl.penilai): peers are the other kepala
	// seksi under the same kepala bidang, and the seksi's staff are subordinates.
	_, c, _ := approvedSKP(t, a)
	mine := c.get("/skp").header.Get("Location")
	var kabid string
	for _, p := range a.ds.Pegawai {
		if p.ID == ppl.penilai.AtasanID {
			kabid = p.NIP
		}
	}
	pen := a.clientAs(kabid)
	nipOf := map[string]string{}
	nameOf := map[string]string{}
	for _, p := range a.ds.Pegawai {
		id := itoa(p.ID)
		nipOf[id], nameOf[id] = p.NIP, p.Nama
	}

	// A gelar ending in a full stop must not end the Beranda sentence twice.
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE pegawai SET gelar_belakang = 'S.H.' WHERE id = $1`, ppl.penilai.ID); err != nil {
		t.Fatal(err)
	}
	page := c.get(mine + "/rekan")
	if page.status != http.StatusOK || !strings.Contains(page.text(), "Belum cukup tanggapan") || !strings.Contains(page.text(), "Belum ada peninjau") {
		t.Fatalf("empty page: %d %s", page.status, page.text())
	}
	cands := regexp.MustCompile(`<option value="(\d+)"`).FindAllStringSubmatch(page.body, -1)
	if len(cands) < 4 {
		t.Fatalf("want at least 4 candidate reviewers, got %d: %s", len(cands), page.text())
	}
	rev := []string{cands[0][1], cands[1][1], cands[2][1], cands[3][1]}
	if r := c.post(mine+"/rekan", url.Values{"aksi": {"nominasi"}, "reviewer": {itoa(ppl.dinkesStaff.ID)}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.text(), "Pilih peninjau dari daftar calon yang belum dinominasikan.") {
		t.Fatalf("propose someone from another OPD: %d %s", r.status, r.text())
	}
	if r := c.post(mine+"/rekan", url.Values{"aksi": {"nominasi"}, "reviewer": {rev[0]}}); r.status != http.StatusSeeOther {
		t.Fatalf("propose: %d %s", r.status, r.text())
	}
	// The penilai hears of the proposal; the notice opens the plan's peer page.
	if n := pen.get("/pemberitahuan"); !strings.Contains(n.text(), "mengusulkan peninjau rekan kerja") {
		t.Fatalf("penilai's notices after the proposal: %s", n.text())
	} else if r := pen.get(firstNotice(t, n)); r.header.Get("Location") != mine+"/rekan" {
		t.Fatalf("the proposal's notice goes to %q", r.header.Get("Location"))
	}
	if r := c.post(mine+"/rekan", url.Values{"aksi": {"setujui"}, "id": {"1"}}); r.status != http.StatusForbidden {
		t.Fatalf("pegawai approves own proposal: %d", r.status)
	}
	page = pen.get(mine + "/rekan")
	prop := regexp.MustCompile(`name="aksi" value="setujui"/?>\s*<input type="hidden" name="id" value="(\d+)"`).FindStringSubmatch(page.body)
	if prop == nil || !strings.Contains(page.text(), "Diusulkan pegawai") {
		t.Fatalf("penilai sees the proposal: %s", page.text())
	}
	if r := pen.post(mine+"/rekan", url.Values{"aksi": {"setujui"}, "id": {prop[1]}}); r.status != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", r.status, r.text())
	}
	if page = pen.get(mine + "/rekan"); !strings.Contains(page.text(), org.FormatNIP(nipOf[rev[0]])) {
		t.Fatalf("the reviewer's NIP is printed grouped (%s): %s", org.FormatNIP(nipOf[rev[0]]), page.text())
	}
	for _, id := range rev[1:] {
		if r := pen.post(mine+"/rekan", url.Values{"aksi": {"nominasi"}, "reviewer": {id}}); r.status != http.StatusSeeOther {
			t.Fatalf("nominate %s: %d %s", id, r.status, r.text())
		}
	}
	other := a.clientAs(ppl.dinkesStaff.NIP)
	if r := other.get(mine + "/rekan"); r.status != http.StatusForbidden {
		t.Fatalf("another pegawai reads peer feedback: %d", r.status)
	}
	if r := other.post(mine+"/rekan", url.Values{"aksi": {"nominasi"}, "reviewer": {rev[0]}}); r.status != http.StatusForbidden {
		t.Fatalf("another pegawai nominates: %d", r.status)
	}

	reviewers := make([]*client, 4)
	links := make([]string, 4)
	for i, id := range rev {
		reviewers[i] = a.client()
		reviewers[i].login(nipOf[id])
		home := reviewers[i].get("/")
		m := regexp.MustCompile(`href="(/rekan/\d+)"`).FindStringSubmatch(home.body)
		if m == nil || !strings.Contains(home.text(), "Umpan balik rekan kerja untuk ") || !strings.Contains(home.text(), ", S.H.") || strings.Contains(home.text(), "S.H..") {
			t.Fatalf("reviewer %d has no task on Beranda: %s", i, home.text())
		}
		links[i] = m[1]
		// The request is a notice too, whose link is the answer form.
		n := reviewers[i].get("/pemberitahuan")
		if !strings.Contains(n.text(), "Anda diminta menilai perilaku kerja ") {
			t.Fatalf("reviewer %d has no notice: %s", i, n.text())
		}
		if r := reviewers[i].get(firstNotice(t, n)); r.header.Get("Location") != m[1] {
			t.Fatalf("reviewer %d's notice goes to %q, want %s", i, r.header.Get("Location"), m[1])
		}
	}
	// The answer form shows each value's behaviour indicators.
	if r := reviewers[0].get(links[0]); !strings.Contains(r.text(), "Ramah, cekatan, solutif, dan dapat diandalkan") ||
		!strings.Contains(r.text(), "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah") {
		t.Fatalf("answer form without the behaviour indicators: %s", r.text())
	}
	if r := reviewers[1].get(links[0]); r.status != http.StatusForbidden {
		t.Fatalf("reviewer opens another reviewer's request: %d", r.status)
	}
	for _, cl := range []*client{c, pen, other} {
		if r := cl.get(links[0]); r.status != http.StatusForbidden {
			t.Fatalf("non-reviewer opens a request: %d", r.status)
		}
	}
	answer := func(levels [7]string, komentar string) url.Values {
		v := url.Values{"komentar": {komentar}}
		for i, l := range levels {
			v.Set("r_"+itoa(int64(i+1)), l)
		}
		return v
	}
	partial := url.Values{"r_1": {"diatas"}, "komentar": {"Komentar yang tetap ada"}}
	if r := reviewers[0].post(links[0], partial); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), "Pilih salah satu dari tiga tingkat.") ||
		!strings.Contains(r.text(), "Komentar yang tetap ada") || !strings.Contains(r.body, `value="diatas" checked`) {
		t.Fatalf("incomplete answer: %d %s", r.status, r.text())
	}
	d, s, b := "diatas", "sesuai", "dibawah"
	if r := reviewers[0].post(links[0], answer([7]string{d, d, s, s, s, s, b}, "Teliti menyusun dokumen.")); r.status != http.StatusSeeOther {
		t.Fatalf("answer 1: %d %s", r.status, r.text())
	}
	if r := reviewers[0].post(links[0], answer([7]string{d, d, d, d, d, d, d}, "dua kali")); r.status != http.StatusConflict {
		t.Fatalf("answering twice: %d", r.status)
	}
	if r := reviewers[1].post(links[1], answer([7]string{d, s, s, s, s, s, s}, "")); r.status != http.StatusSeeOther {
		t.Fatalf("answer 2: %d", r.status)
	}
	for who, cl := range map[string]*client{"pegawai": c, "penilai": pen} {
		r := cl.get(mine + "/rekan")
		if !strings.Contains(r.text(), "Belum cukup tanggapan") || strings.Contains(r.text(), "Teliti menyusun dokumen.") || strings.Contains(r.text(), "Di Atas Ekspektasi") {
			t.Fatalf("%s sees answers below the threshold: %s", who, r.text())
		}
	}
	if r := reviewers[3].post(links[3]+"/tolak", url.Values{"alasan": {"Jarang bekerja sama"}}); r.status != http.StatusSeeOther {
		t.Fatalf("decline: %d", r.status)
	}
	status := pen.get(mine + "/rekan").text()
	if !strings.Contains(status, "Menolak") || !strings.Contains(status, "Jarang bekerja sama") || !strings.Contains(status, "Belum menjawab") ||
		!strings.Contains(status, nameOf[rev[2]]) {
		t.Fatalf("penilai sees reviewer status: %s", status)
	}
	if r := reviewers[2].post(links[2], answer([7]string{d, s, s, s, d, s, s}, "Sangat membantu sekolah mitra.")); r.status != http.StatusSeeOther {
		t.Fatalf("answer 3: %d", r.status)
	}

	// Three answers are in, but sealed: nothing, not even their number, shows before
	// the period's one release at the move to penilaian.
	for who, cl := range map[string]*client{"pegawai": c, "penilai": pen} {
		r := cl.get(mine + "/rekan")
		if !strings.Contains(r.text(), "Belum cukup tanggapan") || strings.Contains(r.text(), "Teliti menyusun dokumen.") || strings.Contains(r.text(), "peninjau menjawab. Nama") {
			t.Fatalf("%s sees sealed answers: %s", who, r.text())
		}
	}
	per, err := a.store.ActivePeriod(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ps := a.store.Period(per.ID)
	cur, _ := ps.Get(t.Context())
	if err := ps.Move(t.Context(), store.Actor{Label: "test"}, cur.Version, "penilaian"); err != nil {
		t.Fatal(err)
	}
	if r := reviewers[3].post(links[3], answer([7]string{d, d, d, d, d, d, d}, "terlambat")); r.status != http.StatusConflict {
		t.Fatalf("an answer after the release: %d", r.status)
	}
	for who, cl := range map[string]*client{"pegawai": c, "penilai": pen} {
		r := cl.get(mine + "/rekan")
		txt := r.text()
		if strings.Contains(txt, "Belum cukup tanggapan") || !strings.Contains(txt, "3 peninjau menjawab") || !strings.Contains(txt, "Teliti menyusun dokumen.") ||
			!strings.Contains(txt, "Sangat membantu sekolah mitra.") || !strings.Contains(r.body, "<svg") {
			t.Fatalf("%s aggregate: %s", who, txt)
		}
		row := func(n string) string {
			m := regexp.MustCompile(`<td data-label="Nilai">` + n + `[^<]*</td><td[^>]*>(\d+)</td><td[^>]*>(\d+)</td><td[^>]*>(\d+)</td>`).FindStringSubmatch(r.body)
			if m == nil {
				t.Fatalf("%s: no row for value %s", who, n)
			}
			return strings.Join(m[1:], "/")
		}
		if got := row("1\\."); got != "3/0/0" {
			t.Errorf("%s value 1: %s", who, got)
		}
		if got := row("7\\."); got != "0/2/1" {
			t.Errorf("%s value 7: %s", who, got)
		}
		// No route puts a reviewer's name next to an answer: the comments section lists no names,
		// and the pegawai does not even learn who answered.
		comments := txt[strings.Index(txt, "Komentar"):strings.Index(txt, "Peninjau")]
		for _, id := range rev {
			if strings.Contains(comments, nameOf[id]) {
				t.Errorf("%s: reviewer name beside comments", who)
			}
		}
		if who == "pegawai" && (strings.Contains(txt, "Sudah menjawab") || strings.Contains(txt, "Menolak")) {
			t.Errorf("pegawai learns who answered: %s", txt)
		}
	}
	for i, cl := range reviewers[:3] {
		r := cl.get(links[i])
		if r.status != http.StatusOK || !strings.Contains(r.text(), "sudah terkirim") || strings.Contains(r.body, `checked`) {
			t.Errorf("reviewer %d sees own answers after sending: %s", i, r.text())
		}
	}
	var leaks int
	if err := a.db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE action LIKE 'rekan.%'
		AND (coalesce(after::text, '') ~ 'diatas|sesuai|dibawah|Teliti' OR coalesce(before::text, '') ~ 'diatas|sesuai|dibawah|Teliti')`).Scan(&leaks); err != nil {
		t.Fatal(err)
	}
	if leaks != 0 {
		t.Fatalf("%d audit entries carry answers", leaks)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// A pegawai with fewer rekan and bawahan than the anonymity threshold is told so
// before nomination and offered the wider pool: same-level jabatan in the OPD and
// their atasan, who can then be nominated.
func TestRekanWiderPool(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c, pen, mine := approvedSKP(t, a)
	// The staff member's unit: two rekan under the same penilai, no subordinates.
	page := pen.get(mine + "/rekan")
	txt := page.text()
	if !strings.Contains(txt, "Rekan dengan penilai yang sama dan bawahan langsung hanya 2 orang, kurang dari ambang anonimitas 3 tanggapan.") {
		t.Fatalf("no notice of the small pool: %s", txt)
	}
	for _, g := range []string{`<optgroup label="Rekan (penilai yang sama)">`, `<optgroup label="Jabatan setingkat di perangkat daerah">`, `<optgroup label="Atasan pegawai">`} {
		if !strings.Contains(page.body, g) {
			t.Errorf("candidates lack the group %s", g)
		}
	}
	atasan := regexp.MustCompile(`(?s)<optgroup label="Atasan pegawai">\s*<option value="(\d+)"`).FindStringSubmatch(page.body)
	if atasan == nil || atasan[1] != itoa(ppl.penilai.ID) {
		t.Fatalf("the atasan is not offered: %v", atasan)
	}
	if r := pen.post(mine+"/rekan", url.Values{"aksi": {"nominasi"}, "reviewer": {atasan[1]}}); r.status != http.StatusSeeOther {
		t.Fatalf("nominate the atasan: %d %s", r.status, r.text())
	}
	if r := pen.get(mine + "/rekan"); !strings.Contains(r.text(), "Atasan pegawai") {
		t.Errorf("the nomination's relation: %s", r.text())
	}
	// Someone outside the OPD is still refused.
	if r := c.post(mine+"/rekan", url.Values{"aksi": {"nominasi"}, "reviewer": {itoa(ppl.dinkesStaff.ID)}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("nominate from another OPD: %d", r.status)
	}
	// A pegawai with enough rekan sees no wider pool.
	if r := a.clientAs(ppl.penilai.NIP).get(pen.get("/skp").header.Get("Location") + "/rekan"); r.status != http.StatusOK || strings.Contains(r.text(), "kurang dari ambang anonimitas") {
		t.Errorf("the wider pool for a large unit: %s", r.text())
	}
}
