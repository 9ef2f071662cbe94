package impor

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"kinerja/internal/notif"
	"kinerja/internal/org"
)

// Unit is an active unit kerja the file may name.
type Unit struct {
	ID       int64
	ParentID int64
	OPDKode  string
	Nama     string
	Path     string // "Dinas Pendidikan > Bidang … > Seksi …"
}

// Existing is a pegawai already in the database.
type Existing struct {
	ID            int64
	NIP           string
	Nama          string
	GelarDepan    string
	GelarBelakang string
	JenisASN      string
	TempatLahir   string
	Golongan      string
	Jabatan       string
	JenisJabatan  string
	KepalaUnit    bool
	UnitID        int64
	OPDKode       string
	AtasanNIP     string
	Aktif         bool
	Surel         string
}

// Reference is the organisation as it stands, for checking a file.
type Reference struct {
	Golongan    map[string]string // "PNS|iii/a" → "III/a"
	OPDs        map[string]bool   // kode of active OPDs
	Units       []Unit
	Pegawai     map[string]Existing // by NIP
	Fingerprint string              // changes whenever pegawai or jabatan change
}

// PlanRow is a checked row, ready to apply.
type PlanRow struct {
	Line          int       `json:"l"`
	Status        string    `json:"s"` // baru, ubah, sama
	ExistingID    int64     `json:"e,omitempty"`
	NIP           string    `json:"n"`
	Nama          string    `json:"nm"`
	GelarDepan    string    `json:"gd,omitempty"`
	GelarBelakang string    `json:"gb,omitempty"`
	JenisASN      string    `json:"ja"`
	JenisKelamin  string    `json:"jk"`
	TanggalLahir  time.Time `json:"tl"`
	TempatLahir   string    `json:"tp,omitempty"`
	Golongan      string    `json:"g"`
	UnitID        int64     `json:"u"`
	Jabatan       string    `json:"j"`
	JenisJabatan  string    `json:"jj"`
	KepalaUnit    bool      `json:"k,omitempty"`
	AtasanNIP     string    `json:"a,omitempty"`
	TanpaAtasan   bool      `json:"ta,omitempty"` // NIP_ATASAN "-": no atasan, not the default
	TMT           time.Time `json:"t"`
	Surel         string    `json:"em,omitempty"` // "" keeps the address the pegawai has
	Changes       []string  `json:"c,omitempty"`  // labels of changed fields
}

// Person names a pegawai in a summary.
type Person struct {
	ID   int64  `json:"id"`
	NIP  string `json:"nip"`
	Nama string `json:"nama"`
}

// Plan is what applying a checked file would do.
type Plan struct {
	Rows        []PlanRow `json:"rows"`
	Deactivate  []Person  `json:"deactivate"`
	OPDs        []string  `json:"opds"`
	Fingerprint string    `json:"fingerprint"`
	TMT         time.Time `json:"tmt"`
	Full        bool      `json:"full"` // the file lists every pegawai of its OPDs
}

// Counts summarises a plan.
type Counts struct {
	Baru, Ubah, Sama, Nonaktif int
}

// Count tallies the plan's rows.
func (p *Plan) Count() Counts {
	var c Counts
	for _, r := range p.Rows {
		switch r.Status {
		case "baru":
			c.Baru++
		case "ubah":
			c.Ubah++
		default:
			c.Sama++
		}
	}
	c.Nonaktif = len(p.Deactivate)
	return c
}

var fieldColumn = map[string]string{
	org.FieldNIP: ColNIP, org.FieldNama: ColNama, org.FieldGelarDepan: ColGelarDepan, org.FieldGelarBelakang: ColGelarBelakang,
	org.FieldJenisASN: ColJenisPegawai, org.FieldTempatLahir: ColTempatLahir, org.FieldGolongan: ColGolongan,
	org.FieldJabatan: ColJabatan, org.FieldJenisJabatan: ColJenisJabatan, org.FieldNIPAtasan: ColNIPAtasan, org.FieldTMT: ColTMT,
	org.FieldKeterangan: "",
}

