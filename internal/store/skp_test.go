package store_test

import (
	"strings"
	"testing"

	"kinerja/internal/apperr"
	"kinerja/internal/dbtest"
	"kinerja/internal/periode"
	"kinerja/internal/seed"
	"kinerja/internal/skp"
	"kinerja/internal/store"
)

func headOf(t *testing.T, ds *seed.Dataset, unit string) (seed.Pegawai, seed.Pegawai) {
	t.Helper()
	u := unitByName(t, ds, unit)
	var head, staff seed.Pegawai
	for _, j := range ds.Jabatan {
		if j.UnitID == u.ID && j.Kepala {
			for _, p := range ds.Pegawai {
				if p.JabatanID == j.ID {
					head = p
				}
			}
		}
	}
	for _, p := range ds.Pegawai {
		if p.UnitID == u.ID && p.ID != head.ID && staff.ID == 0 {
			staff = p
		}
	}
	return head, staff
}

func version(t *testing.T, p *store.PeriodStore, id int64) int {
	t.Helper()
	k, err := p.GetSKP(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return k.Version
}

// penilaiPlan gives the penilai a plan with one RHK Utama, which the penilai's
// subordinates can support, and returns the RHK they can choose from.
func penilaiPlan(t *testing.T, p *store.PeriodStore, penilaiID int64) []skp.RHK {
	t.Helper()
	pSKP, err := p.CreateSKP(ctx, actor, penilaiID)
	if err != nil {
		t.Fatal(err)
	}
	atasanRHK, err := p.SaveRHK(ctx, actor, pSKP, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Tersusunnya kurikulum SD yang mutakhir"})
	if err != nil {
		t.Fatal(err)
	}
	prhk, err := p.PenilaiRHK(ctx, penilaiID)
	if err != nil || len(prhk) != 1 || prhk[0].ID != atasanRHK {
		t.Fatalf("penilai RHK: %+v %v", prhk, err)
	}
	return prhk
}

// skpFixture is a 2026 period in perencanaan where a staff member of Seksi Kurikulum
// SD has an empty draft and the head of the seksi has a plan to support.
type skpFixture struct {
	st             *store.Store
	db             dbtest.DB
	ds             *seed.Dataset
	p              *store.PeriodStore
	penilai, staff seed.Pegawai
	prhk           []skp.RHK // the penilai's RHK
	id             int64     // the staff member's draft
}

func newSKPFixture(t *testing.T) skpFixture {
	t.Helper()
	f := skpFixture{}
	f.st, f.db, f.ds = seeded(t)
	f.p = newPeriode(t, f.st, 2026)
	move(t, f.p, periode.Perencanaan)
	f.penilai, f.staff = headOf(t, f.ds, "Seksi Kurikulum SD")
	f.prhk = penilaiPlan(t, f.p, f.penilai.ID)
	var err error
	if f.id, err = f.p.CreateSKP(ctx, actor, f.staff.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestSKPWorkflow(t *testing.T) {
	t.Parallel()
	f := newSKPFixture(t)
	st, db, ds, p, penilai, staff, prhk, id := f.st, f.db, f.ds, f.p, f.penilai, f.staff, f.prhk, f.id
	if _, err := p.CreateSKP(ctx, actor, staff.ID); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("second SKP: %v", err)
	}
	if err := p.Submit(ctx, actor, id, 1); err == nil || !strings.Contains(apperr.As(err).Fields["missing"], "Belum ada RHK Utama") {
		t.Fatalf("empty submit: %v", err)
	}
	rhk, err := p.SaveRHK(ctx, actor, id, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Tersusunnya dokumen kurikulum muatan lokal"})
	if err != nil {
		t.Fatal(err)
	}
	err = p.Submit(ctx, actor, id, 2)
	missing := apperr.As(err).Fields["missing"]
	if !strings.Contains(missing, "belum memiliki indikator") || !strings.Contains(missing, "RHK atasan") {
		t.Fatalf("missing: %q", missing)
	}
	if _, err := p.SaveRHK(ctx, actor, id, 1, rhk, skp.RHK{Jenis: "utama", Uraian: "x"}); err != store.ErrStale {
		t.Fatalf("stale RHK edit: %v", err)
	}
	if _, err := p.SaveRHK(ctx, actor, id, 2, rhk, skp.RHK{Jenis: "utama", Uraian: "Tersusunnya dokumen kurikulum muatan lokal", AtasanKunci: prhk[0].Kunci}); err != nil {
		t.Fatal(err)
	}
	target := 12.0
	if _, err := p.SaveIKI(ctx, actor, id, 3, rhk, 0, skp.IKI{Indikator: "Jumlah dokumen kurikulum", Aspek: "kuantitas", Target: &target, Satuan: "dokumen"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Submit(ctx, actor, id, 4); err != nil {
		t.Fatalf("submit: %v", err)
	}
	if _, err := p.SaveRHK(ctx, actor, id, 5, 0, skp.RHK{Jenis: "tambahan", Uraian: "Membantu penyusunan laporan"}); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("edit while submitted: %v", err)
	}
	if err := p.Decide(ctx, actor, id, 5, false, ""); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("return without a note: %v", err)
	}
	if err := p.Decide(ctx, actor, id, 5, false, "Target terlalu rendah"); err != nil {
		t.Fatal(err)
	}
	k, _ := p.GetSKP(ctx, id)
	if k.Status != skp.Dikembalikan || k.RHK[0].AtasanUraian != "Tersusunnya kurikulum SD yang mutakhir" {
		t.Fatalf("after return: %+v", k)
	}
	if err := p.SaveEkspektasi(ctx, actor, id, k.Version, map[int]string{1: "Responsif terhadap sekolah", 3: "Menguasai Kurikulum Merdeka"}); err != nil {
		t.Fatal(err)
	}
	target = 15
	if _, err := p.SaveIKI(ctx, actor, id, version(t, p, id), rhk, k.RHK[0].IKI[0].ID, skp.IKI{Indikator: "Jumlah dokumen kurikulum", Aspek: "kuantitas", Target: &target, Satuan: "dokumen"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Submit(ctx, actor, id, version(t, p, id)); err != nil {
		t.Fatal(err)
	}
	if err := p.Decide(ctx, actor, id, version(t, p, id), true, "Baik"); err != nil {
		t.Fatal(err)
	}
	k, _ = p.GetSKP(ctx, id)
	if k.Status != skp.Disetujui || *k.RHK[0].IKI[0].Target != 15 || k.Ekspektasi[3] != "Menguasai Kurikulum Merdeka" {
		t.Fatalf("approved: %+v", k)
	}
	notes, _ := p.SKPNotes(ctx, staff.ID)
	var aksi []string
	for _, n := range notes {
		aksi = append(aksi, n.Aksi)
	}
	if strings.Join(aksi, ",") != "ajukan,kembalikan,ajukan,setujui" || notes[1].Catatan != "Target terlalu rendah" {
		t.Fatalf("notes: %v", notes)
	}

	t.Run("an approved plan is read-only, in the database too", func(t *testing.T) {
		if _, err := p.SaveRHK(ctx, actor, id, k.Version, 0, skp.RHK{Jenis: "tambahan", Uraian: "Tambahan apa saja"}); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("store: %v", err)
		}
		if _, err := db.Pool.Exec(ctx, `UPDATE skp_rhk SET uraian = 'diubah diam-diam' WHERE skp_id = $1`, id); err == nil || !strings.Contains(err.Error(), "sudah disetujui") {
			t.Fatalf("SQL update of an approved RHK: %v", err)
		}
		if _, err := db.Pool.Exec(ctx, `DELETE FROM skp_iki WHERE periode_id = $1`, p.ID()); err == nil {
			t.Fatal("SQL delete of an approved IKI succeeded")
		}
	})

	t.Run("a perubahan SKP is a new version; the old one stays", func(t *testing.T) {
		v2, err := p.NewRevision(ctx, actor, id, k.Version, "Penugasan tambahan dari kepala dinas.")
		if err != nil {
			t.Fatal(err)
		}
		k2, _ := p.GetSKP(ctx, v2)
		if k2.Versi != 2 || k2.Status != skp.Draft || len(k2.RHK) != 1 || k2.RHK[0].Kunci != k.RHK[0].Kunci || k2.RHK[0].AtasanKunci != prhk[0].Kunci || len(k2.RHK[0].IKI) != 1 {
			t.Fatalf("version 2: %+v", k2)
		}
		// A new version carries over everything the approved one had, the
		// ekspektasi khusus pimpinan and the lampiran included.
		if k2.Ekspektasi[1] != "Responsif terhadap sekolah" || k2.Ekspektasi[3] != "Menguasai Kurikulum Merdeka" || k2.Lampiran != k.Lampiran {
			t.Fatalf("version 2 lost the ekspektasi or lampiran: %v %q", k2.Ekspektasi, k2.Lampiran)
		}
		if _, err := p.SaveRHK(ctx, actor, v2, k2.Version, 0, skp.RHK{Jenis: "tambahan", Uraian: "Mendampingi sekolah penggerak"}); err != nil {
			t.Fatal(err)
		}
		old, _ := p.GetSKP(ctx, id)
		if len(old.RHK) != 1 || old.Latest {
			t.Fatalf("version 1 changed: %+v", old)
		}
		head, _ := p.SKPHead(ctx, staff.ID)
		if head != v2 {
			t.Fatalf("head = %d, want %d", head, v2)
		}
	})

	t.Run("queue of the penilai", func(t *testing.T) {
		q, err := p.ListBawahanSKP(ctx, penilai.ID)
		if err != nil || len(q) == 0 {
			t.Fatalf("queue: %v %v", q, err)
		}
		found := false
		for _, b := range q {
			if b.PegawaiID == staff.ID {
				found = b.Versi == 2 && b.Status == "draft"
			}
		}
		if !found {
			t.Fatalf("queue lacks the staff's version 2: %+v", q)
		}
	})

	t.Run("copy from the previous period", func(t *testing.T) {
		move(t, p, periode.Pelaksanaan)
		move(t, p, periode.Penilaian)
		move(t, p, periode.Selesai)
		next := newPeriode(t, st, 2027)
		move(t, next, periode.Perencanaan)
		id3, err := next.CopyPrevious(ctx, actor, staff.ID)
		if err != nil {
			t.Fatal(err)
		}
		k3, _ := next.GetSKP(ctx, id3)
		if len(k3.RHK) != 2 || k3.RHK[0].AtasanKunci != 0 || len(k3.RHK[0].IKI) != 1 || k3.Status != skp.Draft {
			t.Fatalf("copied: %+v", k3)
		}
		if _, err := next.CopyPrevious(ctx, actor, ds.Pegawai[3].ID); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("nothing to copy: %v", err)
		}
		if _, err := p.SaveRHK(ctx, actor, id, k.Version, 0, skp.RHK{Jenis: "tambahan", Uraian: "Sesudah ditutup"}); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("closed period: %v", err)
		}
	})
}

func TestRealisasiLockedWithThePeriod(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	p := newPeriode(t, st, 2026)
	move(t, p, periode.Perencanaan)
	penilai, staff := headOf(t, ds, "Seksi Kurikulum SD")
	pSKP, _ := p.CreateSKP(ctx, actor, penilai.ID)
	p.SaveRHK(ctx, actor, pSKP, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Tersusunnya kurikulum SD yang mutakhir"})
	prhk, _ := p.PenilaiRHK(ctx, penilai.ID)
	id, _ := p.CreateSKP(ctx, actor, staff.ID)
	rhk, _ := p.SaveRHK(ctx, actor, id, 1, 0, skp.RHK{Jenis: "utama", Uraian: "Tersusunnya dokumen muatan lokal", AtasanKunci: prhk[0].Kunci})
	target := 12.0
	iki, _ := p.SaveIKI(ctx, actor, id, 2, rhk, 0, skp.IKI{Indikator: "Jumlah dokumen", Aspek: "kuantitas", Target: &target, Satuan: "dokumen"})
	if err := p.SaveRealisasi(ctx, actor, id, 1, []skp.Realisasi{{IKIID: iki, Teks: "draf"}}); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("realisasi before approval: %v", err)
	}
	p.Submit(ctx, actor, id, 3)
	p.Decide(ctx, actor, id, 4, true, "")
	move(t, p, periode.Pelaksanaan)
	v := 3.0
	if err := p.SaveRealisasi(ctx, actor, id, 1, []skp.Realisasi{{IKIID: iki, Nilai: &v, Teks: "tiga"}}); err != nil {
		t.Fatal(err)
	}
	got, _ := p.RealisasiOf(ctx, id, 1)
	if got[iki].Version != 1 || *got[iki].Nilai != 3 {
		t.Fatalf("realisasi: %+v", got)
	}
	if err := p.SaveRealisasi(ctx, actor, id, 1, []skp.Realisasi{{IKIID: iki, Nilai: &v, Teks: "lain", Version: 7}}); err != store.ErrStale {
		t.Fatalf("stale: %v", err)
	}
	// Two first saves of the same check-in at once: one wins, the other is told it is stale.
	errs := make(chan error, 2)
	for _, teks := range []string{"dari ponsel", "dari laptop"} {
		go func() {
			errs <- p.SaveRealisasi(ctx, actor, id, 2, []skp.Realisasi{{IKIID: iki, Nilai: &v, Teks: teks}})
		}()
	}
	e1, e2 := <-errs, <-errs
	if (e1 == nil) == (e2 == nil) || (e1 != store.ErrStale && e2 != store.ErrStale) {
		t.Fatalf("concurrent first saves: %v, %v", e1, e2)
	}
	if err := p.AddUmpanBalik(ctx, actor, id, store.UmpanBalik{Checkin: 1, RHKKunci: 424242, Peran: "penilai", Teks: "RHK lain"}); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("feedback on an RHK of another plan: %v", err)
	}
	if err := p.AddUmpanBalik(ctx, actor, id, store.UmpanBalik{Checkin: 1, Nilai: 2, Peran: "penilai", Teks: "Tanggap pada keluhan warga"}); err != nil {
		t.Fatal(err)
	}
	if fb, _ := p.ListUmpanBalik(ctx, id, 1); len(fb) != 1 || fb[0].Nilai != 2 || fb[0].Teks != "Tanggap pada keluhan warga" {
		t.Fatalf("feedback: %+v", fb)
	}
	move(t, p, periode.Penilaian)
	move(t, p, periode.Selesai)
	if _, err := db.Pool.Exec(ctx, `UPDATE realisasi SET teks = 'diubah' WHERE skp_id = $1`, id); err == nil || !strings.Contains(err.Error(), "ditutup") {
		t.Fatalf("SQL update of a closed period's realisasi: %v", err)
	}
	if _, err := db.Pool.Exec(ctx, `DELETE FROM umpan_balik WHERE skp_id = $1`, id); err == nil || !strings.Contains(err.Error(), "ditutup") {
		t.Fatalf("SQL delete of a closed period's feedback: %v", err)
	}
	if err := p.AddUmpanBalik(ctx, actor, id, store.UmpanBalik{Checkin: 1, Nilai: 2, Peran: "penilai", Teks: "terlambat"}); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("feedback in a closed period: %v", err)
	}
	if err := p.SaveRealisasi(ctx, actor, id, 1, []skp.Realisasi{{IKIID: iki, Nilai: &v, Teks: "lain", Version: 1}}); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("closed period: %v", err)
	}
}

