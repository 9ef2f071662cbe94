package notif

import (
	"fmt"
	"strings"
	"time"

	"kinerja/internal/periode"
)

// Reminders and escalation. The rules:
//
//   - The deadlines of a period are its tenggat perencanaan (the SKP submitted and
//     approved; while plans are made, in Perencanaan and Pelaksanaan), the end of each
//     check-in (its realisasi and its periodic rating; in Pelaksanaan and Penilaian)
//     and the tenggat penilaian (the annual rating; in Penilaian).
//   - Before a deadline, on each of the period's reminder days (Settings.Pengingat,
//     by default 7, 3 and 1 days before), whoever still owes the work is reminded
//     once: a pegawai of their own plan, realisasi, annual self-assessment and the
//     peer reviews asked of them, a penilai with a summary of what their
//     subordinates owe and what waits for them (plans to decide, umpan balik to give
//     at the check-in, ratings). A run that missed a day
//     (the server was down) sends the reminder of the nearest day passed, once; the
//     deadline day itself counts as the last reminder day.
//   - Settings.EskalasiHari days after a deadline, what a penilai still owes (plans to
//     decide, subordinates to rate) is reported once to the penilai's own penilai.
//   - A reminder is a notice like any other: kept in Kinerja, mailed as the person
//     chose. Each is keyed by its period, deadline and day, so a rerun sends nothing
//     twice.
//   - Reminders are worked out from JamPengingat local time, not in the night.

// JamPengingat is the hour (local time) from which a day's reminders are sent.
const JamPengingat = 7

// Tenggat is one deadline of a period.
type Tenggat struct {
	Jenis   string // perencanaan, checkin, penilaian
	Checkin int    // the check-in (checkin), periode.Year (penilaian), 0 (perencanaan)
	Label   string // "Triwulan I", "tahunan"
	Tanggal time.Time
}

// Key names the deadline inside its period.
func (t Tenggat) Key() string { return fmt.Sprintf("%s:%d", t.Jenis, t.Checkin) }

// Deadlines returns the deadlines of the period that reminders and escalation apply
// to in its current phase.
func Deadlines(p periode.Periode) []Tenggat {
	var out []Tenggat
	st := p.Settings
	// Each deadline counts while its work can be done (periode's table): plans are
	// submitted and decided, realisasi recorded, the year rated.
	if !st.TenggatPerencanaan.IsZero() && periode.Allows(p.Fase, periode.ApproveSKP, periode.Year) {
		out = append(out, Tenggat{Jenis: "perencanaan", Label: "perencanaan", Tanggal: st.TenggatPerencanaan})
	}
	if periode.Allows(p.Fase, periode.RecordRealisasi, 1) {
		for _, c := range periode.Checkins(st) {
			out = append(out, Tenggat{Jenis: "checkin", Checkin: c.No, Label: c.Label, Tanggal: c.Selesai})
		}
	}
	if !st.TenggatPenilaian.IsZero() && periode.Allows(p.Fase, periode.Rate, periode.Year) {
		out = append(out, Tenggat{Jenis: "penilaian", Checkin: periode.Year, Label: "tahunan", Tanggal: st.TenggatPenilaian})
	}
	return out
}

func daysUntil(deadline, today time.Time) int {
	d := time.Date(deadline.Year(), deadline.Month(), deadline.Day(), 0, 0, 0, 0, time.UTC)
	t := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	return int(d.Sub(t).Hours() / 24)
}

// Due says which reminder day applies on today: the nearest of days not before the
// days left (0 on the deadline day counts as the last one). ok is false before the
// first reminder day and after the deadline.
func Due(deadline, today time.Time, days []int) (day, left int, ok bool) {
	left = daysUntil(deadline, today)
	if left < 0 {
		return 0, left, false
	}
	best := -1
	for _, d := range days {
		if left <= d && (best < 0 || d < best) {
			best = d
		}
	}
	return best, left, best >= 0
}

// Escalate says today is EskalasiHari or more days past the deadline.
func Escalate(deadline, today time.Time, after int) bool {
	return daysUntil(deadline, today) <= -after
}

// Owed is what one person still owes before a deadline, as counted by the store.
type Owed struct {
	PegawaiID int64
	Nama      string // for escalation: the penilai who owes
	Own       bool   // their own plan (perencanaan) or realisasi (checkin) is missing
	SKPID     int64  // their plan, when they have one
	// As penilai: subordinates not submitted (perencanaan), plans waiting for their
	// decision (perencanaan), subordinates not yet rated (checkin, penilaian) or
	// given no umpan balik (checkin).
	BelumAjukan, Menunggu, BelumDinilai, TanpaUmpanBalik int
	// Their own part of the annual rating (penilaian): the self-assessment is
	// missing; peer reviews asked of them and not answered.
	Diri  bool
	Rekan int
}

// Overdue says the penilai still owes work that is escalated after a deadline:
// plans to decide or subordinates to rate.
func (o Owed) Overdue() bool { return o.Menunggu > 0 || o.BelumDinilai > 0 }

