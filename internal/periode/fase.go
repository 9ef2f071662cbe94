package periode

import (
	"strconv"
	"time"

	"kinerja/internal/apperr"
)

// Fase is a period's phase.
type Fase string

// The phases of PermenPANRB 6/2022's yearly cycle, in order. Only the Admin BKD moves
// a period, one step at a time (CheckMove).
const (
	Draft       Fase = "draft"       // being set up; no participants yet
	Perencanaan Fase = "perencanaan" // dialog kinerja: plans are drafted and approved
	Pelaksanaan Fase = "pelaksanaan" // realisasi, bukti dukung, umpan balik, periodic ratings
	Penilaian   Fase = "penilaian"   // the annual rating
	Selesai     Fase = "selesai"     // closed: nothing is written (the database enforces it)
)

// Order is the phases in order.
var Order = []Fase{Draft, Perencanaan, Pelaksanaan, Penilaian, Selesai}

// Label is the phase as shown.
func (f Fase) Label() string {
	switch f {
	case Draft:
		return "Draf"
	case Perencanaan:
		return "Perencanaan"
	case Pelaksanaan:
		return "Pelaksanaan"
	case Penilaian:
		return "Penilaian"
	case Selesai:
		return "Selesai"
	}
	return string(f)
}

func (f Fase) index() int {
	for i, x := range Order {
		if x == f {
			return i
		}
	}
	return -1
}

// Next returns the phase after f, and false for the last one.
func (f Fase) Next() (Fase, bool) {
	i := f.index()
	if i < 0 || i+1 >= len(Order) {
		return "", false
	}
	return Order[i+1], true
}

// Closed says the period is closed (Selesai): it accepts no write at all until the
// Admin BKD reopens it.
func (f Fase) Closed() bool { return f == Selesai }

// Started says the period has left Draft, so it has its participant snapshot.
func (f Fase) Started() bool { return f.index() > 0 }

// StartedPhases are the phases of a period that has left Draft.
func StartedPhases() []string {
	var out []string
	for _, f := range Order {
		if f.Started() {
			out = append(out, string(f))
		}
	}
	return out
}

// ReopensTo is the phase a closed period returns to when the Admin BKD reopens it
// (CheckReopen): the annual rating, the last phase that writes.
const ReopensTo = Penilaian

// Snapshots says a move out of f takes the participant snapshot: leaving Draft, every
// active pegawai becomes a participant with the jabatan, unit, golongan and penilai
// of that moment.
func (f Fase) Snapshots() bool { return f == Draft }

// ReleasesPeerAnswers says a move into f is the period's one release of the sealed
// peer answers (penilaian's rekan.go): the start of penilaian, when peer feedback
// closes.
func (f Fase) ReleasesPeerAnswers() bool { return f == Penilaian }

// Activity is something a phase opens or closes.
type Activity int

// The activities that phases gate. Each has one row in the table below.
const (
	CreateSKP       Activity = iota + 1 // the pegawai starts the plan (version 1)
	EditSKP                             // the pegawai drafts, submits or starts a perubahan SKP
	ApproveSKP                          // the penilai approves or returns, and writes the ekspektasi khusus
	ViewRealisasi                       // the year's pages: realisasi, bukti, umpan balik, ratings (reading)
	RecordRealisasi                     // realisasi and bukti dukung
	GiveUmpanBalik                      // umpan balik berkelanjutan between penilai and pegawai
	SelfAssess                          // penilaian diri, per check-in and for the year
	PeerReview                          // umpan balik rekan kerja (360): nominating and answering
	Rate                                // the penilai's ratings, per check-in and for the year
	Publish                             // Tetapkan: publishing and locking ratings
	Keberatan                           // filing, discussing and deciding a keberatan
	ChangeSettings                      // the Admin BKD edits the period, its predikat organisasi
	ChangeTahun                         // the Admin BKD changes the period's year
	ChangePeserta                       // the Admin BKD adds, removes or re-assigns participants
)

// Activities lists every activity, in the order of the table.
var Activities = []Activity{CreateSKP, EditSKP, ApproveSKP, ViewRealisasi, RecordRealisasi, GiveUmpanBalik, SelfAssess, PeerReview,
	Rate, Publish, Keberatan, ChangeSettings, ChangeTahun, ChangePeserta}