// TestPeerAnswersCarryNoReviewer pins the schema that keeps peer feedback anonymous:
// the answer tables hold no reviewer, time or ordering key.
func TestPeerAnswersCarryNoReviewer(t *testing.T) {
	t.Parallel()
	_, db, _ := seeded(t)
	rows, err := db.Pool.Query(ctx, `SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_name IN ('rekan_tanggapan', 'rekan_komentar') ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	want := "rekan_komentar.pegawai_id rekan_komentar.periode_id rekan_komentar.teks rekan_tanggapan.nilai rekan_tanggapan.pegawai_id rekan_tanggapan.periode_id rekan_tanggapan.rating"
	if got := strings.Join(cols, " "); got != want {
		t.Fatalf("answer columns:\n got %s\nwant %s", got, want)
	}
}

// TestGetSKPAssembles checks what the SKP page reads in one batch: both identity
// blocks, IKI under their own RHK in order (Utama before Tambahan), the versions
// newest first, and the notes of all versions.
func TestGetSKPAssembles(t *testing.T) {
	t.Parallel()
	f := newSKPFixture(t)
	p, penilai, staff, prhk, id := f.p, f.penilai, f.staff, f.prhk, f.id
	tambahan, err := p.SaveRHK(ctx, actor, id, 1, 0, skp.RHK{Jenis: "tambahan", Uraian: "Membantu penyusunan laporan"})
	if err != nil {
		t.Fatal(err)
	}
	utama, err := p.SaveRHK(ctx, actor, id, 2, 0, skp.RHK{Jenis: "utama", Uraian: "Tersusunnya dokumen kurikulum", AtasanKunci: prhk[0].Kunci})
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range []struct {
		rhk  int64
		text string
	}{{utama, "Jumlah dokumen"}, {tambahan, "Jumlah laporan"}, {utama, "Ketepatan waktu"}} {
		n := float64(i + 1)
		if _, err := p.SaveIKI(ctx, actor, id, version(t, p, id), x.rhk, 0, skp.IKI{Indikator: x.text, Aspek: "kuantitas", Target: &n, Satuan: "dokumen"}); err != nil {
			t.Fatal(err)
		}
	}
	k, err := p.GetSKP(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if k.Pegawai.ID != staff.ID || k.Pegawai.NIP != staff.NIP || k.Pegawai.Nama != staff.Nama || k.Pegawai.Unit != "Seksi Kurikulum SD" || k.Pegawai.OPD == "" || k.Pegawai.Jabatan == "" {
		t.Fatalf("pegawai identity: %+v", k.Pegawai)
	}
	if k.Penilai == nil || k.Penilai.ID != penilai.ID || k.Penilai.Nama != penilai.Nama || k.Penilai.Jabatan == "" {
		t.Fatalf("penilai identity: %+v", k.Penilai)
	}
	var got []string
	for _, r := range k.RHK {
		s := r.Jenis + ":"
		for _, i := range r.IKI {
			s += i.Indikator + "/"
		}
		got = append(got, s)
	}
	if strings.Join(got, " ") != "utama:Jumlah dokumen/Ketepatan waktu/ tambahan:Jumlah laporan/" || k.RHK[0].AtasanUraian != "Tersusunnya kurikulum SD yang mutakhir" {
		t.Fatalf("RHK and IKI: %v", got)
	}
	if len(k.Versions) != 1 || !k.Latest || k.Versions[0].ID != id {
		t.Fatalf("versions: %+v latest %v", k.Versions, k.Latest)
	}

	// Approve, revise: version 2 sees both versions, newest first, and the notes of version 1.
	if err := p.Submit(ctx, actor, id, version(t, p, id)); err != nil {
		t.Fatal(err)
	}
	if err := p.Decide(ctx, actor, id, version(t, p, id), true, "Sudah sesuai"); err != nil {
		t.Fatal(err)
	}
	v2, err := p.NewRevision(ctx, actor, id, version(t, p, id), "Penugasan tambahan dari kepala dinas.")
	if err != nil {
		t.Fatal(err)
	}
	k2, err := p.GetSKP(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	if len(k2.Versions) != 2 || k2.Versions[0].ID != v2 || k2.Versions[1].ID != id || !k2.Latest {
		t.Fatalf("version 2 list: %+v latest %v", k2.Versions, k2.Latest)
	}
	if len(k2.Notes) != 3 || k2.Notes[1].Catatan != "Sudah sesuai" || k2.Notes[1].Versi != 1 || k2.Notes[2].Versi != 2 {
		t.Fatalf("notes: %+v", k2.Notes)
	}
	if k1, _ := p.GetSKP(ctx, id); k1.Latest || k1.Status != skp.Disetujui {
		t.Fatalf("version 1: latest %v status %s", k1.Latest, k1.Status)
	}
}
