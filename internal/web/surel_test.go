package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kinerja/internal/mailtest"
	"kinerja/internal/metrics"
	"kinerja/internal/queue"
	"kinerja/internal/seed"
	"kinerja/internal/web"
)

const testBase = "http://kinerja.test"

// mailApp is an app that sends mail through a real Mailpit.
func mailApp(t *testing.T) (*app, *mailtest.Server) {
	t.Helper()
	mp := mailtest.Start(t)
	a := newApp(t, false, func(o *web.Options) { o.SMTP, o.BaseURL = mp.SMTP, testBase })
	return a, mp
}

// linkIn finds the first link to path in a mail and returns it relative to the site.
func linkIn(t *testing.T, text, path string) string {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(testBase+path) + `[^\s]*`).FindString(text)
	if m == "" {
		t.Fatalf("no link to %s in: %s", path, text)
	}
	return strings.TrimPrefix(m, testBase)
}

// verifyAddress has the signed-in person enter an address and confirm it from the
// mail that arrives (the n-th message of the server).
func verifyAddress(t *testing.T, c *client, mp *mailtest.Server, addr string, n int) {
	t.Helper()
	form := c.get("/pemberitahuan/pengaturan")
	if form.status != http.StatusOK {
		t.Fatalf("settings: %d", form.status)
	}
	if r := c.post("/pemberitahuan/pengaturan", url.Values{"aksi": {"surel"}, "surel": {addr}}); r.status != http.StatusSeeOther {
		t.Fatalf("enter address: %d %s", r.status, r.text())
	}
	msgs := mp.Wait(t, n, 30*time.Second)
	m := msgs[n-1]
	if m.To != addr || m.Subject != "[Kinerja] Konfirmasi alamat surel" {
		t.Fatalf("confirmation mail: %+v", m)
	}
	link := linkIn(t, mp.Text(t, m.ID), "/surel/konfirmasi?token=")
	page := c.get(link)
	if page.status != http.StatusOK || !strings.Contains(page.text(), "Pakai "+addr) {
		t.Fatalf("confirmation page: %d %s", page.status, page.text())
	}
	// Opening the link changes nothing; the button does.
	if set := c.get("/pemberitahuan/pengaturan").text(); strings.Contains(set, addr+" (terverifikasi)") {
		t.Fatal("opening the link confirmed the address")
	}
	token := strings.TrimPrefix(link, "/surel/konfirmasi?token=")
	if r := c.post("/surel/konfirmasi", url.Values{"token": {token}}); r.status != http.StatusSeeOther {
		t.Fatalf("confirm: %d %s", r.status, r.text())
	}
	if set := c.get("/pemberitahuan/pengaturan").text(); !strings.Contains(set, addr+" (terverifikasi)") {
		t.Fatalf("after confirming: %s", set)
	}
	if r := c.post("/surel/konfirmasi", url.Values{"token": {token}}); r.status != http.StatusNotFound || !strings.Contains(r.text(), "tidak berlaku lagi") {
		t.Fatalf("a used link: %d %s", r.status, r.text())
	}
}

