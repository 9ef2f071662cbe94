package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kinerja/internal/org"
	"kinerja/internal/seed"
	"kinerja/internal/store"
)

var initialPassword = regexp.MustCompile(`<code>([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})</code>`)

func TestResetPasswordForcesAChangeAtLogin(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	admin := a.clientAs(ppl.admin.NIP)
	// Someone signed in with the old password (a lost laptop, say).
	stolen := a.clientAs(ppl.staff.NIP)
	path := fmt.Sprintf("/pegawai/%d/akun/sandi", ppl.staff.ID)
	if r := admin.get(path); r.status != http.StatusOK || !strings.Contains(r.text(), "Atur ulang kata sandi") {
		t.Fatalf("confirm: %d", r.status)
	}
	r := admin.post(path, nil)
	m := initialPassword.FindStringSubmatch(r.body)
	if r.status != http.StatusOK || m == nil || !strings.Contains(r.text(), "hanya ditampilkan sekali") {
		t.Fatalf("reset: %d %s", r.status, r.text())
	}
	pw := m[1]
	// The reset ends that session; the admin's own goes on.
	if r := stolen.get("/"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login") {
		t.Fatalf("a session from before the reset: %d → %q", r.status, r.header.Get("Location"))
	}
	if r := admin.get("/"); r.status != http.StatusOK {
		t.Fatalf("the admin after the reset: %d", r.status)
	}

	old := a.client()
	if r := old.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}}); r.status != http.StatusUnauthorized {
		t.Fatalf("the old password still works: %d", r.status)
	}
	c := a.client()
	if r := c.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {pw}}); r.status != http.StatusSeeOther {
		t.Fatalf("login with the initial password: %d", r.status)
	}
	for _, p := range []string{"/", "/bawahan", fmt.Sprintf("/pegawai/%d", ppl.staff.ID)} {
		if r := c.get(p); r.status != http.StatusSeeOther || r.header.Get("Location") != "/akun/kata-sandi" {
			t.Fatalf("%s before changing: %d → %q", p, r.status, r.header.Get("Location"))
		}
	}
	form := c.get("/akun/kata-sandi")
	if !strings.Contains(form.text(), "Pilih kata sandi baru sebelum melanjutkan") {
		t.Fatalf("forced page: %s", form.text())
	}
	bad := c.post("/akun/kata-sandi", url.Values{"lama": {"salah"}, "baru": {"pendek"}, "ulangi": {"lain"}})
	for _, want := range []string{`id="lama-error">Kata sandi saat ini salah.`, `id="baru-error">Kata sandi paling sedikit 10 karakter.`, `id="ulangi-error">Ulangan kata sandi tidak sama.`} {
		if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, want) {
			t.Errorf("bad change lacks %s (status %d)", want, bad.status)
		}
	}
	withNIP := c.post("/akun/kata-sandi", url.Values{"lama": {pw}, "baru": {"x" + ppl.staff.NIP}, "ulangi": {"x" + ppl.staff.NIP}})
	if !strings.Contains(withNIP.text(), "tidak boleh memuat NIP") {
		t.Fatalf("a password with the NIP: %s", withNIP.text())
	}
	// A second browser signed in with the initial password too.
	other := a.client()
	if r := other.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {pw}}); r.status != http.StatusSeeOther {
		t.Fatalf("second login with the initial password: %d", r.status)
	}
	before := c.sessionToken()
	ok := c.post("/akun/kata-sandi", url.Values{"lama": {pw}, "baru": {"Sandi-Baru-Saya-2026"}, "ulangi": {"Sandi-Baru-Saya-2026"}})
	if ok.status != http.StatusSeeOther {
		t.Fatalf("change: %d %s", ok.status, ok.text())
	}
	// The browser that changed it stays signed in under a new token; the other one is out.
	if r := c.get("/"); r.status != http.StatusOK || !strings.Contains(r.text(), "Kata sandi diubah.") || c.sessionToken() == before {
		t.Fatalf("after the change: %d (token renewed: %v)", r.status, c.sessionToken() != before)
	}
	if r := other.get("/"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login") {
		t.Fatalf("the other session after the change: %d → %q", r.status, r.header.Get("Location"))
	}
	again := a.client()
	if r := again.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {"Sandi-Baru-Saya-2026"}}); r.status != http.StatusSeeOther {
		t.Fatalf("login with the chosen password: %d", r.status)
	}
	for action, want := range map[string]int{"akun.atur_ulang_sandi": 1, "akun.ganti_sandi": 1} {
		if e, _ := a.store.ListAudit(t.Context(), store.AuditFilter{Action: action}); len(e) != want {
			t.Errorf("audit %s: %d", action, len(e))
		}
	}
	entries, _ := a.store.ListAudit(t.Context(), store.AuditFilter{Entity: "akun"})
	for _, e := range entries {
		if strings.Contains(fmt.Sprint(e.Before, e.After), pw) || strings.Contains(fmt.Sprint(e.After), "argon2") {
			t.Fatal("the audit log holds a password or a hash")
		}
	}
}