// rule is one row of the phase table.
type rule struct {
	name string
	// open lists the phases in which the activity is open at a check-in (or, for an
	// activity without check-ins, at all); year those in which it is open for the year
	// as a whole (check-in 0), when it differs.
	open, year []Fase
	// closed is the refusal in a closed period; other in any other shut phase, and
	// otherYear for the year; code is other's error code (default Conflict).
	closed, other, otherYear string
	code                     apperr.Code
}

var (
	planning  = []Fase{Perencanaan, Pelaksanaan}
	reporting = []Fase{Pelaksanaan, Penilaian}
	annual    = []Fase{Penilaian}
	notClosed = []Fase{Draft, Perencanaan, Pelaksanaan, Penilaian}
)

// table is which activity is open in which phase, and what a refusal says. It follows
// the cycle of PermenPANRB 6/2022: the plan in perencanaan (and revised through
// pelaksanaan), realisasi, feedback and periodic ratings through pelaksanaan and
// penilaian, the annual rating in penilaian, and nothing once closed.
var table = map[Activity]rule{
	CreateSKP: {name: "membuat SKP", open: planning,
		closed: "SKP hanya dapat dibuat pada fase Perencanaan atau Pelaksanaan.",
		other:  "SKP hanya dapat dibuat pada fase Perencanaan atau Pelaksanaan."},
	EditSKP: {name: "mengubah SKP", open: planning,
		closed: "Periode ini sudah selesai (ditutup); SKP tidak dapat diubah.",
		other:  "SKP hanya dapat diubah pada fase Perencanaan atau Pelaksanaan."},
	ApproveSKP: {name: "menyetujui SKP", open: planning,
		closed: "Periode ini sudah selesai (ditutup); SKP tidak dapat diubah.",
		other:  "SKP hanya dapat diubah pada fase Perencanaan atau Pelaksanaan."},
	ViewRealisasi: {name: "melihat realisasi", open: []Fase{Pelaksanaan, Penilaian, Selesai},
		other: "Realisasi dicatat pada SKP terakhir yang sudah disetujui, mulai fase Pelaksanaan."},
	RecordRealisasi: {name: "mencatat realisasi", open: reporting,
		closed: "Periode ini sudah selesai (ditutup); realisasi tidak dapat diubah.",
		other:  "Realisasi dicatat pada fase Pelaksanaan dan Penilaian."},
	GiveUmpanBalik: {name: "memberi umpan balik", open: reporting,
		closed: "Periode ini sudah selesai (ditutup); umpan balik tidak dapat ditambahkan.",
		other:  "Umpan balik diberikan pada fase Pelaksanaan dan Penilaian."},
	SelfAssess: {name: "mengisi penilaian diri", open: reporting, year: annual,
		closed:    "Periode ini sudah selesai (ditutup); penilaian diri tidak dapat diubah.",
		other:     "Penilaian diri diisi pada fase Pelaksanaan dan Penilaian.",
		otherYear: "Penilaian diri akhir periode diisi pada fase Penilaian."},
	// Peer feedback is collected in pelaksanaan only: the move to penilaian releases
	// every pegawai's answers at once (penilaian.AggregateShown), and no answer may
	// follow a release.
	PeerReview: {name: "umpan balik rekan kerja", open: []Fase{Pelaksanaan},
		closed: "Umpan balik rekan kerja berlangsung pada fase Pelaksanaan.",
		other:  "Umpan balik rekan kerja berlangsung pada fase Pelaksanaan; hasilnya dibuka sekaligus saat fase Penilaian dimulai."},
	Rate: {name: "memberi penilaian", open: reporting, year: annual,
		closed:    "Periode ini sudah selesai (ditutup); penilaian tidak dapat diubah.",
		other:     "Penilaian periodik diberikan pada fase Pelaksanaan dan Penilaian.",
		otherYear: "Penilaian tahunan diberikan pada fase Penilaian."},
	Publish: {name: "menetapkan penilaian", open: reporting, year: annual,
		closed:    "Periode ini sudah selesai (ditutup); penilaian tidak dapat diubah.",
		other:     "Penilaian periodik ditetapkan pada fase Pelaksanaan dan Penilaian.",
		otherYear: "Penilaian tahunan ditetapkan pada fase Penilaian."},
	Keberatan: {name: "keberatan", open: notClosed,
		closed: "Periode ini sudah selesai (ditutup); keberatan tidak dapat diajukan, dikomentari atau diputuskan."},
	ChangeSettings: {name: "mengubah periode", open: notClosed,
		closed: "Periode ini sudah selesai (ditutup); datanya tidak dapat diubah."},
	ChangeTahun: {name: "mengubah tahun", open: []Fase{Draft},
		closed: "Periode ini sudah selesai (ditutup); datanya tidak dapat diubah.",
		other:  "Tahun hanya dapat diubah selama periode masih draft.", code: apperr.Invalid},
	ChangePeserta: {name: "mengubah peserta", open: []Fase{Perencanaan, Pelaksanaan, Penilaian},
		closed: "Periode ini sudah selesai (ditutup); datanya tidak dapat diubah.",
		other:  "Periode masih draft: peserta baru ditetapkan saat periode dibuka (fase Perencanaan).", code: apperr.Invalid},
}

