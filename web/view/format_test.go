package view_test

import (
	"reflect"
	"testing"
	"time"

	"kinerja/web/view"
)

func TestTanggal(t *testing.T) {
	d := time.Date(2026, time.November, 22, 14, 5, 0, 0, time.UTC)
	if got := view.Tanggal(d); got != "22 November 2026" {
		t.Errorf("Tanggal = %q", got)
	}
	if got := view.Waktu(d); got != "22 November 2026 14.05" {
		t.Errorf("Waktu = %q", got)
	}
	if got := view.Tanggal(time.Time{}); got != "–" {
		t.Errorf("Tanggal(zero) = %q", got)
	}
}

func TestPager(t *testing.T) {
	p := view.Pager{Page: 5, PerPage: 25, Total: 1204, BaseURL: "/pegawai?q=siti&page=5&opd=2"}
	if p.Pages() != 49 || p.From() != 101 || p.To() != 125 {
		t.Fatalf("pages/from/to = %d/%d/%d", p.Pages(), p.From(), p.To())
	}
	if got := p.URL(6); got != "/pegawai?opd=2&page=6&q=siti" {
		t.Errorf("URL(6) = %q", got)
	}
	if got := p.URL(1); got != "/pegawai?opd=2&q=siti" {
		t.Errorf("URL(1) = %q", got)
	}
	if got, want := p.Window(), []int{1, 0, 3, 4, 5, 6, 7, 0, 49}; !reflect.DeepEqual(got, want) {
		t.Errorf("Window = %v, want %v", got, want)
	}
	last := view.Pager{Page: 49, PerPage: 25, Total: 1204}
	if last.To() != 1204 {
		t.Errorf("last page To = %d", last.To())
	}
	empty := view.Pager{Page: 1, PerPage: 25}
	if empty.From() != 0 || empty.Pages() != 1 {
		t.Errorf("empty pager from=%d pages=%d", empty.From(), empty.Pages())
	}
}
