package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinerja/internal/mailtest"
	"kinerja/internal/seed"
)

// TestBrowserNotifications: a pegawai submits an SKP in Chromium; the penilai sees
// the unread count, opens the notice to the plan, and the mail reaches the real SMTP
// server; the penilai returns the plan with a note, and the pegawai reads the note
// from their notice.
func TestBrowserNotifications(t *testing.T) {
	t.Parallel()
	mp := mailtest.Start(t)
	db, staff, atasan := planningFixture(t)
	bg := context.Background()
	// The penilai's verified address (the confirmation link is tested with the handlers).
	if _, err := db.Pool.Exec(bg, `UPDATE pegawai SET surel = 'penilai@example.go.id' WHERE id = $1`, atasan.ID); err != nil {
		t.Fatal(err)
	}
	base := startServer(t, db, map[string]string{"KINERJA_SMTP_HOST": mp.SMTP.Host, "KINERJA_SMTP_PORT": strconv.Itoa(mp.SMTP.Port),
		"KINERJA_SMTP_TLS": "none", "KINERJA_MAIL_FROM": mp.SMTP.From, "KINERJA_BASE_URL": "http://kinerja.test"})

	peg := tab(t)
	login(t, peg, base, staff.NIP, seed.DemoPassword)
	draftAndSubmit(t, peg)
	if txt := mainText(t, peg); !strings.Contains(txt, "SKP diajukan kepada pejabat penilai.") {
		t.Fatalf("after submitting: %s", txt)
	}
	skpURL, _ := chromedp.Run(peg, chromedp.Location())
	skpPath := strings.TrimPrefix(skpURL, base)

	pen := tab(t)
	login(t, pen, base, atasan.NIP, seed.DemoPassword)
	count, err := chromedp.Run(pen, chromedp.Text(chromedp.CSS(`a.lonceng .jumlah`)))
	if err != nil || count != "1" {
		t.Fatalf("penilai's unread count: %q %v", count, err)
	}
	click(t, pen, `a.lonceng`)
	if txt := mainText(t, pen); !strings.Contains(txt, "menunggu persetujuan Anda") {
		t.Fatalf("penilai's notices: %s", txt)
	}
	click(t, pen, `ul.pemberitahuan a`)
	if loc, _ := chromedp.Run(pen, chromedp.Location()); strings.TrimPrefix(loc, base) != skpPath {
		t.Fatalf("the notice opened %s, want %s", loc, skpPath)
	}
	msgs := mp.Wait(t, 1, 60*time.Second)
	if msgs[0].To != "penilai@example.go.id" || !strings.Contains(msgs[0].Subject, "menunggu persetujuan Anda") ||
		!strings.Contains(mp.Text(t, msgs[0].ID), "http://kinerja.test"+skpPath) {
		t.Fatalf("the mail: %+v", msgs[0])
	}

	fill(t, pen, map[string]string{"catatan": "Tambahkan indikator kualitas layanan."})
	click(t, pen, `//button[text()="Kembalikan"]`)
	if txt := mainText(t, pen); !strings.Contains(txt, "Dikembalikan") {
		t.Fatalf("after returning: %s", txt)
	}

	if err := chromedp.Do(peg, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	click(t, peg, `a.lonceng`)
	txt := mainText(t, peg)
	if !strings.Contains(txt, "SKP Anda dikembalikan oleh") || !strings.Contains(txt, "Catatan: Tambahkan indikator kualitas layanan.") {
		t.Fatalf("pegawai's notices: %s", txt)
	}
	click(t, peg, `ul.pemberitahuan a`)
	if txt := mainText(t, peg); !strings.Contains(txt, "Tambahkan indikator kualitas layanan.") {
		t.Fatalf("the plan after opening the notice: %s", txt)
	}
	if n, _ := chromedp.Run(peg, chromedp.Evaluate[int](`document.querySelectorAll('a.lonceng .jumlah').length`)); n != 0 {
		t.Fatal("the notice is still unread after opening it")
	}
}