// Year is the check-in number that means the year as a whole.
const Year = 0

// Phases lists the phases in which a is open at checkin (Year for the year; for an
// activity without check-ins any check-in gives the same answer).
func Phases(a Activity, checkin int) []Fase {
	r := table[a]
	if checkin == Year && r.year != nil {
		return r.year
	}
	return r.open
}

// Allows says whether activity a is open in phase f at checkin (Year for the year).
// Web asks it to show or hide a form; the store asks Check before it writes.
func Allows(f Fase, a Activity, checkin int) bool {
	for _, x := range Phases(a, checkin) {
		if x == f {
			return true
		}
	}
	return false
}

// Check returns nil when activity a is open in phase f at checkin, else an
// apperr.Conflict (apperr.Invalid for the Admin BKD's settings in Draft) that says
// in which phase it is open. An unknown activity is refused.
func Check(f Fase, a Activity, checkin int) error {
	if Allows(f, a, checkin) {
		return nil
	}
	r, ok := table[a]
	if !ok {
		return apperr.New(apperr.Conflict, "Kegiatan tidak dikenal.")
	}
	if f == Selesai && r.closed != "" {
		return apperr.New(apperr.Conflict, "%s", r.closed)
	}
	msg := r.other
	if checkin == Year && r.otherYear != "" {
		msg = r.otherYear
	}
	if msg == "" {
		msg = "Fase " + f.Label() + " tidak membuka kegiatan " + r.name + "."
	}
	code := r.code
	if code == "" {
		code = apperr.Conflict
	}
	return apperr.New(code, "%s", msg)
}

// Name is the activity in words, for messages and tests.
func (a Activity) Name() string { return table[a].name }

// CurrentCheckin is the check-in whose dates contain today; before the first, the
// first; after the last, the last.
func CurrentCheckin(cs []Checkin, today time.Time) int {
	for _, c := range cs {
		if !today.Before(c.Mulai) && !today.After(c.Selesai) {
			return c.No
		}
	}
	if len(cs) > 0 && today.After(cs[len(cs)-1].Selesai) {
		return len(cs)
	}
	return 1
}

// CheckinAsked is the check-in a page without a year view means by ?ke=: a valid
// number as asked, else the current one.
func CheckinAsked(ke string, cs []Checkin, today time.Time) int {
	if n, err := strconv.Atoi(ke); err == nil && n >= 1 && n <= len(cs) {
		return n
	}
	return CurrentCheckin(cs, today)
}

// RatingCheckin is the check-in a page with a year view means by ?ke=: "0" the year;
// without ?ke, the year in the Penilaian phase (when the annual rating is due) and
// the current check-in before; otherwise as CheckinAsked.
func RatingCheckin(ke string, f Fase, cs []Checkin, today time.Time) int {
	if ke == "0" || (ke == "" && DefaultsToYear(f)) {
		return Year
	}
	return CheckinAsked(ke, cs, today)
}

// DefaultsToYear says the rating pages and tasks default to the year in phase f: the
// annual rating is due in the Penilaian phase.
func DefaultsToYear(f Fase) bool { return f == Penilaian }