func TestGrantAndRevokeAdmin(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	admin := a.clientAs(ppl.admin.NIP)
	path := fmt.Sprintf("/pegawai/%d/akun/admin", ppl.penilai.ID)
	if r := admin.post(path, url.Values{"admin": {"true"}}); r.status != http.StatusSeeOther {
		t.Fatalf("grant: %d %s", r.status, r.text())
	}
	c := a.clientAs(ppl.penilai.NIP)
	if r := c.get("/organisasi"); r.status != http.StatusOK {
		t.Fatalf("new admin on /organisasi: %d", r.status)
	}
	own := admin.post(fmt.Sprintf("/pegawai/%d/akun/admin", ppl.admin.ID), url.Values{"admin": {"false"}})
	if own.status != http.StatusUnprocessableEntity || !strings.Contains(own.text(), "dari akun Anda sendiri") {
		t.Fatalf("revoke own: %d %s", own.status, own.text())
	}
	if r := admin.post(path, url.Values{"admin": {"false"}}); r.status != http.StatusSeeOther {
		t.Fatalf("revoke: %d", r.status)
	}
	if r := c.get("/organisasi"); r.status != http.StatusForbidden {
		t.Fatalf("revoked admin on /organisasi: %d", r.status)
	}
	if r := admin.post(path, url.Values{"admin": {"false"}}); r.status != http.StatusSeeOther {
		t.Fatalf("stale form: %d", r.status)
	}
	for action, want := range map[string]int{"akun.beri_admin": 1, "akun.cabut_admin": 1} {
		if e, _ := a.store.ListAudit(t.Context(), store.AuditFilter{Action: action}); len(e) != want {
			t.Errorf("audit %s: %d", action, len(e))
		}
	}
}

func TestBulkAccounts(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	gols, _ := a.store.ListGolongan(t.Context())
	var ids []int64
	for i, nip := range []string{"199601012021011001", "199602022021012002"} {
		in, errs := org.CheckPegawaiInput(org.PegawaiInput{NIP: nip, Nama: fmt.Sprintf("Tanpa Akun %d", i+1), JenisASN: "PNS", Golongan: "III/a",
			Jabatan: "Pengadministrasi Perkantoran", JenisJabatan: "pelaksana"}, store.GolonganChecker(gols), time.Now().UTC())
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		id, err := a.store.SavePegawai(t.Context(), store.Actor{Label: "test"}, store.PegawaiChange{UnitID: ppl.seksiUnit, In: in})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	admin := a.clientAs(ppl.admin.NIP)
	if r := admin.get(fmt.Sprintf("/akun?opd=%d", ppl.disdikOPD)); !strings.Contains(r.text(), "2 pegawai aktif belum memiliki akun") {
		t.Fatalf("bulk form: %s", r.text())
	}
	r := admin.post("/akun/massal", url.Values{"opd": {fmt.Sprint(ppl.disdikOPD)}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("start: %d", r.status)
	}
	job := r.header.Get("Location")
	var page resp
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		page = admin.get(job)
		if !strings.Contains(page.body, `http-equiv="refresh"`) {
			break
		}
	}
	if !strings.Contains(page.text(), "2 akun dibuat") || !strings.Contains(page.text(), "hanya dapat diunduh sekali") {
		t.Fatalf("result: %s", page.text())
	}
	if m := initialPassword.FindAllString(page.body, -1); len(m) != 0 {
		t.Fatalf("the result page shows passwords: %v", m)
	}
	// Another admin can neither read nor download the list.
	other := a.client()
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE akun SET admin_bkd = true WHERE pegawai_id = $1`, ppl.penilai.ID); err != nil {
		t.Fatal(err)
	}
	other.login(ppl.penilai.NIP)
	for _, p := range []string{job, job + "/daftar.csv"} {
		if r := other.get(p); r.status != http.StatusNotFound {
			t.Fatalf("another admin GET %s: %d", p, r.status)
		}
	}
	if r := other.post(job+"/hapus", nil); r.status != http.StatusNotFound {
		t.Fatalf("another admin deletes the list: %d", r.status)
	}
	// At rest the list is sealed: neither a NIP nor a password is in the row.
	var sealed []byte
	if err := a.db.Pool.QueryRow(t.Context(), `SELECT berkas FROM tugas WHERE jenis = 'akun_massal'`).Scan(&sealed); err != nil || len(sealed) == 0 {
		t.Fatalf("sealed list: %d bytes, %v", len(sealed), err)
	}
	dl := admin.get(job + "/daftar.csv")
	if dl.status != http.StatusOK || !strings.Contains(dl.body, "199601012021011001") || !strings.HasPrefix(dl.body, "\xEF\xBB\xBF") {
		t.Fatalf("download: %d %s", dl.status, dl.body)
	}
	c := a.client()
	nip := "199601012021011001"
	pw := ""
	for _, line := range strings.Split(dl.body, "\n") {
		if strings.HasPrefix(line, nip) {
			pw = strings.Split(strings.TrimSpace(line), ",")[2]
		}
	}
	if pw == "" || bytes.Contains(sealed, []byte(pw)) || bytes.Contains(sealed, []byte(nip)) {
		t.Fatalf("password %q readable at rest", pw)
	}
	// Once: the second download finds nothing, and the row holds no list any more.
	if r := admin.get(job + "/daftar.csv"); r.status != http.StatusNotFound || !strings.Contains(r.text(), "sudah diunduh") {
		t.Fatalf("second download: %d %s", r.status, r.text())
	}
	var left int
	if err := a.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM tugas WHERE berkas IS NOT NULL`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("lists left at rest: %d %v", left, err)
	}
	if r := admin.get(job); !strings.Contains(r.text(), "sudah diunduh pada") {
		t.Fatalf("after download: %s", r.text())
	}
	if r := c.post("/login", url.Values{"nip": {nip}, "password": {pw}}); r.status != http.StatusSeeOther {
		t.Fatalf("login with a bulk password: %d", r.status)
	}
	if r := admin.post(job+"/hapus", nil); r.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", r.status)
	}
	if r := admin.get(job); r.status != http.StatusNotFound || !strings.Contains(r.text(), "Daftar tidak tersedia") {
		t.Fatalf("after delete: %d", r.status)
	}
	if r := admin.get(fmt.Sprintf("/akun?opd=%d", ppl.disdikOPD)); !strings.Contains(r.text(), "0 pegawai aktif belum memiliki akun") {
		t.Fatalf("after: %s", r.text())
	}
}

