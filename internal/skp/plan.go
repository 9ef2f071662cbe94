package skp

import (
	"strings"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/org"
	"kinerja/internal/periode"
)

// SKP is one version of a participant's plan in a period, with everything its page
// shows: the RHK with their IKI, the ekspektasi khusus pimpinan, the lampiran, both
// identity blocks, the history and the list of versions.
type SKP struct {
	ID, PeriodeID, PegawaiID int64
	Tahun                    int
	Fase                     periode.Fase
	Versi                    int
	Latest                   bool              // the newest version of the plan of its penugasan
	Penugasan                periode.Penugasan // the stretch of the period the plan covers (mutasi)
	Status                   Status
	Version                  int   // optimistic lock: every change bumps it
	PenilaiID                int64 // the participant's penilai in the period; 0: none
	AtasanPenilaiID          int64 // the penilai's own penilai in the period; 0: none
	PenilaiAkhirID           int64 // for a plan of an ended penugasan: the participant's penilai now
	JPT                      bool  // the pegawai holds a JPT jabatan: RHK by perspektif
	KepalaOPD                bool  // the pegawai heads an OPD: RHK name a penugasan
	OPDID                    int64
	Lampiran                 [3]string // dukungan sumber daya, skema pertanggungjawaban, konsekuensi
	DiajukanAt, DisetujuiAt  *time.Time
	RHK                      []RHK
	Ekspektasi               map[int]string // by BerAKHLAK value number
	Pegawai                  org.Pegawai
	Penilai                  *org.Pegawai
	AtasanPenilai            *org.Pegawai // the penilai's penilai in the period
	Notes                    []Note       // of every version, oldest first
	Versions                 []Version    // newest first
}

// Current says the plan is the participant's plan in force now: the newest version of
// the current penugasan. Only it is edited, revised or decided; a plan of a penugasan
// that ended is history, still reported on and rated at its own check-ins.
func (k *SKP) Current() bool { return k.Latest && !k.Penugasan.Berakhir }

// RHK is a rencana hasil kerja. Kunci is its key across the plan's versions: a
// subordinate's RHK supports the penilai's RHK by its key (AtasanKunci), so the link
// survives a perubahan SKP.
type RHK struct {
	ID           int64
	Kunci        int64
	Jenis        string // utama, tambahan
	Urutan       int
	Uraian       string
	AtasanKunci  int64  // 0: supports no atasan RHK
	AtasanUraian string // the penilai's RHK it supports, as it reads now
	AtasanDraf   bool   // that RHK's plan has no approved version holding it yet
	Penugasan    string // for the head of an OPD: "penugasan dari"
	Perspektif   string // for JPT
	IKI          []IKI
	Pendukung    []Pendukung // subordinates' current RHK that support this one
}

// Pendukung is a subordinate's RHK, in the current version of their plan, that
// supports an RHK of this plan.
type Pendukung struct {
	SKPID  int64
	Nama   string // the subordinate, with gelar
	Status Status // of the subordinate's plan
	Uraian string // the supporting RHK
}

// NamaPendukung names each supporting plan once, in order: "Nama (SKP disetujui)".
func NamaPendukung(list []Pendukung) []string {
	var out []string
	seen := map[int64]bool{}
	for _, p := range list {
		if !seen[p.SKPID] {
			seen[p.SKPID] = true
			out = append(out, p.Nama+" (SKP "+strings.ToLower(p.Status.Label())+")")
		}
	}
	return out
}

// CheckHapusRHK refuses to delete an RHK that subordinates' plans support, naming
// them: deleting it would leave their RHK supporting nothing.
func CheckHapusRHK(r RHK) error {
	nama := NamaPendukung(r.Pendukung)
	if len(nama) == 0 {
		return nil
	}
	return apperr.New(apperr.Conflict, "RHK ini tidak dapat dihapus karena didukung oleh RHK bawahan: %s. Minta bawahan tersebut mengganti "+
		"RHK atasan yang didukungnya (melalui perubahan SKP bila sudah disetujui), lalu hapus RHK ini.", strings.Join(nama, "; "))
}

// Utama says the RHK is an RHK Utama.
func (r RHK) Utama() bool { return r.Jenis == "utama" }

// IKI is an indikator kinerja individu; Target is nil for a qualitative target.
type IKI struct {
	ID         int64
	Indikator  string
	Aspek      string
	Target     *float64
	Satuan     string
	TargetTeks string
}

// Note is one step in the plan's history (ajukan, kembalikan, setujui, perubahan, salin).
type Note struct {
	Versi   int
	Oleh    string
	Aksi    string
	Catatan string
	At      time.Time
}

// CatatanKembali is the penilai's note on returning this version, while it is
// returned: the page shows it above the plan, where the pegawai starts the fix.
func (k *SKP) CatatanKembali() (Note, bool) {
	if k.Status != Dikembalikan {
		return Note{}, false
	}
	for i := len(k.Notes) - 1; i >= 0; i-- { // oldest first: the last is the latest
		if n := k.Notes[i]; n.Versi == k.Versi && n.Aksi == "kembalikan" {
			return n, true
		}
	}
	return Note{}, false
}

// Version is one version in the plan's list of versions.
type Version struct {
	ID     int64
	Versi  int
	Status Status
}

// InForce says this version is the one the year is recorded on.
func (k *SKP) InForce() bool { return InForce(k.Status, k.Latest) }

// Plan is what Missing needs to know of the SKP.
func (k *SKP) Plan() Plan {
	pl := Plan{Free: k.KepalaOPD, JPT: k.JPT}
	for i, r := range k.RHK {
		pl.RHK = append(pl.RHK, PlanRHK{No: i + 1, Jenis: r.Jenis, Uraian: r.Uraian, IKI: len(r.IKI), Perspektif: r.Perspektif,
			Linked: r.AtasanKunci != 0 || (k.KepalaOPD && r.Penugasan != "")})
	}
	return pl
}

// FindRHK returns the RHK with the given id, or nil.
func (k *SKP) FindRHK(id int64) *RHK {
	for i := range k.RHK {
		if k.RHK[i].ID == id {
			return &k.RHK[i]
		}
	}
	return nil
}

// FindIKI returns the indicator with the given id and its RHK, or nils.
func (k *SKP) FindIKI(id int64) (*RHK, *IKI) {
	for i := range k.RHK {
		for j := range k.RHK[i].IKI {
			if k.RHK[i].IKI[j].ID == id {
				return &k.RHK[i], &k.RHK[i].IKI[j]
			}
		}
	}
	return nil, nil
}