var columnOrder = func() map[string]int {
	m := map[string]int{}
	for i, c := range Header {
		m[c] = i
	}
	return m
}()

// Check validates every row against the rules and the organisation and, when no row
// has a problem, returns the plan. full says the file lists every pegawai of the OPDs
// it names, so those missing from it are deactivated; otherwise the file only adds
// and changes. today is the date in the configured time zone; progress, if not nil,
// is told how many rows are done now and then.
func Check(rows []Row, ref *Reference, today time.Time, full bool, progress func(done int)) (*Plan, []Problem) {
	var problems []Problem
	add := func(line int, col, format string, args ...any) {
		problems = append(problems, Problem{Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
	}
	golongan := func(j org.JenisASN, g string) bool {
		_, ok := ref.Golongan[string(j)+"|"+strings.ToLower(strings.TrimSpace(g))]
		return ok
	}
	units := newUnitIndex(ref.Units)
	present := map[string]bool{}
	for _, r := range rows {
		for c := range r.Values {
			present[c] = true
		}
	}

	plan := &Plan{Fingerprint: ref.Fingerprint, TMT: today, Full: full}
	firstLine := map[string]int{}
	opds := map[string]bool{}
	type jabKey struct {
		unit int64
		nama string
	}
	jabSeen := map[jabKey]int{}
	head := map[int64]int{} // unit → index in plan.Rows of its head
	for i, r := range rows {
		if progress != nil && i%1000 == 0 {
			progress(i)
		}
		v := r.Values
		if isTemplateExample(v) {
			add(r.Line, ColNIP, "Baris contoh dari templat: hapus baris ini sebelum mengunggah.")
			continue
		}
		nip := org.NormalizeNIP(v[ColNIP])
		ex, exists := ref.Pegawai[nip]
		// Optional columns absent from the file keep what the database has.
		keep := func(col, cur string) string {
			if present[col] {
				return v[col]
			}
			return cur
		}
		tanpaAtasan := v[ColNIPAtasan] == TanpaAtasan
		if tanpaAtasan {
			v[ColNIPAtasan] = ""
		}
		in := org.PegawaiInput{NIP: nip, Nama: v[ColNama], GelarDepan: keep(ColGelarDepan, ex.GelarDepan),
			GelarBelakang: keep(ColGelarBelakang, ex.GelarBelakang), JenisASN: v[ColJenisPegawai],
			TempatLahir: keep(ColTempatLahir, ex.TempatLahir), Golongan: v[ColGolongan], Jabatan: v[ColJabatan],
			JenisJabatan: v[ColJenisJabatan], NIPAtasan: v[ColNIPAtasan], TMT: v[ColTMT]}
		before := len(problems)
		c, errs := org.CheckPegawaiInput(in, golongan, today)
		keys := make([]string, 0, len(errs))
		for f := range errs {
			keys = append(keys, f)
		}
		sort.Slice(keys, func(a, b int) bool { return columnOrder[fieldColumn[keys[a]]] < columnOrder[fieldColumn[keys[b]]] })
		for _, f := range keys {
			add(r.Line, fieldColumn[f], "%s", errs[f])
		}
		kepala := false
		switch strings.ToLower(strings.TrimSpace(v[ColKepalaUnit])) {
		case "", "tidak", "t", "n", "no", "0", "false", "bukan":
		case "ya", "y", "yes", "1", "true", "kepala":
			kepala = true
		default:
			add(r.Line, ColKepalaUnit, "Isi KEPALA_UNIT dengan Ya atau Tidak.")
		}
		if errs[org.FieldNIP] == "" && c.NIP.Raw != "" {
			if s := strings.TrimSpace(v[ColTanggalLahir]); s != "" {
				d, ok := org.ParseDate(s)
				if !ok {
					add(r.Line, ColTanggalLahir, "Tanggal lahir tidak valid (gunakan TTTT-BB-HH atau HH-BB-TTTT).")
				} else if !d.Equal(c.NIP.TanggalLahir) {
					add(r.Line, ColTanggalLahir, "Tanggal lahir %s tidak sama dengan NIP (NIP menunjukkan %s).",
						d.Format("02-01-2006"), c.NIP.TanggalLahir.Format("02-01-2006"))
				}
			}
			if s := strings.TrimSpace(v[ColJenisKelamin]); s != "" {
				jk := map[string]string{"l": "L", "laki-laki": "L", "laki laki": "L", "pria": "L", "1": "L",
					"p": "P", "perempuan": "P", "wanita": "P", "2": "P"}[strings.ToLower(s)]
				switch {
				case jk == "":
					add(r.Line, ColJenisKelamin, "Jenis kelamin harus L atau P.")
				case jk != c.NIP.Gender:
					add(r.Line, ColJenisKelamin, "Jenis kelamin %s tidak sesuai dengan digit ke-15 NIP.", jk)
				}
			}
			if prev, dup := firstLine[c.NIP.Raw]; dup {
				add(r.Line, ColNIP, "NIP sama dengan baris %d.", prev)
			} else {
				firstLine[c.NIP.Raw] = r.Line
			}
		}
		var surel string
		if raw := strings.TrimSpace(v[ColEmail]); raw != "" {
			var err error
			if surel, err = notif.CheckSurel(raw); err != nil {
				add(r.Line, ColEmail, "Alamat surel %q tidak valid.", raw)
			}
		}
		kode := strings.TrimSpace(v[ColKodeOPD])
		var unit Unit
		switch {
		case kode == "":
			add(r.Line, ColKodeOPD, "KODE_OPD wajib diisi.")
		case !ref.OPDs[kode]:
			add(r.Line, ColKodeOPD, "Kode OPD %q tidak dikenal atau tidak aktif.", kode)
		default:
			opds[kode] = true
			u, msg := units.find(kode, v[ColUnitKerja])
			if msg != "" {
				add(r.Line, ColUnitKerja, "%s", msg)
			}
			unit = u
		}
		if len(problems) > before {
			continue
		}
		row := PlanRow{Line: r.Line, NIP: c.NIP.Raw, Nama: c.Nama, GelarDepan: c.GelarDepan, GelarBelakang: c.GelarBelakang,
			JenisASN: string(c.JenisASN), JenisKelamin: c.NIP.Gender, TanggalLahir: c.NIP.TanggalLahir, TempatLahir: c.TempatLahir,
			Golongan: ref.Golongan[string(c.JenisASN)+"|"+strings.ToLower(c.Golongan)], UnitID: unit.ID, Jabatan: c.Jabatan,
			JenisJabatan: c.JenisJabatan, KepalaUnit: kepala, AtasanNIP: c.NIPAtasan, TanpaAtasan: tanpaAtasan, TMT: c.TMT, Surel: surel}
		k := jabKey{unit.ID, strings.ToLower(c.Jabatan)}
		if prev, ok := jabSeen[k]; ok {
			p := plan.Rows[prev]
			if p.JenisJabatan != row.JenisJabatan || p.KepalaUnit != row.KepalaUnit {
				add(r.Line, ColJenisJabatan, "Jabatan %q di unit ini tertulis berbeda di baris %d (jenis atau kepala unit).", c.Jabatan, p.Line)
				continue
			}
		} else {
			jabSeen[k] = len(plan.Rows)
		}
		if kepala {
			if prev, ok := head[unit.ID]; ok {
				add(r.Line, ColKepalaUnit, "Unit %s sudah berkepala %s (baris %d).", unit.Nama, plan.Rows[prev].Nama, plan.Rows[prev].Line)
				continue
			}
			head[unit.ID] = len(plan.Rows)
		}
		if exists {
			row.ExistingID = ex.ID
		}
		plan.Rows = append(plan.Rows, row)
	}
	if progress != nil {
		progress(len(rows))
	}

	// Pegawai of the OPDs in the file who are missing from it will be deactivated.
	inFile := make(map[string]int, len(plan.Rows))
	for i, r := range plan.Rows {
		inFile[r.NIP] = i
	}
	for nip := range firstLine {
		if _, ok := inFile[nip]; !ok {
			inFile[nip] = -1 // a row with problems: not a missing pegawai
		}
	}
	leaving := map[string]bool{}
	for _, e := range ref.Pegawai {
		if full && e.Aktif && opds[e.OPDKode] {
			if _, ok := inFile[e.NIP]; !ok {
				leaving[e.NIP] = true
				plan.Deactivate = append(plan.Deactivate, Person{ID: e.ID, NIP: e.NIP, Nama: org.NamaLengkap(e.GelarDepan, e.Nama, e.GelarBelakang)})
			}
		}
	}
	sort.Slice(plan.Deactivate, func(a, b int) bool { return plan.Deactivate[a].Nama < plan.Deactivate[b].Nama })

	// Atasan: the one named, or the head of the unit (for a head, of the unit above).
	headNIP := map[int64]string{}
	for u, i := range head {
		headNIP[u] = plan.Rows[i].NIP
	}
	for i := range plan.Rows {
		r := &plan.Rows[i]
		if r.TanpaAtasan {
			continue
		}
		if r.AtasanNIP == "" {
			r.AtasanNIP = units.defaultHead(r.UnitID, r.KepalaUnit, r.NIP, headNIP)
			continue
		}
		if idx, ok := inFile[r.AtasanNIP]; ok && idx >= 0 {
			continue
		}
		e, ok := ref.Pegawai[r.AtasanNIP]
		switch {
		case !ok:
			add(r.Line, ColNIPAtasan, "NIP atasan %s tidak ditemukan di berkas maupun di data pegawai.", r.AtasanNIP)
		case leaving[r.AtasanNIP]:
			add(r.Line, ColNIPAtasan, "Atasan %s (%s) tidak ada di berkas, sehingga akan dinonaktifkan.", e.Nama, r.AtasanNIP)
		case !e.Aktif:
			add(r.Line, ColNIPAtasan, "Atasan %s (%s) tidak aktif.", e.Nama, r.AtasanNIP)
		}
	}
	// Pegawai outside the file must not lose their atasan.
	for _, e := range ref.Pegawai {
		if e.Aktif && !leaving[e.NIP] && leaving[e.AtasanNIP] {
			if _, ok := inFile[e.NIP]; !ok {
				add(0, ColNIPAtasan, "%s (NIP %s), yang tidak ada di berkas, beratasan %s yang akan dinonaktifkan. Sertakan atasan itu di berkas atau ubah atasan %s lebih dulu.",
					e.Nama, e.NIP, e.AtasanNIP, e.Nama)
			}
		}
	}
	problems = append(problems, cycles(plan.Rows, ref.Pegawai, inFile)...)
	if len(problems) > 0 {
		sort.SliceStable(problems, func(a, b int) bool {
			if problems[a].Line != problems[b].Line {
				return problems[a].Line < problems[b].Line
			}
			return columnOrder[problems[a].Column] < columnOrder[problems[b].Column]
		})
		return nil, problems
	}
	for i := range plan.Rows {
		r := &plan.Rows[i]
		e, ok := ref.Pegawai[r.NIP]
		if !ok {
			r.Status = "baru"
			continue
		}
		r.Changes = diff(*r, e)
		if len(r.Changes) == 0 {
			r.Status = "sama"
		} else {
			r.Status = "ubah"
		}
	}
	for k := range opds {
		plan.OPDs = append(plan.OPDs, k)
	}
	sort.Strings(plan.OPDs)
	return plan, nil
}

func diff(r PlanRow, e Existing) []string {
	var out []string
	ch := func(label string, changed bool) {
		if changed {
			out = append(out, label)
		}
	}
	ch("nama", r.Nama != e.Nama)
	ch("gelar", r.GelarDepan != e.GelarDepan || r.GelarBelakang != e.GelarBelakang)
	ch("jenis ASN", r.JenisASN != e.JenisASN)
	ch("tempat lahir", r.TempatLahir != e.TempatLahir)
	ch("golongan", r.Golongan != e.Golongan)
	ch("unit kerja", r.UnitID != e.UnitID)
	ch("jabatan", r.Jabatan != e.Jabatan || r.JenisJabatan != e.JenisJabatan || r.KepalaUnit != e.KepalaUnit)
	ch("atasan", r.AtasanNIP != e.AtasanNIP)
	ch("status aktif", !e.Aktif)
	ch("surel", r.Surel != "" && r.Surel != e.Surel)
	return out
}

// cycles finds rows whose atasan chain, as the file and the database leave it, loops.
func cycles(rows []PlanRow, existing map[string]Existing, inFile map[string]int) []Problem {
	atasan := func(nip string) string {
		if i, ok := inFile[nip]; ok {
			if i < 0 {
				return ""
			}
			return rows[i].AtasanNIP
		}
		return existing[nip].AtasanNIP
	}
	name := func(nip string) string {
		if i, ok := inFile[nip]; ok && i >= 0 {
			return rows[i].Nama
		}
		return existing[nip].Nama
	}
	const (
		visiting = 1
		done     = 2
	)
	state := map[string]int{}
	var problems []Problem
	for _, r := range rows {
		if state[r.NIP] == done {
			continue
		}
		var path []string
		cur := r.NIP
		for cur != "" && state[cur] == 0 {
			state[cur] = visiting
			path = append(path, cur)
			cur = atasan(cur)
		}
		if cur != "" && state[cur] == visiting {
			start := 0
			for i, n := range path {
				if n == cur {
					start = i
				}
			}
			loop := path[start:]
			names := make([]string, 0, len(loop)+1)
			for _, n := range loop {
				names = append(names, name(n))
			}
			names = append(names, name(loop[0]))
			for _, n := range loop {
				if i, ok := inFile[n]; ok && i >= 0 {
					problems = append(problems, Problem{Line: rows[i].Line, Column: ColNIPAtasan,
						Message: "Rantai atasan melingkar: " + strings.Join(names, " → ") + "."})
				}
			}
		}
		for _, n := range path {
			state[n] = done
		}
	}
	return problems
}

type unitIndex struct {
	byID   map[int64]Unit
	byName map[string][]Unit // "kode|lower name"
	byPath map[string]Unit   // "kode|lower path" (with and without the OPD root)
}

func newUnitIndex(units []Unit) *unitIndex {
	ix := &unitIndex{byID: map[int64]Unit{}, byName: map[string][]Unit{}, byPath: map[string]Unit{}}
	for _, u := range units {
		ix.byID[u.ID] = u
		k := u.OPDKode + "|" + strings.ToLower(u.Nama)
		ix.byName[k] = append(ix.byName[k], u)
		p := strings.ToLower(u.Path)
		ix.byPath[u.OPDKode+"|"+p] = u
		if _, rest, ok := strings.Cut(p, " > "); ok {
			ix.byPath[u.OPDKode+"|"+rest] = u
		}
	}
	return ix
}

func (ix *unitIndex) find(kode, name string) (Unit, string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Unit{}, "UNIT_KERJA wajib diisi."
	}
	norm := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(name, ">", " > ")), " "))
	if u, ok := ix.byPath[kode+"|"+norm]; ok && strings.Contains(norm, " > ") {
		return u, ""
	}
	list := ix.byName[kode+"|"+norm]
	switch len(list) {
	case 0:
		return Unit{}, fmt.Sprintf("Unit kerja %q tidak ditemukan di OPD %s.", name, kode)
	case 1:
		return list[0], ""
	}
	return Unit{}, fmt.Sprintf("Nama unit %q dipakai lebih dari satu unit di OPD %s; tulis jalurnya, mis. %q.", name, kode, list[0].Path)
}

// defaultHead is the head of the unit, or for a head (or a unit without one) the head
// of the nearest unit above.
func (ix *unitIndex) defaultHead(unitID int64, kepala bool, self string, heads map[int64]string) string {
	u := unitID
	if kepala {
		u = ix.byID[unitID].ParentID
	}
	for depth := 0; u != 0 && depth < 100; depth++ {
		if h, ok := heads[u]; ok && h != self {
			return h
		}
		u = ix.byID[u].ParentID
	}
	return ""
}
