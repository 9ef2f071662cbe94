package notif

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Jenis is the kind of a notice.
type Jenis string

// The kinds of notices.
const (
	SKPDiajukan          Jenis = "skp.diajukan"
	SKPDikembalikan      Jenis = "skp.dikembalikan"
	SKPDisetujui         Jenis = "skp.disetujui"
	UmpanBalik           Jenis = "umpan_balik"
	PermintaanRekan      Jenis = "rekan.diminta"
	UsulanRekan          Jenis = "rekan.diusulkan"
	PenilaianTerbit      Jenis = "penilaian.terbit"
	KeberatanDiajukan    Jenis = "keberatan.diajukan"
	KeberatanDikomentari Jenis = "keberatan.dikomentari"
	KeberatanDiputuskan  Jenis = "keberatan.diputuskan"
	ImporSelesai         Jenis = "impor.selesai"
	Pengingat            Jenis = "pengingat"
	PengingatPenilai     Jenis = "pengingat.penilai"
	Eskalasi             Jenis = "eskalasi"
)

// Limits of a notice, as the database checks them too.
const (
	MaxJudul = 200
	MaxIsi   = 2000
)

// Pesan is one notice to one pegawai.
type Pesan struct {
	Untuk  int64 // pegawai
	Jenis  Jenis
	Judul  string
	Isi    string // may be empty
	Tautan string // a path inside Kinerja
	Kunci  string // names the event; unique per recipient
}

// Check reports what makes a notice unfit to keep; the builders below never do.
func (p Pesan) Check() error {
	switch {
	case p.Untuk <= 0:
		return fmt.Errorf("notif: no recipient")
	case p.Jenis == "" || p.Kunci == "":
		return fmt.Errorf("notif: no kind or key")
	case strings.TrimSpace(p.Judul) == "" || utf8.RuneCountInString(p.Judul) > MaxJudul:
		return fmt.Errorf("notif: title empty or longer than %d", MaxJudul)
	case utf8.RuneCountInString(p.Isi) > MaxIsi:
		return fmt.Errorf("notif: text longer than %d", MaxIsi)
	case !LocalPath(p.Tautan):
		return fmt.Errorf("notif: link %q is not a path inside Kinerja", p.Tautan)
	}
	return nil
}

