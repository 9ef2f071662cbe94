package notif_test

import (
	"strings"
	"testing"
	"time"

	"kinerja/internal/notif"
	"kinerja/internal/periode"
)

func TestLocalPath(t *testing.T) {
	for link, want := range map[string]bool{
		"/skp/1": true, "/": true, "/skp/1/realisasi?ke=2": true,
		"": false, "skp/1": false, "//evil.example": false, "/\\evil.example": false, "https://evil.example": false, "/a\nb": false,
	} {
		if got := notif.LocalPath(link); got != want {
			t.Errorf("LocalPath(%q) = %v, want %v", link, got, want)
		}
	}
}

func TestTellDropsTheActorAndRepeats(t *testing.T) {
	a := notif.SKPDiajukanKe(7, 1, 2, "Siti")
	b := notif.SKPDiajukanKe(8, 1, 2, "Siti")
	got := notif.Tell(8, a, b, a, notif.Pesan{})
	if len(got) != 1 || got[0].Untuk != 7 {
		t.Fatalf("Tell = %+v", got)
	}
	if got := notif.Tell(0, a, b); len(got) != 2 {
		t.Fatalf("no actor (a job): %+v", got)
	}
}

func TestBuildersMakeValidNotices(t *testing.T) {
	long := strings.Repeat("panjang ", 400)
	for _, p := range []notif.Pesan{
		notif.SKPDiajukanKe(1, 2, 3, long),
		notif.SKPDikembalikanKe(1, 2, 3, "Dian", long),
		notif.SKPDisetujuiKe(1, 2, 3, "Dian"),
		notif.UmpanBalikKe(1, 2, 3, 1, 4, "Dian", false, long),
		notif.PermintaanRekanKe(1, 2, "Siti"),
		notif.PenilaianTerbitKe(1, 2, 3, 0, true),
		notif.KeberatanDiajukanKe(1, 2, 3, 1, "Siti", long),
		notif.KeberatanDikomentariKe(1, 2, 3, 4, 1, "Dian", long),
		notif.KeberatanDiputuskanKe(1, 2, 3, 0, "ditolak"),
		notif.ImporSelesaiKe(1, 2, long, "siap", long),
	} {
		if err := p.Check(); err != nil {
			t.Errorf("%s: %v", p.Jenis, err)
		}
	}
	if p := notif.UmpanBalikKe(1, 2, 3, 1, 4, "Dian", true, "ok"); !strings.Contains(p.Judul, "membalas") || !strings.Contains(p.Isi, "4 pesan") {
		t.Errorf("reply: %+v", p)
	}
	if a, b := notif.SKPDiajukanKe(1, 2, 3, "x"), notif.SKPDiajukanKe(1, 2, 5, "x"); a.Kunci == b.Kunci {
		t.Error("two submissions share a key")
	}
}

func TestCheckSurel(t *testing.T) {
	for in, want := range map[string]string{
		"Dian.Safitri@Disdik.Example.GO.ID": "Dian.Safitri@disdik.example.go.id",
		"  staf@example.go.id ":             "staf@example.go.id",
	} {
		if got, err := notif.CheckSurel(in); err != nil || got != want {
			t.Errorf("CheckSurel(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "bukan alamat", "a@b", "Dian <a@b.id>", "a@@b.id", "a@b.id.", strings.Repeat("a", 250) + "@b.id", "a\"b@c.id"} {
		if _, err := notif.CheckSurel(bad); err == nil {
			t.Errorf("CheckSurel(%q) accepted", bad)
		}
	}
}

func TestPreferensiAndBackoff(t *testing.T) {
	if p, err := notif.ParsePreferensi("ringkasan"); err != nil || p != notif.Ringkasan {
		t.Fatalf("ringkasan: %v %v", p, err)
	}
	if _, err := notif.ParsePreferensi("sering"); err == nil {
		t.Fatal("an unknown preference was accepted")
	}
	want := []int{1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360}
	for i, w := range want {
		if got := notif.Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %d, want %d", i+1, got, w)
		}
	}
}

func TestMailTexts(t *testing.T) {
	p := notif.SKPDikembalikanKe(1, 9, 3, "Dian", "Tambahkan indikator")
	m := notif.SurelDari(p, "Siti", "https://kinerja.example.go.id")
	if m.Subjek != "[Kinerja] SKP Anda dikembalikan oleh Dian" || !strings.Contains(m.Teks, "Yth. Siti") ||
		!strings.Contains(m.Teks, "Catatan: Tambahkan indikator") || !strings.Contains(m.Teks, "https://kinerja.example.go.id/skp/9") {
		t.Fatalf("notice mail: %+v", m)
	}
	d := notif.RingkasanDari([]notif.Pesan{p, p}, 5, "Siti", "https://k.id")
	if !strings.Contains(d.Subjek, "5 pemberitahuan baru") || strings.Count(d.Teks, "https://k.id/skp/9") != 2 || !strings.Contains(d.Teks, "dan 3 lainnya") {
		t.Fatalf("digest: %+v", d)
	}
}

func TestDeadlinesFollowThePhase(t *testing.T) {
	st, _ := periode.CheckSettings(periode.DefaultInput(2026))
	st.TenggatPerencanaan = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	st.TenggatPenilaian = time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	kinds := func(f periode.Fase) string {
		var out []string
		for _, d := range notif.Deadlines(periode.Periode{Settings: st, Fase: f}) {
			out = append(out, d.Key())
		}
		return strings.Join(out, " ")
	}
	for f, want := range map[periode.Fase]string{
		periode.Draft:       "",
		periode.Perencanaan: "perencanaan:0",
		periode.Pelaksanaan: "perencanaan:0 checkin:1 checkin:2 checkin:3 checkin:4",
		periode.Penilaian:   "checkin:1 checkin:2 checkin:3 checkin:4 penilaian:0",
		periode.Selesai:     "",
	} {
		if got := kinds(f); got != want {
			t.Errorf("%s: %q, want %q", f, got, want)
		}
	}
}
