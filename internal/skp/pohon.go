package skp

// The pohon kinerja (cascading) of PermenPANRB 6/2022: each RHK of a pegawai supports
// an RHK of their penilai ("RHK atasan yang diintervensi"), so an OPD's plans form a
// tree under its head. The tree shows where the cascade breaks: plans not submitted,
// and RHK Utama of someone with subordinates that no subordinate RHK supports.

// PohonNode is one participant of an OPD with the RHK of their latest plan.
type PohonNode struct {
	PegawaiID int64
	PenilaiID int64
	Nama      string
	Jabatan   string
	SKPID     int64  // 0: no plan yet
	Status    Status // of the latest version; "" when not started
	RHK       []PohonRHK
}

// PohonRHK is one RHK in the tree.
type PohonRHK struct {
	Kunci       int64
	AtasanKunci int64
	Jenis       string
	Uraian      string
}

// Cabang is a participant in the tree, with their RHK and their subordinates.
type Cabang struct {
	PohonNode
	BelumAjukan bool // no plan submitted: none, draft or returned
	RHK         []CabangRHK
	Bawahan     []*Cabang
}

// CabangRHK is an RHK with what supports it and what it supports.
type CabangRHK struct {
	PohonRHK
	Didukung  int    // subordinate RHK that support it
	Mendukung string // the atasan RHK it supports, as it reads
	Tanpa     bool   // an RHK Utama of someone with subordinates that none supports
}

// Pohon is an OPD's tree: its roots (the participants whose penilai is outside the
// OPD or absent), and the counts of gaps.
type Pohon struct {
	Roots       []*Cabang
	Peserta     int
	BelumAjukan int
	RHKTanpa    int
	Status      map[Status]int // plans by status of the latest version; "" counts those not started
}

// NotSubmitted says a plan in status s (or none, "") is still with the pegawai.
func NotSubmitted(s Status) bool { return s == "" || s == Draft || s == Dikembalikan }

// BuildPohon nests the participants under their penilai, in the order given, and
// marks the gaps.
func BuildPohon(nodes []PohonNode) Pohon {
	t := Pohon{Peserta: len(nodes), Status: map[Status]int{}}
	supported := map[int64]int{}
	uraian := map[int64]string{}
	hasSub := map[int64]bool{}
	for _, n := range nodes {
		hasSub[n.PenilaiID] = true
		for _, r := range n.RHK {
			uraian[r.Kunci] = r.Uraian
			if r.AtasanKunci != 0 {
				supported[r.AtasanKunci]++
			}
		}
	}
	people := make(map[int64]*Cabang, len(nodes))
	for _, n := range nodes {
		c := &Cabang{PohonNode: n, BelumAjukan: n.SKPID == 0 || NotSubmitted(n.Status)}
		if n.SKPID == 0 {
			c.Status = ""
		}
		t.Status[c.Status]++
		if c.BelumAjukan {
			t.BelumAjukan++
		}
		for _, r := range n.RHK {
			cr := CabangRHK{PohonRHK: r, Didukung: supported[r.Kunci], Mendukung: uraian[r.AtasanKunci]}
			if hasSub[n.PegawaiID] && r.Jenis == "utama" && cr.Didukung == 0 {
				cr.Tanpa = true
				t.RHKTanpa++
			}
			c.RHK = append(c.RHK, cr)
		}
		people[n.PegawaiID] = c
	}
	for _, n := range nodes {
		if parent, ok := people[n.PenilaiID]; ok && n.PenilaiID != n.PegawaiID {
			parent.Bawahan = append(parent.Bawahan, people[n.PegawaiID])
		} else {
			t.Roots = append(t.Roots, people[n.PegawaiID])
		}
	}
	return t
}