// LocalPath reports whether link is a path on this site: it starts with one slash
// and holds no backslash (which browsers read as a slash) or control character.
func LocalPath(link string) bool {
	if !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") || strings.ContainsAny(link, "\\") {
		return false
	}
	for _, r := range link {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// Tell keeps the notices that go to someone other than the actor (nobody is told of
// their own act) and drops repeats of one event to one recipient (the same pegawai
// as penilai and pemutus, say).
func Tell(actor int64, list ...Pesan) []Pesan {
	out := make([]Pesan, 0, len(list))
	type key struct {
		to    int64
		kunci string
	}
	seen := map[key]bool{}
	for _, p := range list {
		k := key{p.Untuk, p.Kunci}
		if p.Untuk == 0 || p.Untuk == actor || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return out
}

// clip shortens s to n characters, with an ellipsis when cut.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func skpLink(skpID int64) string { return fmt.Sprintf("/skp/%d", skpID) }

// SKPDiajukanKe tells the penilai that nama submitted the plan skpID (at version,
// which makes each submission its own event).
func SKPDiajukanKe(penilaiID, skpID int64, version int, nama string) Pesan {
	return Pesan{Untuk: penilaiID, Jenis: SKPDiajukan, Judul: clip("SKP "+nama+" menunggu persetujuan Anda", MaxJudul),
		Isi: "Periksa rencana kinerjanya, lalu setujui atau kembalikan dengan catatan.", Tautan: skpLink(skpID),
		Kunci: fmt.Sprintf("skp.diajukan:%d:%d", skpID, version)}
}

// SKPDikembalikanKe tells the pegawai that the penilai returned the plan, with the note.
func SKPDikembalikanKe(pegawaiID, skpID int64, version int, penilai, catatan string) Pesan {
	return Pesan{Untuk: pegawaiID, Jenis: SKPDikembalikan, Judul: clip("SKP Anda dikembalikan oleh "+penilai, MaxJudul),
		Isi: clip("Catatan: "+catatan, MaxIsi), Tautan: skpLink(skpID), Kunci: fmt.Sprintf("skp.dikembalikan:%d:%d", skpID, version)}
}

// SKPDisetujuiKe tells the pegawai that the penilai approved the plan.
func SKPDisetujuiKe(pegawaiID, skpID int64, version int, penilai string) Pesan {
	return Pesan{Untuk: pegawaiID, Jenis: SKPDisetujui, Judul: clip("SKP Anda disetujui oleh "+penilai, MaxJudul),
		Isi: "Rencana kinerja Anda berlaku; realisasi dan bukti dukung dicatat mulai fase Pelaksanaan.", Tautan: skpLink(skpID),
		Kunci: fmt.Sprintf("skp.disetujui:%d:%d", skpID, version)}
}

// UmpanBalikKe tells the other side of a feedback thread that oleh wrote n messages
// (the first with id umpanID) at the check-in; reply says the pegawai answered.
func UmpanBalikKe(to, skpID, umpanID int64, checkin, n int, oleh string, reply bool, teks string) Pesan {
	judul := oleh + " memberi umpan balik pada SKP Anda"
	if reply {
		judul = oleh + " membalas umpan balik Anda"
	}
	isi := clip(teks, 300)
	if n > 1 {
		isi = fmt.Sprintf("%d pesan, di antaranya: %s", n, isi)
	}
	return Pesan{Untuk: to, Jenis: UmpanBalik, Judul: clip(judul, MaxJudul), Isi: isi,
		Tautan: fmt.Sprintf("/skp/%d/realisasi?ke=%d", skpID, checkin), Kunci: fmt.Sprintf("umpan_balik:%d", umpanID)}
}

// PermintaanRekanKe asks a reviewer for a peer review of nama.
func PermintaanRekanKe(reviewerID, permintaanID int64, nama string) Pesan {
	return Pesan{Untuk: reviewerID, Jenis: PermintaanRekan, Judul: clip("Anda diminta menilai perilaku kerja "+nama, MaxJudul),
		Isi:    "Jawaban Anda tidak ditampilkan dengan nama Anda; pegawai hanya melihat rangkuman dari beberapa rekan.",
		Tautan: fmt.Sprintf("/rekan/%d", permintaanID), Kunci: fmt.Sprintf("rekan.diminta:%d", permintaanID)}
}

// UsulanRekanKe tells the penilai that nama proposed a peer reviewer, to approve on
// the plan skpID's peer page.
func UsulanRekanKe(penilaiID, usulanID, skpID int64, nama string) Pesan {
	return Pesan{Untuk: penilaiID, Jenis: UsulanRekan, Judul: clip(nama+" mengusulkan peninjau rekan kerja", MaxJudul),
		Isi:    "Setujui atau abaikan usulan itu; hanya peninjau yang Anda setujui yang diminta umpan baliknya.",
		Tautan: fmt.Sprintf("/skp/%d/rekan", skpID), Kunci: fmt.Sprintf("rekan.diusulkan:%d", usulanID)}
}

// PenilaianTerbitKe tells the pegawai that the rating penilaianID was published.
func PenilaianTerbitKe(pegawaiID, skpID, penilaianID int64, checkin int, tahunan bool) Pesan {
	judul := fmt.Sprintf("Hasil penilaian kinerja periodik ke-%d sudah ditetapkan", checkin)
	if tahunan {
		judul = "Hasil penilaian kinerja tahunan Anda sudah ditetapkan"
	}
	return Pesan{Untuk: pegawaiID, Jenis: PenilaianTerbit, Judul: judul,
		Isi:    "Lihat predikat dan umpan baliknya. Bila tidak sependapat, Anda dapat mengajukan keberatan dalam batas waktunya.",
		Tautan: fmt.Sprintf("/skp/%d/penilaian?ke=%d", skpID, checkin), Kunci: fmt.Sprintf("penilaian.terbit:%d", penilaianID)}
}

func keberatanLink(skpID int64, checkin int) string {
	return fmt.Sprintf("/skp/%d/keberatan?ke=%d", skpID, checkin)
}

// KeberatanDiajukanKe tells a party (the pemutus or the penilai) that nama filed a keberatan.
func KeberatanDiajukanKe(to, keberatanID, skpID int64, checkin int, nama, alasan string) Pesan {
	return Pesan{Untuk: to, Jenis: KeberatanDiajukan, Judul: clip(nama+" mengajukan keberatan atas hasil penilaian kinerja", MaxJudul),
		Isi: clip("Alasan: "+alasan, 500), Tautan: keberatanLink(skpID, checkin), Kunci: fmt.Sprintf("keberatan.diajukan:%d", keberatanID)}
}

// KeberatanDikomentariKe tells a party that oleh commented on the keberatan.
func KeberatanDikomentariKe(to, keberatanID, komentarID, skpID int64, checkin int, oleh, teks string) Pesan {
	return Pesan{Untuk: to, Jenis: KeberatanDikomentari, Judul: clip(oleh+" menanggapi keberatan", MaxJudul),
		Isi: clip(teks, 500), Tautan: keberatanLink(skpID, checkin), Kunci: fmt.Sprintf("keberatan.komentar:%d", komentarID)}
}

// KeberatanDiputuskanKe tells a party that the keberatan was decided (hasil is the
// decision as the page names it).
func KeberatanDiputuskanKe(to, keberatanID, skpID int64, checkin int, hasil string) Pesan {
	return Pesan{Untuk: to, Jenis: KeberatanDiputuskan, Judul: clip("Keberatan sudah diputuskan: "+hasil, MaxJudul),
		Tautan: keberatanLink(skpID, checkin), Kunci: fmt.Sprintf("keberatan.putusan:%d", keberatanID)}
}

// ImporSelesaiKe tells the admin who started the import batchID how a step of it
// ended: status siap (checked, to apply), galat (problems in the file), gagal or
// selesai (applied); ringkas is the summary the import page shows.
func ImporSelesaiKe(to, batchID int64, nama, status, ringkas string) Pesan {
	judul := map[string]string{
		"siap":    "Impor " + nama + " sudah diperiksa dan siap diterapkan",
		"galat":   "Impor " + nama + " memuat masalah; tidak ada yang disimpan",
		"gagal":   "Impor " + nama + " gagal",
		"selesai": "Impor " + nama + " selesai diterapkan",
	}[status]
	if judul == "" {
		judul = "Impor " + nama + ": " + status
	}
	return Pesan{Untuk: to, Jenis: ImporSelesai, Judul: clip(judul, MaxJudul), Isi: clip(ringkas, MaxIsi),
		Tautan: fmt.Sprintf("/impor/%d", batchID), Kunci: fmt.Sprintf("impor.%s:%d", status, batchID)}
}
