package laporan

import "kinerja/internal/penilaian"

// StatusRencana is where a stretch's plan stands.
type StatusRencana string

const (
	TanpaSKP     StatusRencana = "tanpa"
	Draft        StatusRencana = "draft"
	Diajukan     StatusRencana = "diajukan"
	Dikembalikan StatusRencana = "dikembalikan"
	Disetujui    StatusRencana = "disetujui"
)

// StatusesRencana lists the plan statuses in column order.
var StatusesRencana = []StatusRencana{TanpaSKP, Draft, Diajukan, Dikembalikan, Disetujui}

// Label is the plan status on the screen.
func (s StatusRencana) Label() string {
	switch s {
	case TanpaSKP:
		return "Belum ada SKP"
	case Draft:
		return "Draft"
	case Diajukan:
		return "Diajukan"
	case Dikembalikan:
		return "Dikembalikan"
	case Disetujui:
		return "Disetujui"
	}
	return string(s)
}

// StatusSKP is the plan's status from whether any version was approved and the
// latest version's status ("" without a plan).
func StatusSKP(adaDisetujui bool, terakhir string) StatusRencana {
	if adaDisetujui {
		return Disetujui
	}
	switch s := StatusRencana(terakhir); s {
	case Draft, Diajukan, Dikembalikan, Disetujui:
		return s
	}
	return TanpaSKP
}

// BarisRencana is one row of the Perencanaan report.
type BarisRencana struct {
	Hitung
	Status map[StatusRencana]int // among the Aktif stretches
}

// Add counts n stretches with the given facts; only Aktif ones enter the plan
// columns.
func (r *BarisRencana) Add(f Flags, s StatusRencana, n int) {
	st := StatusOf(f)
	r.Hitung.Add(st, n)
	if st != Aktif {
		return
	}
	if r.Status == nil {
		r.Status = map[StatusRencana]int{}
	}
	r.Status[s] += n
}

// Lengkap reports whether a person's realisasi at a check-in is complete: every IKI
// of the plan in force has one.
func Lengkap(iki, terisi int) bool { return iki > 0 && terisi >= iki }

// FaktaPelaksanaan is what the store counts of n stretches alike at a check-in.
type FaktaPelaksanaan struct {
	Flags
	DenganSKP  bool // an approved plan is in force
	UmpanBalik bool // the penilai gave umpan balik at the check-in
	IKI        int  // indicators of the plan, per stretch
	Terisi     int  // of them, with realisasi, per stretch
	Berbukti   int  // total, over the n stretches, of indicators with bukti
	N          int
}

// BarisPelaksanaan is one row of the Pelaksanaan report.
type BarisPelaksanaan struct {
	Hitung
	DenganSKP, Lengkap, UmpanBalik int
	IKI, Terisi, Berbukti          int
}

// Add counts facts; only Aktif stretches with an approved plan enter the work
// columns.
func (r *BarisPelaksanaan) Add(x FaktaPelaksanaan) {
	st := StatusOf(x.Flags)
	r.Hitung.Add(st, x.N)
	if st != Aktif || !x.DenganSKP {
		return
	}
	r.DenganSKP += x.N
	r.IKI += x.IKI * x.N
	r.Terisi += x.Terisi * x.N
	r.Berbukti += x.Berbukti
	if Lengkap(x.IKI, x.Terisi) {
		r.Lengkap += x.N
	}
	if x.UmpanBalik {
		r.UmpanBalik += x.N
	}
}

// FaktaPenilaian is what the store counts of n stretches alike at a check-in.
type FaktaPenilaian struct {
	Flags
	DenganSKP  bool
	Predikat   penilaian.Predikat // "" when not rated
	Ditetapkan bool
	Keberatan  string // "", or the keberatan's status
	N          int
}

// BarisPenilaian is one row of the Penilaian report.
type BarisPenilaian struct {
	Hitung
	DenganSKP, Dinilai, Ditetapkan int
	KeberatanDiajukan              int                        // every keberatan filed
	KeberatanDiputus               int                        // of them, decided
	Predikat                       map[penilaian.Predikat]int // rated, published or not
	Resmi                          map[penilaian.Predikat]int // published
}

// Add counts facts; only Aktif stretches enter the rating columns.
func (r *BarisPenilaian) Add(x FaktaPenilaian) {
	st := StatusOf(x.Flags)
	r.Hitung.Add(st, x.N)
	if st != Aktif {
		return
	}
	if x.DenganSKP {
		r.DenganSKP += x.N
	}
	if x.Predikat != "" {
		r.Dinilai += x.N
		if r.Predikat == nil {
			r.Predikat = map[penilaian.Predikat]int{}
		}
		r.Predikat[x.Predikat] += x.N
	}
	if x.Ditetapkan {
		r.Ditetapkan += x.N
		if x.Predikat != "" {
			if r.Resmi == nil {
				r.Resmi = map[penilaian.Predikat]int{}
			}
			r.Resmi[x.Predikat] += x.N
		}
	}
	if x.Keberatan != "" {
		r.KeberatanDiajukan += x.N
		if penilaian.StatusKeberatan(x.Keberatan) != penilaian.KeberatanDiajukan {
			r.KeberatanDiputus += x.N
		}
	}
}

// Distribusi is the row's distribution under an organisation predikat, for
// penilaian.CheckKurva.
func (r BarisPenilaian) Distribusi(org string, mode penilaian.Pembulatan) penilaian.Distribusi {
	counts := map[penilaian.Predikat]int{}
	for k, v := range r.Predikat {
		counts[k] = v
	}
	return penilaian.Distribusi{Counts: counts, Dinilai: r.Dinilai, BelumDinilai: r.DenganSKP - r.Dinilai, OrgPredikat: org, Pembulatan: mode}
}

// Selesai reports whether a penilai has finished a check-in: every subordinate with
// an approved plan has a published rating.
func Selesai(denganSKP, ditetapkan int) bool { return ditetapkan >= denganSKP }
