package penilaian_test

import (
	"strings"
	"testing"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/penilaian"
)

func TestKeberatanPihak(t *testing.T) {
	open := penilaian.Keberatan{Status: penilaian.KeberatanDiajukan, PemutusID: 7}
	orphan := penilaian.Keberatan{Status: penilaian.KeberatanDiajukan} // the penilai had no atasan
	for _, c := range []struct {
		name                                 string
		p                                    penilaian.Pihak
		view, file, party, decides, decides0 bool
		peran                                string
	}{
		{"the pegawai", penilaian.Pihak{Pegawai: true, AtasanPenilaiID: 7}, true, true, true, false, false, penilaian.PeranPegawai},
		{"the penilai", penilaian.Pihak{Penilai: true, AtasanPenilaiID: 7}, true, false, true, false, false, penilaian.PeranPenilai},
		{"the atasan penilai", penilaian.Pihak{AtasanPenilai: true, AtasanPenilaiID: 7}, true, false, true, true, false, penilaian.PeranAtasan},
		{"the Admin BKD, with an atasan penilai", penilaian.Pihak{AdminBKD: true, AtasanPenilaiID: 7}, true, false, false, false, false, penilaian.PeranPegawai},
		{"the Admin BKD, without one", penilaian.Pihak{AdminBKD: true}, true, false, false, false, true, penilaian.PeranPegawai},
		{"a penilai who is also the atasan", penilaian.Pihak{Penilai: true, AtasanPenilai: true, AtasanPenilaiID: 7}, true, false, true, true, false, penilaian.PeranAtasan},
		{"someone else", penilaian.Pihak{AtasanPenilaiID: 7}, false, false, false, false, false, penilaian.PeranPegawai},
	} {
		p := c.p
		if p.MayView() != c.view || p.MayFile() != c.file || p.Party() != c.party || p.Decides(open) != c.decides || p.Decides(orphan) != c.decides0 || p.Peran() != c.peran {
			t.Errorf("%s: view %v file %v party %v decides %v/%v peran %s", c.name, p.MayView(), p.MayFile(), p.Party(), p.Decides(open), p.Decides(orphan), p.Peran())
		}
	}
	// A keberatan filed to an atasan penilai who no longer is one is decided by nobody here.
	if (penilaian.Pihak{AtasanPenilai: true, AtasanPenilaiID: 8}).Decides(open) {
		t.Error("a new atasan penilai decides a keberatan filed to the old one")
	}
}

func TestKeberatanFiling(t *testing.T) {
	wib, _ := time.LoadLocation("Asia/Jakarta")
	pub := time.Date(2026, 4, 10, 15, 0, 0, 0, wib)
	last := time.Date(2026, 4, 24, 23, 59, 0, 0, wib)
	if a, err := penilaian.CheckFiling(&pub, 14, last, wib, "  Bukti triwulan belum dibaca.  "); err != nil || a != "Bukti triwulan belum dibaca." {
		t.Errorf("on the last day: %q %v", a, err)
	}
	if _, err := penilaian.CheckFiling(&pub, 14, last.Add(time.Hour), wib, "alasan"); !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "ditutup pada 24 April 2026") {
		t.Errorf("a day late: %v", err)
	}
	if _, err := penilaian.CheckFiling(nil, 14, pub, wib, "alasan"); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("before publication: %v", err)
	}
	for _, a := range []string{"   ", strings.Repeat("a", 4001)} {
		if _, err := penilaian.CheckFiling(&pub, 14, pub, wib, a); apperr.As(err) == nil || apperr.As(err).Fields[penilaian.FieldAlasanKeberatan] == "" {
			t.Errorf("reason of %d characters: %v", len(a), err)
		}
	}
}

func TestKeberatanKomentar(t *testing.T) {
	if s, err := penilaian.CheckKomentar("  Mohon bukti tambahan. "); err != nil || s != "Mohon bukti tambahan." {
		t.Errorf("%q %v", s, err)
	}
	for _, s := range []string{"", strings.Repeat("k", 2001)} {
		if _, err := penilaian.CheckKomentar(s); apperr.As(err) == nil || apperr.As(err).Fields[penilaian.FieldKomentarTeks] == "" {
			t.Errorf("comment of %d: %v", len(s), err)
		}
	}
	if err := (penilaian.Keberatan{Status: penilaian.KeberatanDitolak}).CheckCommentable(); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("comment on a decided keberatan: %v", err)
	}
}