func TestAccountRoutesAreForAdmins(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	c := a.clientAs(ppl.kepalaDisdik.NIP)
	for _, p := range []string{"/akun", fmt.Sprintf("/pegawai/%d/akun/sandi", ppl.staff.ID), fmt.Sprintf("/pegawai/%d/akun/admin", ppl.staff.ID), "/akun/massal/1", "/akun/terkunci"} {
		if r := c.get(p); r.status != http.StatusForbidden {
			t.Errorf("GET %s: %d", p, r.status)
		}
	}
	for _, p := range []string{"/akun/massal", fmt.Sprintf("/pegawai/%d/akun/sandi", ppl.staff.ID), fmt.Sprintf("/pegawai/%d/akun/admin", ppl.kepalaDisdik.ID), "/akun/terkunci/buka"} {
		if r := c.post(p, url.Values{"admin": {"true"}}); r.status != http.StatusForbidden {
			t.Errorf("POST %s: %d", p, r.status)
		}
	}
	if info, _ := a.store.GetAkunInfo(t.Context(), ppl.kepalaDisdik.ID); info.AdminBKD {
		t.Fatal("a kepala OPD made themself admin")
	}
	// Everyone may change their own password.
	if r := c.get("/akun/kata-sandi"); r.status != http.StatusOK {
		t.Fatalf("own password page: %d", r.status)
	}
}

// TestAdminSeesAndLiftsLoginLocks checks the Admin BKD's list of held logins: a NIP
// guessed at from one address is held there only, the list names the pegawai and
// the address, and lifting the hold lets the address sign in again, with an audit
// entry; lifting a hold that has gone is a 409 with the list.
func TestAdminSeesAndLiftsLoginLocks(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	admin := a.clientAs(ppl.admin.NIP)
	if r := admin.get("/akun/terkunci"); r.status != http.StatusOK || !strings.Contains(r.text(), "Tidak ada akun atau alamat yang sedang tertahan.") {
		t.Fatalf("empty list: %d %s", r.status, r.text())
	}
	guesser := a.client()
	for i := range 5 {
		if r := guesser.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {"salah"}}); r.status != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i+1, r.status)
		}
	}
	if r := guesser.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}}); r.status != http.StatusTooManyRequests {
		t.Fatalf("held: %d", r.status)
	}
	r := admin.get("/akun/terkunci")
	if r.status != http.StatusOK || !strings.Contains(r.text(), ppl.staff.Nama) || !strings.Contains(r.text(), "NIP dari satu alamat") || !strings.Contains(r.text(), "127.0.0.1") {
		t.Fatalf("list: %s", r.text())
	}
	key := "pair:" + ppl.staff.NIP + "|127.0.0.1"
	if !strings.Contains(r.body, `value="`+key+`"`) {
		t.Fatalf("no lift button for %s", key)
	}
	if r := admin.post("/akun/terkunci/buka", url.Values{"kunci": {key}}); r.status != http.StatusSeeOther {
		t.Fatalf("lift: %d %s", r.status, r.text())
	}
	if r := admin.get("/akun/terkunci"); !strings.Contains(r.text(), "Kunci dibuka.") || strings.Contains(r.body, `value="`+key+`"`) {
		t.Fatalf("after the lift: %s", r.text())
	}
	if r := admin.post("/akun/terkunci/buka", url.Values{"kunci": {key}}); r.status != http.StatusConflict || !strings.Contains(r.text(), "Kunci itu sudah tidak berlaku.") {
		t.Fatalf("lift again: %d %s", r.status, r.text())
	}
	if r := guesser.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}}); r.status != http.StatusSeeOther {
		t.Fatalf("after the lift: %d %s", r.status, r.text())
	}
	entries, err := a.store.ListAudit(t.Context(), store.AuditFilter{Action: "akun.buka_kunci"})
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit: %d %v", len(entries), err)
	}
}
