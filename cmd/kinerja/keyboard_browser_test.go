package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"kinerja/internal/seed"
)

// focusShown is true when the focused element draws a focus indicator: an outline
// or a box shadow, as :focus-visible gives it.
const focusShown = `(() => { const e = document.activeElement; if (!e || e === document.body) return false;
	const s = getComputedStyle(e); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; })()`

// keyboard drives one tab with keys only: Tab to move, Enter to follow or press,
// typing into the focused field. Every element that takes focus on the way must
// show it.
type keyboard struct {
	t     *testing.T
	ctx   context.Context
	steps int
}

// tabTo presses Tab until the focused element matches sel: a CSS selector, or
// "text=X" for the link or button whose text is X.
func (k *keyboard) tabTo(sel string) {
	k.t.Helper()
	for range 120 {
		if err := chromedp.Do(k.ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			k.t.Fatal(err)
		}
		k.steps++
		test := `document.activeElement.matches(` + jsString(sel) + `)`
		if text, ok := strings.CutPrefix(sel, "text="); ok {
			test = `document.activeElement.matches('a, button') && document.activeElement.textContent.trim() === ` + jsString(text)
		}
		at, err := chromedp.Run(k.ctx, chromedp.Evaluate[bool](test))
		if err != nil {
			k.t.Fatal(err)
		}
		shown, err := chromedp.Run(k.ctx, chromedp.Evaluate[bool](focusShown))
		if err != nil {
			k.t.Fatal(err)
		}
		if !shown {
			el, _ := chromedp.Run(k.ctx, chromedp.Evaluate[string](`document.activeElement.outerHTML.slice(0, 160)`))
			k.t.Fatalf("focus is not visible on %s", el)
		}
		if at {
			return
		}
	}
	k.t.Fatalf("Tab never reached %s", sel)
}

// typeIn tabs to a field and types text.
func (k *keyboard) typeIn(sel, text string) {
	k.t.Helper()
	k.tabTo(sel)
	if err := chromedp.Do(k.ctx, chromedp.KeyEvent(text)); err != nil {
		k.t.Fatal(err)
	}
}

// press tabs to a link or button and presses Enter, waiting for the next page.
func (k *keyboard) press(sel string) {
	k.t.Helper()
	k.tabTo(sel)
	if _, err := chromedp.RunResponse(k.ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		k.t.Fatalf("Enter on %s: %v", sel, err)
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// TestKeyboardOnlySKP walks one SKP from draft to approval with the keyboard alone:
// the pegawai creates it, adds an RHK that supports the penilai's and an IKI, and
// submits it; the penilai opens it from the queue and approves it. Focus is visible
// at every step.
func TestKeyboardOnlySKP(t *testing.T) {
	t.Parallel()
	db, staff, atasan := planningFixture(t)
	base := startServer(t, db, nil)

	peg := &keyboard{t: t, ctx: tab(t)}
	login(t, peg.ctx, base, staff.NIP, seed.DemoPassword)
	peg.press(`nav.nav a[href="/skp"]`)
	peg.press(`form[action="/skp/buat"] button`)
	peg.press(`a[href$="/rhk/baru"]`)
	peg.typeIn(`#uraian`, "Terselesaikannya pengarsipan dokumen unit")
	peg.tabTo(`#atasan`)
	if err := chromedp.Do(peg.ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	peg.press(`text=Simpan`)
	if txt := mainText(t, peg.ctx); !strings.Contains(txt, "Terselesaikannya pengarsipan dokumen unit") {
		t.Fatalf("after the RHK: %s", txt)
	}
	peg.press(`a[href*="/iki/baru"]`)
	peg.typeIn(`#indikator`, "Jumlah berkas yang diarsipkan")
	peg.tabTo(`#aspek`)
	if err := chromedp.Do(peg.ctx, chromedp.KeyEvent("kuantitas")); err != nil { // type-ahead picks the option
		t.Fatal(err)
	}
	peg.typeIn(`#target`, "100")
	peg.typeIn(`#satuan`, "berkas")
	peg.press(`text=Simpan`)
	if txt := mainText(t, peg.ctx); !strings.Contains(txt, "Jumlah berkas yang diarsipkan") {
		t.Fatalf("after the IKI: %s", txt)
	}
	peg.press(`form[action$="/ajukan"] button`)
	if txt := mainText(t, peg.ctx); !strings.Contains(txt, "SKP diajukan kepada pejabat penilai.") {
		t.Fatalf("after submitting: %s", txt)
	}
	skpURL, _ := chromedp.Run(peg.ctx, chromedp.Location())

	pen := &keyboard{t: t, ctx: tab(t)}
	login(t, pen.ctx, base, atasan.NIP, seed.DemoPassword)
	pen.press(`nav.nav a[href="/skp/bawahan"]`)
	pen.press(`main a[href="` + strings.TrimPrefix(skpURL, base) + `"]`)
	pen.press(`form[action$="/keputusan"] button[value="setujui"]`)
	if txt := mainText(t, pen.ctx); !strings.Contains(txt, "SKP disetujui.") {
		t.Fatalf("after approving: %s", txt)
	}
	t.Logf("keyboard: %d Tab presses, focus visible at each", peg.steps+pen.steps)
}