func TestKeberatanPutusan(t *testing.T) {
	open := penilaian.Keberatan{Status: penilaian.KeberatanDiajukan, PemutusID: 7}
	orphan := penilaian.Keberatan{Status: penilaian.KeberatanDiajukan}
	if d, err := penilaian.CheckPutusan(open, penilaian.Putusan{Ubah: true, HasilKerja: penilaian.DiAtas, Perilaku: penilaian.Sesuai, Keputusan: " Bukti mendukung. ", AtasNama: "Wali Kota"}); err != nil ||
		d.Keputusan != "Bukti mendukung." || d.AtasNama != "" {
		t.Errorf("a change: %+v %v", d, err)
	}
	if d, err := penilaian.CheckPutusan(orphan, penilaian.Putusan{Keputusan: "Ditolak.", AtasNama: " Wali Kota Kotalama "}); err != nil || d.AtasNama != "Wali Kota Kotalama" {
		t.Errorf("recorded by the Admin BKD: %+v %v", d, err)
	}
	for _, c := range []struct {
		k      penilaian.Keberatan
		d      penilaian.Putusan
		fields []string
	}{
		{open, penilaian.Putusan{}, []string{penilaian.FieldKeputusan}},
		{open, penilaian.Putusan{Ubah: true, Keputusan: "Ubah."}, []string{penilaian.FieldHasilKerja, penilaian.FieldPerilaku}},
		{open, penilaian.Putusan{Keputusan: strings.Repeat("k", 4001)}, []string{penilaian.FieldKeputusan}},
		{orphan, penilaian.Putusan{Keputusan: "Ditolak."}, []string{penilaian.FieldAtasNama}},
		{orphan, penilaian.Putusan{Keputusan: "Ditolak.", AtasNama: strings.Repeat("n", 201)}, []string{penilaian.FieldAtasNama}},
	} {
		_, err := penilaian.CheckPutusan(c.k, c.d)
		e := apperr.As(err)
		if e == nil || e.Code != apperr.Invalid || len(e.Fields) != len(c.fields) {
			t.Errorf("%+v: %v, want errors on %v", c.d, err, c.fields)
			continue
		}
		for _, f := range c.fields {
			if e.Fields[f] == "" {
				t.Errorf("%+v: no error on %s: %v", c.d, f, e.Fields)
			}
		}
	}
	// A change names only what it changes; the rest stays as rated.
	rated := penilaian.Keberatan{Status: penilaian.KeberatanDiajukan, PemutusID: 7, HasilKerja: penilaian.Sesuai, Perilaku: penilaian.Sesuai}
	if d, err := penilaian.CheckPutusan(rated, penilaian.Putusan{Ubah: true, HasilKerja: penilaian.DiAtas, Keputusan: "Bukti baru."}); err != nil ||
		d.HasilKerja != penilaian.DiAtas || d.Perilaku != penilaian.Sesuai {
		t.Errorf("change Hasil Kerja only: %+v %v", d, err)
	}
	for _, d := range []penilaian.Putusan{{Ubah: true, Keputusan: "Tetap."}, {Ubah: true, HasilKerja: penilaian.Sesuai, Perilaku: penilaian.Sesuai, Keputusan: "Tetap."}} {
		if _, err := penilaian.CheckPutusan(rated, d); apperr.As(err) == nil || !strings.Contains(apperr.As(err).Fields[penilaian.FieldHasilKerja], "Tolak keberatan") {
			t.Errorf("a change that changes nothing: %v", err)
		}
	}
	decided := penilaian.Keberatan{Status: penilaian.KeberatanDiubah, PemutusID: 7}
	if _, err := penilaian.CheckPutusan(decided, penilaian.Putusan{Keputusan: "Lagi."}); !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "final") {
		t.Errorf("a second decision: %v", err)
	}
	if ubah, err := penilaian.ParsePilihan("ubah"); err != nil || !ubah {
		t.Error("ubah")
	}
	if _, err := penilaian.ParsePilihan("hapus"); apperr.As(err) == nil || apperr.As(err).Fields[penilaian.FieldPutusan] == "" {
		t.Errorf("an unknown choice: %v", err)
	}
	for s, want := range map[penilaian.StatusKeberatan]string{penilaian.KeberatanDiajukan: "Keberatan diajukan", penilaian.KeberatanDitolak: "Keberatan ditolak",
		penilaian.KeberatanDiubah: "Keberatan diterima, nilai diubah", "": ""} {
		if s.Label() != want {
			t.Errorf("%q: %q", s, s.Label())
		}
	}
}
