// Package pdf prints HTML documents (the SKP, later the evaluation document) to A4
// PDF with a headless Chromium driven through chromedp. The browser starts on the
// first document and is shared; each document gets its own tab.
package pdf

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"

	"github.com/chromedp/chromedp"
)

// ErrUnavailable is returned when no Chromium is installed on the server.
var ErrUnavailable = errors.New("pdf: chromium is not installed")

// Renderer prints HTML to PDF. The zero value is not usable: call NewRenderer.
type Renderer struct {
	execPath string
	mu       sync.Mutex
	browser  context.Context
	cancel   []context.CancelFunc
	dir      string
	sem      chan struct{}
}

// FindChromium returns the browser to use: $KINERJA_CHROMIUM, else chromium (or
// chromium-browser, google-chrome) on PATH, else "".
func FindChromium(getenv func(string) string) string {
	if p := getenv("KINERJA_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// NewRenderer prints with the browser at execPath ("" leaves PDF unavailable), at most
// two documents at a time.
func NewRenderer(execPath string) *Renderer {
	return &Renderer{execPath: execPath, sem: make(chan struct{}, 2)}
}

// Available reports whether a browser was found.
func (r *Renderer) Available() bool { return r != nil && r.execPath != "" }

func (r *Renderer) start() (context.Context, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.browser != nil {
		return r.browser, nil
	}
	dir, err := os.MkdirTemp("", "kinerja-pdf-")
	if err != nil {
		return nil, fmt.Errorf("pdf: profile dir: %w", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(r.execPath), chromedp.UserDataDir(dir), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(browser); err != nil {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pdf: start chromium: %w", err)
	}
	r.browser, r.cancel, r.dir = browser, []context.CancelFunc{cancelBrowser, cancelAlloc}, dir
	return browser, nil
}

// Render prints a self-contained HTML document (styles inline) to an A4 PDF.
func (r *Renderer) Render(ctx context.Context, html []byte) ([]byte, error) {
	if !r.Available() {
		return nil, ErrUnavailable
	}
	select {
	case r.sem <- struct{}{}:
		defer func() { <-r.sem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	browser, err := r.start()
	if err != nil {
		return nil, err
	}
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	url := "data:text/html;charset=utf-8;base64," + base64.StdEncoding.EncodeToString(html)
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("pdf: load document: %w", err)
	}
	out, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(), chromedp.PDFOutlineAndTagged()))
	if err != nil {
		return nil, fmt.Errorf("pdf: print: %w", err)
	}
	return out, nil
}

// Close stops the browser.
func (r *Renderer) Close() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.cancel {
		c()
	}
	if r.dir != "" {
		os.RemoveAll(r.dir)
	}
	r.browser, r.cancel, r.dir = nil, nil, ""
}