// Penilai says the person owes something as a penilai.
func (o Owed) Penilai() bool {
	return o.Menunggu > 0 || o.BelumDinilai > 0 || o.BelumAjukan > 0 || o.TanpaUmpanBalik > 0
}

func whenLeft(t Tenggat, left int, tanggal string) string {
	switch left {
	case 0:
		return "Tenggat " + t.Label + " hari ini, " + tanggal + "."
	case 1:
		return "Tenggat " + t.Label + " besok, " + tanggal + "."
	}
	return fmt.Sprintf("Tenggat %s %s (%d hari lagi).", t.Label, tanggal, left)
}

// Reminders are the notices for what people owe before t, on reminder day day with
// left days left; periodeID keys them; tanggal is the deadline as the page writes it.
func Reminders(periodeID int64, t Tenggat, day, left int, tanggal string, owed []Owed) []Pesan {
	var out []Pesan
	when := whenLeft(t, left, tanggal)
	for _, o := range owed {
		key := func(kind string) string { return fmt.Sprintf("%s:%d:%s:h%d", kind, periodeID, t.Key(), day) }
		if o.Own {
			p := Pesan{Untuk: o.PegawaiID, Jenis: Pengingat, Isi: when, Tautan: "/skp", Kunci: key("pengingat")}
			switch t.Jenis {
			case "perencanaan":
				p.Judul = "Pengingat: SKP Anda belum diajukan atau belum disetujui"
			default:
				p.Judul = "Pengingat: realisasi " + t.Label + " Anda belum diisi"
				if o.SKPID != 0 {
					p.Tautan = fmt.Sprintf("/skp/%d/realisasi?ke=%d", o.SKPID, t.Checkin)
				}
			}
			out = append(out, p)
		}
		if o.Diri || o.Rekan > 0 {
			var parts []string
			link := "/"
			if o.Diri {
				parts = append(parts, "penilaian diri tahunan belum diisi")
				if o.SKPID != 0 {
					link = fmt.Sprintf("/skp/%d/penilaian-diri?ke=0", o.SKPID)
				}
			}
			if o.Rekan > 0 {
				parts = append(parts, fmt.Sprintf("%d permintaan umpan balik rekan kerja belum dijawab", o.Rekan))
			}
			out = append(out, Pesan{Untuk: o.PegawaiID, Jenis: Pengingat, Judul: clip("Pengingat: "+strings.Join(parts, "; "), MaxJudul),
				Isi: when, Tautan: link, Kunci: key("pengingat.diri")})
		}
		if o.Penilai() {
			var parts []string
			link := "/skp/bawahan"
			if o.Menunggu > 0 {
				parts = append(parts, fmt.Sprintf("%d SKP menunggu persetujuan Anda", o.Menunggu))
			}
			if o.BelumAjukan > 0 {
				parts = append(parts, fmt.Sprintf("%d bawahan belum mengajukan SKP", o.BelumAjukan))
			}
			if o.TanpaUmpanBalik > 0 {
				parts = append(parts, fmt.Sprintf("%d bawahan belum diberi umpan balik %s", o.TanpaUmpanBalik, t.Label))
			}
			if o.BelumDinilai > 0 {
				parts = append(parts, fmt.Sprintf("%d bawahan belum dinilai (penilaian %s)", o.BelumDinilai, t.Label))
				link = fmt.Sprintf("/penilaian?ke=%d", t.Checkin)
			}
			out = append(out, Pesan{Untuk: o.PegawaiID, Jenis: PengingatPenilai, Judul: clip("Ringkasan bawahan: "+strings.Join(parts, ", "), MaxJudul),
				Isi: when, Tautan: link, Kunci: key("pengingat.penilai")})
		}
	}
	return out
}

// Escalations are the notices to each overdue penilai's own penilai (atasan maps a
// penilai to theirs; one without is not escalated), days past t.
func Escalations(periodeID int64, t Tenggat, atasan map[int64]int64, owed []Owed, tanggal string) []Pesan {
	var out []Pesan
	for _, o := range owed {
		if a := atasan[o.PegawaiID]; a != 0 && o.Overdue() {
			out = append(out, escalation(periodeID, t, a, o, tanggal))
		}
	}
	return out
}

func escalation(periodeID int64, t Tenggat, atasanID int64, o Owed, tanggal string) Pesan {
	var parts []string
	if o.Menunggu > 0 {
		parts = append(parts, fmt.Sprintf("belum memutuskan %d SKP bawahannya", o.Menunggu))
	}
	if o.BelumDinilai > 0 {
		parts = append(parts, fmt.Sprintf("belum menilai %d bawahannya (penilaian %s)", o.BelumDinilai, t.Label))
	}
	return Pesan{Untuk: atasanID, Jenis: Eskalasi, Judul: clip("Eskalasi: "+o.Nama+" "+strings.Join(parts, " dan "), MaxJudul),
		Isi:    "Tenggat " + t.Label + " " + tanggal + " sudah lewat. Anda menerima ini sebagai atasan pejabat penilai tersebut.",
		Tautan: "/bawahan", Kunci: fmt.Sprintf("eskalasi:%d:%s:%d", periodeID, t.Key(), o.PegawaiID)}
}
