package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"kinerja/internal/queue"
)

// runJob inserts a job and waits until River completes it. A unique job already
// waiting or running is waited for first, so the run seen is one that started now.
func runJob(t *testing.T, a *app, args river.JobArgs) {
	t.Helper()
	jobs := must(queue.NewInserter(a.db.Pool))
	for range 10 {
		res, err := jobs.Insert(t.Context(), args, nil)
		if err != nil {
			t.Fatal(err)
		}
		waitJob(t, a, res.Job.ID)
		if !res.UniqueSkippedAsDuplicate {
			return
		}
	}
	t.Fatal("the job never ran on its own")
}

// notices counts the notices of a kind (jenis) in the database.
func notices(t *testing.T, a *app, jenis string) int {
	t.Helper()
	var n int
	if err := a.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM pemberitahuan WHERE jenis = $1`, jenis).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRemindersAndEscalation drives the reminder job with the server's clock: nothing
// before 07:00; three days before the tenggat perencanaan each pegawai without a
// submitted plan and each penilai with a summary are reminded once, however often it
// runs; three days after it, the penilai's own penilai hears of the plan still
// waiting for a decision, once.
func TestRemindersAndEscalation(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	openPeriod(t, a)
	penilaiWithRHK(t, a)
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE periode SET tenggat_perencanaan = '2026-12-20'`); err != nil {
		t.Fatal(err)
	}
	a.clock.set(time.Date(2026, 12, 17, 6, 30, 0, 0, time.UTC))
	runJob(t, a, queue.Pengingat{})
	if n := notices(t, a, "pengingat"); n != 0 {
		t.Fatalf("%d reminders before 07:00", n)
	}

	a.clock.set(time.Date(2026, 12, 17, 8, 0, 0, 0, time.UTC))
	runJob(t, a, queue.Pengingat{})
	own, summaries := notices(t, a, "pengingat"), notices(t, a, "pengingat.penilai")
	if own < 2 || summaries < 1 {
		t.Fatalf("reminders: %d own, %d summaries", own, summaries)
	}
	c := a.clientAs(ppl.staff.NIP)
	if n := c.get("/pemberitahuan").text(); !strings.Contains(n, "Pengingat: SKP Anda belum diajukan atau belum disetujui") ||
		!strings.Contains(n, "Tenggat perencanaan 20 Desember 2026 (3 hari lagi).") {
		t.Fatalf("staff's reminder: %s", n)
	}
	// (New sessions: the clock moved past the others' idle time.)
	if n := a.clientAs(ppl.penilai.NIP).get("/pemberitahuan").text(); !strings.Contains(n, "Ringkasan bawahan:") || !strings.Contains(n, "bawahan belum mengajukan SKP") {
		t.Fatalf("penilai's summary: %s", n)
	}
	// Run again, later the same day: nothing twice.
	a.clock.set(time.Date(2026, 12, 17, 15, 0, 0, 0, time.UTC))
	runJob(t, a, queue.Pengingat{})
	if o, s := notices(t, a, "pengingat"), notices(t, a, "pengingat.penilai"); o != own || s != summaries {
		t.Fatalf("a rerun sent more: %d→%d own, %d→%d summaries", own, o, summaries, s)
	}

	// The staff submits; the penilai lets it wait past the deadline.
	submittedSKP(t, a.clientAs(ppl.staff.NIP))
	a.clock.set(time.Date(2026, 12, 22, 8, 0, 0, 0, time.UTC))
	runJob(t, a, queue.Pengingat{})
	if n := notices(t, a, "eskalasi"); n != 0 {
		t.Fatalf("%d escalations two days after the deadline (the setting is 3)", n)
	}
	a.clock.set(time.Date(2026, 12, 23, 8, 0, 0, 0, time.UTC))
	runJob(t, a, queue.Pengingat{})
	runJob(t, a, queue.Pengingat{})
	atasan := a.clientAs(a.pegawai(ppl.penilai.AtasanID).NIP)
	n := atasan.get("/pemberitahuan").text()
	if !strings.Contains(n, "Eskalasi: "+ppl.penilai.Nama) || !strings.Contains(n, "belum memutuskan 1 SKP bawahannya") ||
		!strings.Contains(n, "Tenggat perencanaan 20 Desember 2026 sudah lewat") {
		t.Fatalf("atasan's escalation: %s", n)
	}
	var mine int
	if err := a.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM pemberitahuan WHERE jenis = 'eskalasi' AND judul LIKE '%' || $1 || '%'`, ppl.penilai.Nama).Scan(&mine); err != nil || mine != 1 {
		t.Fatalf("escalations about the penilai: %d %v, want 1", mine, err)
	}
	// Listed in Laporan: the Admin BKD sees it, with its file; so does the atasan it was reported to.
	admin := a.clientAs(ppl.admin.NIP)
	rep := admin.get("/laporan/tunggakan")
	if rep.status != 200 || !strings.Contains(rep.text(), ppl.penilai.Nama) || !strings.Contains(rep.text(), "perencanaan (20 Desember 2026)") ||
		!strings.Contains(rep.body, "<svg") {
		t.Fatalf("Laporan Tunggakan: %d %s", rep.status, rep.text())
	}
	if csv := admin.get("/laporan/tunggakan/unduh.csv"); csv.status != 200 || !strings.Contains(csv.body, ppl.penilai.NIP) || !strings.Contains(csv.body, "2026-12-20") {
		t.Fatalf("Tunggakan CSV: %d %s", csv.status, csv.body)
	}
	if r := atasan.get("/laporan/tunggakan"); !strings.Contains(r.text(), ppl.penilai.Nama) {
		t.Fatalf("the atasan's Laporan Tunggakan: %d %s", r.status, r.text())
	}
	if r := a.clientAs(ppl.staff.NIP).get("/laporan/tunggakan"); r.status != 403 {
		t.Fatalf("a pegawai opens Laporan Tunggakan: %d", r.status)
	}
}

// TestRemindersAtACheckinAndTheYear: three days before a check-in ends the pegawai
// is reminded of the realisasi and the penilai of the umpan balik and the ratings
// owed; three days before the tenggat penilaian the pegawai of the self-assessment.
func TestRemindersAtACheckinAndTheYear(t *testing.T) {
	t.Parallel()
	a := newApp(t, false)
	ppl := a.people()
	_, _, mine := approvedSKP(t, a)
	a.clock.set(time.Date(2026, 12, 28, 8, 0, 0, 0, time.UTC))
	runJob(t, a, queue.Pengingat{})
	staff := a.clientAs(ppl.staff.NIP)
	n := staff.get("/pemberitahuan")
	if !strings.Contains(n.text(), "Pengingat: realisasi Triwulan IV Anda belum diisi") || !strings.Contains(n.text(), "Tenggat Triwulan IV 31 Desember 2026 (3 hari lagi).") {
		t.Fatalf("staff's check-in reminder: %s", n.text())
	}
	if r := staff.get(firstNotice(t, n)); r.header.Get("Location") != mine+"/realisasi?ke=4" {
		t.Fatalf("the reminder goes to %q", r.header.Get("Location"))
	}
	pen := a.clientAs(ppl.penilai.NIP).get("/pemberitahuan").text()
	if !strings.Contains(pen, "1 bawahan belum diberi umpan balik Triwulan IV") || !strings.Contains(pen, "1 bawahan belum dinilai (penilaian Triwulan IV)") {
		t.Fatalf("penilai's check-in summary: %s", pen)
	}

	// The year: in the Penilaian phase, three days before its tenggat.
	admin := a.clientAs(ppl.admin.NIP)
	pr, err := a.store.ActivePeriod(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if r := admin.post(periodeHref(pr.ID)+"/fase", url.Values{"version": {strconv.Itoa(pr.Version)}, "ke": {"penilaian"}}); r.status != http.StatusSeeOther {
		t.Fatalf("penilaian: %d %s", r.status, r.text())
	}
	if _, err := a.db.Pool.Exec(t.Context(), `UPDATE periode SET tenggat_penilaian = '2027-01-05'`); err != nil {
		t.Fatal(err)
	}
	a.clock.set(time.Date(2027, 1, 2, 9, 0, 0, 0, time.UTC))
	runJob(t, a, queue.Pengingat{})
	if n := a.clientAs(ppl.staff.NIP).get("/pemberitahuan").text(); !strings.Contains(n, "Pengingat: penilaian diri tahunan belum diisi") {
		t.Fatalf("staff's annual reminder: %s", n)
	}
	if n := a.clientAs(ppl.penilai.NIP).get("/pemberitahuan").text(); !strings.Contains(n, "1 bawahan belum dinilai (penilaian tahunan)") {
		t.Fatalf("penilai's annual summary: %s", n)
	}
}

func periodeHref(id int64) string { return "/periode/" + strconv.FormatInt(id, 10) }