// TestNoticesAreMailed: an address is confirmed by a link; a notice is mailed at
// once through the real SMTP server with its link; "ringkasan" and "mati" send none
// at once; a bad address is refused beside the field.
func TestNoticesAreMailed(t *testing.T) {
	t.Parallel()
	a, mp := mailApp(t)
	ppl := a.people()
	openPeriod(t, a)
	pen := penilaiWithRHK(t, a)

	bad := pen.post("/pemberitahuan/pengaturan", url.Values{"aksi": {"surel"}, "surel": {"bukan alamat"}})
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, `id="surel-error">Tuliskan alamat surel yang valid`) ||
		!strings.Contains(bad.body, `value="bukan alamat"`) || !strings.Contains(bad.text(), "Ada yang perlu diperbaiki") {
		t.Fatalf("bad address: %d %s", bad.status, bad.text())
	}
	if r := pen.post("/pemberitahuan/pengaturan", url.Values{"aksi": {"preferensi"}, "preferensi": {"sering"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.body, `id="preferensi-error"`) {
		t.Fatalf("bad preference: %d", r.status)
	}
	verifyAddress(t, pen, mp, "dian.safitri@disdik.example.go.id", 1)

	c := a.clientAs(ppl.staff.NIP)
	mine := submittedSKP(t, c)
	msgs := mp.Wait(t, 2, 30*time.Second)
	m := msgs[1]
	if m.To != "dian.safitri@disdik.example.go.id" || !strings.Contains(m.Subject, "[Kinerja] SKP "+ppl.staff.Nama) || !strings.Contains(m.Subject, "menunggu persetujuan Anda") {
		t.Fatalf("notice mail: %+v", m)
	}
	text := mp.Text(t, m.ID)
	if linkIn(t, text, "/skp/") != mine || !strings.Contains(text, testBase+"/pemberitahuan/pengaturan") {
		t.Fatalf("notice mail text: %s", text)
	}

	// A digest preference: the next notice waits for the day's digest.
	if r := pen.post("/pemberitahuan/pengaturan", url.Values{"aksi": {"preferensi"}, "preferensi": {"ringkasan"}}); r.status != http.StatusSeeOther {
		t.Fatalf("preference: %d %s", r.status, r.text())
	}
	review := pen.get(mine)
	pen.post(mine+"/keputusan", url.Values{"version": {formVersionOf(t, review.body)}, "keputusan": {"kembalikan"}, "catatan": {"Tambahkan indikator kualitas"}})
	page := c.get(mine)
	c.post(mine+"/ajukan", url.Values{"version": {formVersionOf(t, page.body)}})
	if !strings.Contains(pen.get("/pemberitahuan").text(), "Ringkasan harian") {
		t.Fatal("the list does not name the preference")
	}
	var queued int
	if err := a.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM surel`).Scan(&queued); err != nil || queued != 2 {
		t.Fatalf("mails queued with a digest preference: %d %v", queued, err)
	}
	// The day's digest: the unread notices in one mail, once however often the job runs.
	runJob(t, a, queue.Pengingat{})
	msgs = mp.Wait(t, 3, 30*time.Second)
	d := msgs[2]
	if d.To != "dian.safitri@disdik.example.go.id" || d.Subject != "[Kinerja] Ringkasan harian: 2 pemberitahuan baru" {
		t.Fatalf("digest: %+v", d)
	}
	if text := mp.Text(t, d.ID); strings.Count(text, "menunggu persetujuan Anda") != 2 || !strings.Contains(text, testBase+mine) {
		t.Fatalf("digest text: %s", text)
	}
	runJob(t, a, queue.Pengingat{})
	time.Sleep(time.Second)
	if n := mp.Count(t); n != 3 {
		t.Fatalf("%d mails after a second run, want 3", n)
	}
}

// TestMailSurvivesAnSMTPOutage: while the server is down the mail waits, counts no
// attempt and is shown in the Kotak Keluar; when the server is back it is sent once.
func TestMailSurvivesAnSMTPOutage(t *testing.T) {
	t.Parallel()
	a, mp := mailApp(t)
	ppl := a.people()
	openPeriod(t, a)
	pen := penilaiWithRHK(t, a)
	verifyAddress(t, pen, mp, "penilai@example.go.id", 1)

	mp.Stop(t)
	c := a.clientAs(ppl.staff.NIP)
	submittedSKP(t, c)
	var galat string
	var attempts int
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(100 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}
	waitFor("the failed attempt", func() bool {
		if err := a.db.Pool.QueryRow(t.Context(), `SELECT galat, percobaan FROM surel WHERE jenis = 'pemberitahuan'`).Scan(&galat, &attempts); err != nil {
			t.Fatal(err)
		}
		return galat != ""
	})
	if attempts != 0 || !strings.Contains(galat, "tidak terjangkau") {
		t.Fatalf("during the outage: %d attempts, %q", attempts, galat)
	}
	admin := a.clientAs(ppl.admin.NIP)
	box := admin.get("/surel?status=antri")
	if box.status != http.StatusOK || !strings.Contains(box.text(), "penilai@example.go.id") || !strings.Contains(box.text(), "tidak terjangkau") {
		t.Fatalf("Kotak Keluar during the outage: %d %s", box.status, box.text())
	}
	if r := c.get("/surel"); r.status != http.StatusForbidden {
		t.Fatalf("a pegawai opens the Kotak Keluar: %d", r.status)
	}

	mp.Restart(t)
	// The retry time comes (DeferMail waits a minute), and the sender runs.
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE surel SET berikut_at = now() WHERE status = 'antri'`); err != nil {
		t.Fatal(err)
	}
	if err := a.store.Enqueue(t.Context(), queue.KirimSurel{}); err != nil {
		t.Fatal(err)
	}
	msgs := mp.Wait(t, 1, 30*time.Second)
	if len(msgs) != 1 || !strings.Contains(msgs[0].Subject, "menunggu persetujuan Anda") {
		t.Fatalf("after the outage: %+v", msgs)
	}
	waitFor("terkirim", func() bool {
		return strings.Contains(admin.get("/surel?status=terkirim").text(), "penilai@example.go.id")
	})
	if err := a.store.Enqueue(t.Context(), queue.KirimSurel{}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if n := mp.Count(t); n != 1 {
		t.Fatalf("%d mails after another run, want 1 (sent once)", n)
	}
}

// TestForgottenPassword: the answer is the same for any NIP; only an account with a
// verified address gets a link, which works once, renews the password and ends the
// other sessions; its text is hidden in the Kotak Keluar.
func TestForgottenPassword(t *testing.T) {
	t.Parallel()
	a, mp := mailApp(t)
	ppl := a.people()
	staff := a.clientAs(ppl.staff.NIP)
	verifyAddress(t, staff, mp, "staf@example.go.id", 1)

	anon := a.client()
	if r := anon.get("/login"); !strings.Contains(r.body, `href="/lupa-sandi"`) {
		t.Fatal("no forgotten-password link on the login page")
	}
	if r := anon.post("/lupa-sandi", url.Values{"nip": {"12345"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="nip-error">NIP harus 18 digit angka.`) {
		t.Fatalf("malformed NIP: %d", r.status)
	}
	answer := func(nip string) string {
		r := anon.post("/lupa-sandi", url.Values{"nip": {nip}})
		if r.status != http.StatusOK {
			t.Fatalf("lupa sandi %s: %d", nip, r.status)
		}
		return regexp.MustCompile(`(?s)<main id="isi">.*</main>`).FindString(strings.ReplaceAll(r.body, nip, "NIP"))
	}
	withMail, withoutMail, unknown := answer(ppl.staff.NIP), answer(ppl.penilai.NIP), answer("199001012020011999")
	if withMail != withoutMail || withMail != unknown || !strings.Contains(withMail, "Bila NIP itu terdaftar") {
		t.Fatalf("the answers differ:\n%s\n%s\n%s", withMail, withoutMail, unknown)
	}
	msgs := mp.Wait(t, 2, 30*time.Second)
	time.Sleep(time.Second) // the other two jobs had their chance to mail
	if n := mp.Count(t); n != 2 || msgs[1].To != "staf@example.go.id" || msgs[1].Subject != "[Kinerja] Atur ulang kata sandi" {
		t.Fatalf("reset mails: %d %+v", n, msgs)
	}
	link := linkIn(t, mp.Text(t, msgs[1].ID), "/lupa-sandi/atur?token=")
	token := strings.TrimPrefix(link, "/lupa-sandi/atur?token=")

	admin := a.clientAs(ppl.admin.NIP)
	box := admin.get("/surel")
	id := regexp.MustCompile(`href="(/surel/\d+)">\[Kinerja\] Atur ulang kata sandi`).FindStringSubmatch(box.body)
	if id == nil {
		t.Fatalf("reset mail not in the Kotak Keluar: %s", box.text())
	}
	if d := admin.get(id[1]); strings.Contains(d.body, token) || !strings.Contains(d.text(), "tidak ditampilkan") {
		t.Fatalf("the reset mail's text is shown: %s", d.text())
	}

	page := anon.get(link)
	if page.status != http.StatusOK || !strings.Contains(page.text(), "Pilih kata sandi baru") {
		t.Fatalf("reset page: %d", page.status)
	}
	if r := anon.post("/lupa-sandi/atur", url.Values{"token": {token}, "baru": {"pendek"}, "ulangi": {"lain"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.body, `id="ulangi-error"`) || !strings.Contains(r.body, `id="baru-error"`) {
		t.Fatalf("bad new password: %d %s", r.status, r.text())
	}
	const fresh = "Kinerja-Baru-2026!"
	if r := anon.post("/lupa-sandi/atur", url.Values{"token": {token}, "baru": {fresh}, "ulangi": {fresh}}); r.status != http.StatusSeeOther {
		t.Fatalf("reset: %d %s", r.status, r.text())
	}
	// The old session ended; the old password no longer works; the new one does.
	if r := staff.get("/"); r.status != http.StatusSeeOther {
		t.Fatalf("the old session survived the reset: %d", r.status)
	}
	old := a.client()
	if r := old.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {seed.DemoPassword}}); r.status == http.StatusSeeOther {
		t.Fatal("the old password still works")
	}
	nw := a.client()
	if r := nw.post("/login", url.Values{"nip": {ppl.staff.NIP}, "password": {fresh}}); r.status != http.StatusSeeOther {
		t.Fatalf("login with the new password: %d %s", r.status, r.text())
	}
	if r := anon.post("/lupa-sandi/atur", url.Values{"token": {token}, "baru": {fresh + "x"}, "ulangi": {fresh + "x"}}); r.status != http.StatusNotFound {
		t.Fatalf("a used link: %d", r.status)
	}
	if r := anon.get("/lupa-sandi/atur?token=rusak"); r.status != http.StatusNotFound || !strings.Contains(r.text(), "Minta tautan baru") {
		t.Fatalf("a mangled link: %d", r.status)
	}

	// Throttled: past ResetPerHour links an hour, no more mail, the same answer.
	for range 4 {
		answer(ppl.staff.NIP)
	}
	time.Sleep(2 * time.Second)
	var links int
	if err := a.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM token_surel WHERE jenis = 'reset'`).Scan(&links); err != nil || links != 3 {
		t.Fatalf("reset links made in an hour: %d %v (want the limit, 3)", links, err)
	}
}

// TestRefusedMailIsKeptAndResent: a recipient the SMTP server refuses for good makes
// the mail gagal at once, with the server's answer in the Kotak Keluar; the Admin BKD
// sends it again once the server takes it.
func TestRefusedMailIsKeptAndResent(t *testing.T) {
	t.Parallel()
	mp := mailtest.Start(t, "--smtp-allowed-recipients", `@example\.go\.id$`)
	a := newApp(t, false, func(o *web.Options) { o.SMTP, o.BaseURL = mp.SMTP, testBase })
	ppl := a.people()
	staff := a.clientAs(ppl.staff.NIP)
	if r := staff.post("/pemberitahuan/pengaturan", url.Values{"aksi": {"surel"}, "surel": {"staf@pribadi.example.com"}}); r.status != http.StatusSeeOther {
		t.Fatalf("enter address: %d %s", r.status, r.text())
	}
	var status, galat string
	var attempts int
	for deadline := time.Now().Add(30 * time.Second); status != "gagal"; time.Sleep(100 * time.Millisecond) {
		if err := a.db.Pool.QueryRow(t.Context(), `SELECT status, galat, percobaan FROM surel`).Scan(&status, &galat, &attempts); err != nil {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the refused mail is %s (%q)", status, galat)
		}
	}
	if attempts != 1 || galat == "" || mp.Count(t) != 0 {
		t.Fatalf("refused: %d attempts, %q, %d received", attempts, galat, mp.Count(t))
	}
	admin := a.clientAs(ppl.admin.NIP)
	box := admin.get("/surel?status=gagal")
	link := regexp.MustCompile(`href="(/surel/\d+)"`).FindStringSubmatch(box.body)
	if link == nil || !strings.Contains(box.text(), "staf@pribadi.example.com") {
		t.Fatalf("Kotak Keluar: %s", box.text())
	}
	detail := admin.get(link[1])
	if !strings.Contains(detail.body, `/kirim-ulang"`) || !strings.Contains(detail.text(), "tidak ditampilkan") {
		t.Fatalf("detail of the failed mail: %s", detail.text())
	}
	// The server now takes every recipient; the admin sends it again.
	mp.Stop(t)
	mp.Args = nil
	mp.Restart(t)
	if r := admin.post(link[1]+"/kirim-ulang", nil); r.status != http.StatusSeeOther {
		t.Fatalf("resend: %d %s", r.status, r.text())
	}
	msgs := mp.Wait(t, 1, 30*time.Second)
	if msgs[0].To != "staf@pribadi.example.com" || msgs[0].Subject != "[Kinerja] Konfirmasi alamat surel" {
		t.Fatalf("resent: %+v", msgs)
	}
	if r := admin.post(link[1]+"/kirim-ulang", nil); r.status != http.StatusConflict {
		t.Fatalf("resending a mail that did not fail: %d", r.status)
	}
	var audited int
	if err := a.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM audit_log WHERE action = 'surel.kirim_ulang'`).Scan(&audited); err != nil || audited != 1 {
		t.Fatalf("resends audited: %d %v", audited, err)
	}
}

// TestMailRateSpreadsABurst: with MailRate 20, sixty queued mails take at least two
// and a half seconds to reach the server (a batch of 50, then the rest), all of them.
func TestMailRateSpreadsABurst(t *testing.T) {
	t.Parallel()
	mp := mailtest.Start(t)
	a := newApp(t, false, func(o *web.Options) { o.SMTP, o.BaseURL, o.MailRate = mp.SMTP, testBase, 20 })
	if _, err := a.db.Pool.Exec(t.Context(), `
		INSERT INTO surel (jenis, kepada, subjek, teks)
		SELECT 'ringkasan', 'p' || i || '@example.go.id', '[Kinerja] Ringkasan ' || i, 'Isi ' || i FROM generate_series(1, 60) i`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := a.store.Enqueue(t.Context(), queue.KirimSurel{}); err != nil {
		t.Fatal(err)
	}
	mp.Wait(t, 60, 60*time.Second)
	if took := time.Since(start); took < 2500*time.Millisecond {
		t.Fatalf("60 mails at 20 a second took %s", took)
	}
	if n := mp.Count(t); n != 60 {
		t.Fatalf("%d mails received, want 60", n)
	}
}

// TestMetricsOnTheMainAddressCountMail: with only a token, /metrics is served on the
// main address to its bearer; the mail handed to SMTP is counted.
func TestMetricsOnTheMainAddressCountMail(t *testing.T) {
	t.Parallel()
	mp := mailtest.Start(t)
	const token = "token-metrik-untuk-uji"
	a := newApp(t, false, func(o *web.Options) {
		o.SMTP, o.BaseURL, o.Metrics, o.MetricsToken = mp.SMTP, testBase, metrics.New(nil), token
	})
	if _, err := a.db.Pool.Exec(t.Context(), `
		INSERT INTO surel (jenis, kepada, subjek, teks)
		SELECT 'ringkasan', 'p' || i || '@example.go.id', '[Kinerja] Ringkasan ' || i, 'Isi' FROM generate_series(1, 3) i`); err != nil {
		t.Fatal(err)
	}
	if err := a.store.Enqueue(t.Context(), queue.KirimSurel{}); err != nil {
		t.Fatal(err)
	}
	mp.Wait(t, 3, 30*time.Second)
	c := a.client()
	if r := c.get("/metrics"); r.status != http.StatusUnauthorized {
		t.Fatalf("without the token: %d", r.status)
	}
	var body string
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(body, "kinerja_mail_sent_total 3"); time.Sleep(100 * time.Millisecond) {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, a.srv.URL+"/metrics", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		r := c.do(req)
		body = r.body
		if time.Now().After(deadline) {
			t.Fatalf("metrics: %d %s", r.status, body)
		}
	}
}
