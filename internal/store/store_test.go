package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"kinerja/internal/apperr"
	"kinerja/internal/auth"
	"kinerja/internal/dbtest"
	"kinerja/internal/org"
	"kinerja/internal/seed"
	"kinerja/internal/store"
)

var ctx = context.Background()

func seeded(t *testing.T) (*store.Store, dbtest.DB, *seed.Dataset) {
	t.Helper()
	db := dbtest.NewSeeded(t)
	return store.New(db.Pool), db, dbtest.DemoDataset(t)
}

func pgCode(err error) string {
	if e, ok := err.(*pgconn.PgError); ok {
		return e.Code
	}
	var pe *pgconn.PgError
	if ok := asPg(err, &pe); ok {
		return pe.Code
	}
	return ""
}

func asPg(err error, target **pgconn.PgError) bool {
	for err != nil {
		if e, ok := err.(*pgconn.PgError); ok {
			*target = e
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

func TestDatabaseRefusesInvalidNIP(t *testing.T) {
	t.Parallel()
	_, db, ds := seeded(t)
	p := ds.Pegawai[len(ds.Pegawai)-1]
	tests := []struct{ name, nip, jenis, jk, born string }{
		{"30 February", "198602302015051001", "PNS", "L", "1986-02-28"},
		{"gender digit 3", "198609262015053001", "PNS", "L", "1986-09-26"},
		{"TMT month 13", "198609262015131001", "PNS", "L", "1986-09-26"},
		{"birth date differs from NIP", "198609262015051009", "PNS", "L", "1986-09-27"},
		{"gender differs from NIP", "198609262015052009", "PNS", "L", "1986-09-26"},
		{"17 digits", "19860926201505101", "PNS", "L", "1986-09-26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.Pool.Exec(ctx, `
				INSERT INTO pegawai (nip, nama, jenis_asn, jenis_kelamin, tanggal_lahir, pangkat_id, jabatan_id, unit_kerja_id)
				VALUES ($1, 'Uji Coba', $2, $3, $4, 9, $5, $6)`, tt.nip, tt.jenis, tt.jk, tt.born, p.JabatanID, p.UnitID)
			if pgCode(err) != "23514" {
				t.Fatalf("insert %s: err = %v, want a check violation", tt.nip, err)
			}
		})
	}
	t.Run("valid NIP is accepted", func(t *testing.T) {
		_, err := db.Pool.Exec(ctx, `
			INSERT INTO pegawai (nip, nama, jenis_asn, jenis_kelamin, tanggal_lahir, pangkat_id, jabatan_id, unit_kerja_id)
			VALUES ('198609262015051999', 'Uji Coba', 'PNS', 'L', '1986-09-26', 9, $1, $2)`, p.JabatanID, p.UnitID)
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Run("PNS golongan on a PPPK is refused", func(t *testing.T) {
		_, err := db.Pool.Exec(ctx, `
			INSERT INTO pegawai (nip, nama, jenis_asn, jenis_kelamin, tanggal_lahir, pangkat_id, jabatan_id, unit_kerja_id)
			VALUES ('198609262021211998', 'Uji Coba', 'PPPK', 'L', '1986-09-26', 9, $1, $2)`, p.JabatanID, p.UnitID)
		if pgCode(err) != "23503" {
			t.Fatalf("err = %v, want a foreign key violation", err)
		}
	})
}

func TestDatabaseRefusesAtasanCycles(t *testing.T) {
	t.Parallel()
	_, db, ds := seeded(t)
	// A staff member's chain: staff → kepala seksi → … → sekda (id 1).
	staff := ds.Pegawai[len(ds.Pegawai)-1]
	_, err := db.Pool.Exec(ctx, `UPDATE pegawai SET atasan_id = id WHERE id = $1`, staff.ID)
	if pgCode(err) != "23514" {
		t.Fatalf("own atasan: err = %v, want a check violation", err)
	}
	_, err = db.Pool.Exec(ctx, `UPDATE pegawai SET atasan_id = $1 WHERE id = 1`, staff.ID)
	if pgCode(err) != "23514" || !strings.Contains(err.Error(), "atasan chain") {
		t.Fatalf("sekda under a staff member: err = %v, want the cycle trigger", err)
	}
	_, err = db.Pool.Exec(ctx, `UPDATE pegawai SET atasan_id = $1 WHERE id = $2`, staff.AtasanID, staff.ID)
	if err != nil {
		t.Fatalf("a harmless update must pass: %v", err)
	}
	_, err = db.Pool.Exec(ctx, `UPDATE unit_kerja SET parent_id = (SELECT max(id) FROM unit_kerja WHERE opd_id = 2) WHERE id = (SELECT id FROM unit_kerja WHERE opd_id = 2 AND parent_id IS NULL)`)
	if pgCode(err) != "23514" {
		t.Fatalf("unit cycle: err = %v, want the cycle trigger", err)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	t.Parallel()
	st, db, _ := seeded(t)
	entries, err := st.ListAudit(ctx, store.AuditFilter{Action: "seed.load"})
	if err != nil || len(entries) != 1 {
		t.Fatalf("seed audit entries = %v, %v", entries, err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE audit_log SET action = 'x'`); err == nil {
		t.Fatal("update of audit_log succeeded")
	}
	if _, err := db.Pool.Exec(ctx, `DELETE FROM audit_log`); err == nil {
		t.Fatal("delete from audit_log succeeded")
	}
	if _, err := db.Pool.Exec(ctx, `TRUNCATE audit_log`); err == nil {
		t.Fatal("truncate of audit_log succeeded")
	}
}

func TestOrganisationQueries(t *testing.T) {
	t.Parallel()
	st, _, ds := seeded(t)
	opds, err := st.ListOPD(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(opds) != len(ds.OPDs) {
		t.Fatalf("ListOPD = %d, want %d", len(opds), len(ds.OPDs))
	}
	total := 0
	for _, o := range opds {
		total += o.JumlahPegawai
		if o.Kepala == "" {
			t.Errorf("OPD %s has no kepala", o.Nama)
		}
	}
	if total != len(ds.Pegawai) {
		t.Fatalf("pegawai over OPDs = %d, want %d", total, len(ds.Pegawai))
	}

	t.Run("unit tree totals add up", func(t *testing.T) {
		disdik := opds[1]
		units, err := st.UnitTree(ctx, disdik.ID)
		if err != nil {
			t.Fatal(err)
		}
		if units[0].ParentID != 0 || units[0].Nama != "Dinas Pendidikan" {
			t.Fatalf("first unit = %+v, want the OPD root", units[0])
		}
		if units[0].JumlahTotal != disdik.JumlahPegawai {
			t.Fatalf("root total = %d, want %d", units[0].JumlahTotal, disdik.JumlahPegawai)
		}
		seen := map[int64]bool{}
		for _, u := range units {
			if u.ParentID != 0 && !seen[u.ParentID] {
				t.Fatalf("unit %s comes before its parent", u.Nama)
			}
			seen[u.ID] = true
		}
		if _, err := st.UnitTree(ctx, 99999); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("unknown OPD: %v, want NotFound", err)
		}
	})

	t.Run("search by name, NIP and unit with pagination", func(t *testing.T) {
		target := ds.Pegawai[123]
		byName, n, err := st.SearchPegawai(ctx, store.PegawaiFilter{Q: strings.ToUpper(target.Nama[:5]), Limit: 200})
		if err != nil || n == 0 {
			t.Fatalf("search by name: %d, %v", n, err)
		}
		found := false
		for _, p := range byName {
			found = found || p.ID == target.ID
			if !strings.Contains(strings.ToLower(p.Nama), strings.ToLower(target.Nama[:5])) {
				t.Fatalf("%s does not match %q", p.Nama, target.Nama[:5])
			}
		}
		if !found {
			t.Fatalf("pegawai %s not found by name", target.Nama)
		}
		byNIP, n, err := st.SearchPegawai(ctx, store.PegawaiFilter{Q: org.FormatNIP(target.NIP)})
		if err != nil || n != 1 || byNIP[0].ID != target.ID {
			t.Fatalf("search by NIP: %v (%d), %v", byNIP, n, err)
		}
		page1, total, err := st.SearchPegawai(ctx, store.PegawaiFilter{Limit: 25})
		if err != nil || total != len(ds.Pegawai) || len(page1) != 25 {
			t.Fatalf("page 1: %d rows of %d, %v", len(page1), total, err)
		}
		page2, _, err := st.SearchPegawai(ctx, store.PegawaiFilter{Offset: 25, Limit: 25})
		if err != nil || page2[0].ID == page1[0].ID || strings.ToLower(page2[0].Nama) < strings.ToLower(page1[24].Nama) {
			t.Fatalf("page 2 does not continue page 1: %v", err)
		}
		none, n, err := st.SearchPegawai(ctx, store.PegawaiFilter{Q: "%_'\\"})
		if err != nil || n != 0 || len(none) != 0 {
			t.Fatalf("LIKE metacharacters must match literally: %d, %v", n, err)
		}
		inUnit, n, err := st.SearchPegawai(ctx, store.PegawaiFilter{UnitID: target.UnitID, Limit: 200})
		if err != nil || n == 0 {
			t.Fatalf("by unit: %v", err)
		}
		for _, p := range inUnit {
			if p.UnitID != target.UnitID {
				t.Fatalf("unit filter leaked %d", p.UnitID)
			}
		}
	})

	t.Run("atasan chain reaches the sekda", func(t *testing.T) {
		staff := ds.Pegawai[len(ds.Pegawai)-1]
		chain, err := st.AtasanChain(ctx, staff.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(chain) < 2 || chain[0].ID != staff.AtasanID || chain[len(chain)-1].ID != 1 {
			t.Fatalf("chain = %v", chain)
		}
		for i := 1; i < len(chain); i++ {
			if chain[i-1].AtasanID != chain[i].ID {
				t.Fatalf("chain breaks at %d", i)
			}
		}
		top, err := st.AtasanChain(ctx, 1)
		if err != nil || len(top) != 0 {
			t.Fatalf("sekda chain = %v, %v", top, err)
		}
		ok, err := st.IsAtasanOf(ctx, 1, staff.ID)
		if err != nil || !ok {
			t.Fatalf("sekda above staff: %v %v", ok, err)
		}
		ok, err = st.IsAtasanOf(ctx, staff.ID, 1)
		if err != nil || ok {
			t.Fatalf("staff above sekda: %v %v", ok, err)
		}
	})

	t.Run("unknown ids are NotFound", func(t *testing.T) {
		if _, err := st.GetPegawai(ctx, 999999); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("GetPegawai: %v", err)
		}
		if _, err := st.GetOPD(ctx, 999999); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("GetOPD: %v", err)
		}
		if _, err := st.GetUnit(ctx, 999999); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("GetUnit: %v", err)
		}
	})
}

func TestPrincipalRoles(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	akunOf := func(pegawaiID int64) int64 {
		var id int64
		if err := db.Pool.QueryRow(ctx, `SELECT id FROM akun WHERE pegawai_id = $1`, pegawaiID).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	sekda, err := st.LoadPrincipal(ctx, akunOf(1))
	if err != nil {
		t.Fatal(err)
	}
	if !sekda.Roles.KepalaOPD || !sekda.Roles.Penilai || sekda.Roles.AdminBKD {
		t.Errorf("sekda roles = %+v", sekda.Roles)
	}
	admin, err := st.LoadPrincipal(ctx, akunOf(ds.AdminIDs[0]))
	if err != nil || !admin.Roles.AdminBKD {
		t.Errorf("admin = %+v, %v", admin, err)
	}
	staff := ds.Pegawai[len(ds.Pegawai)-1]
	p, err := st.LoadPrincipal(ctx, akunOf(staff.ID))
	if err != nil || p.Roles != (auth.Roles{}) || p.PegawaiID != staff.ID {
		t.Errorf("staff = %+v, %v", p, err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE pegawai SET aktif = false WHERE id = $1`, staff.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadPrincipal(ctx, akunOf(staff.ID)); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("inactive pegawai still loads: %v", err)
	}
}

func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	st, _, ds := seeded(t)
	nip := ds.Pegawai[10].NIP
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for i := 1; i <= auth.DefaultLimits.Pair.MaxFailures; i++ {
		_, err := auth.Login(ctx, st, auth.DefaultLimits, nip, "salah", "10.0.0.1", now)
		if err != auth.ErrBadCredentials {
			t.Fatalf("attempt %d: %v, want bad credentials", i, err)
		}
	}
	_, err := auth.Login(ctx, st, auth.DefaultLimits, nip, seed.DemoPassword, "10.0.0.1", now.Add(time.Minute))
	if !apperr.Is(err, apperr.TooMany) || !strings.Contains(err.Error(), "14 menit") {
		t.Fatalf("after %d failures: %v, want TooMany with 14 menit left", auth.DefaultLimits.Pair.MaxFailures, err)
	}
	// The owner of the NIP still signs in from another address.
	if id, err := auth.Login(ctx, st, auth.DefaultLimits, nip, seed.DemoPassword, "10.0.0.9", now.Add(time.Minute)); err != nil || id == 0 {
		t.Fatalf("the NIP from another address: %d, %v", id, err)
	}
	// Another NIP from another address is not affected.
	if _, err := auth.Login(ctx, st, auth.DefaultLimits, ds.Pegawai[11].NIP, seed.DemoPassword, "10.0.0.2", now); err != nil {
		t.Fatalf("other NIP: %v", err)
	}
	// After the lockout the right password works and clears the count.
	id, err := auth.Login(ctx, st, auth.DefaultLimits, nip, seed.DemoPassword, "10.0.0.1", now.Add(16*time.Minute))
	if err != nil || id == 0 {
		t.Fatalf("after lockout: %d, %v", id, err)
	}
	entries, err := st.ListAudit(ctx, store.AuditFilter{Action: "akun.login"})
	if err != nil || len(entries) != 3 {
		t.Fatalf("login audit entries = %d, %v", len(entries), err)
	}
}

// TestLoginThrottleCannotLockTheOwnerOut checks that guesses from many addresses only
// slow the owner of a NIP down, by a growing delay capped at a minute, and that the
// Admin BKD sees the holds and lifts them with an audit entry.
func TestLoginThrottleCannotLockTheOwnerOut(t *testing.T) {
	t.Parallel()
	st, _, ds := seeded(t)
	nip := ds.Pegawai[12].NIP
	lim := auth.DefaultLimits
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	// Ten addresses guess five times each, a minute apart: every pair is held, and
	// the NIP from the 21st failure on, for a growing delay.
	counted := 0
	for a := range 10 {
		at := now.Add(time.Duration(a) * time.Minute)
		for range lim.Pair.MaxFailures {
			_, err := auth.Login(ctx, st, lim, nip, "salah", fmt.Sprintf("10.7.0.%d", a), at)
			switch {
			case err == auth.ErrBadCredentials:
				counted++
			case counted < lim.NIP.MaxFailures || !apperr.Is(err, apperr.TooMany):
				t.Fatalf("address %d after %d failures: %v", a, counted, err)
			}
		}
	}
	end := now.Add(9 * time.Minute)
	_, err := auth.Login(ctx, st, lim, nip, seed.DemoPassword, "10.8.0.1", end)
	if !apperr.Is(err, apperr.TooMany) || !strings.Contains(err.Error(), "detik") {
		t.Fatalf("the owner right after the guesses: %v, want a wait in seconds", err)
	}
	if id, err := auth.Login(ctx, st, lim, nip, seed.DemoPassword, "10.8.0.1", end.Add(lim.NIP.MaxLockout)); err != nil || id == 0 {
		t.Fatalf("the owner a minute later: %d, %v", id, err)
	}

	// A guessing address is still held; the admin sees it and lifts it.
	later := now.Add(12 * time.Minute)
	locks, err := st.ListLoginLocks(ctx, later)
	if err != nil {
		t.Fatal(err)
	}
	var pair *store.LoginLock
	for i := range locks {
		if locks[i].Jenis == auth.KeyPair && locks[i].Alamat == "10.7.0.0" {
			pair = &locks[i]
		}
	}
	if pair == nil || pair.NIP != nip || pair.Nama == "" || pair.Failures != lim.Pair.MaxFailures {
		t.Fatalf("locks %+v: want the pair of 10.7.0.0 with the pegawai's name", locks)
	}
	if _, err := auth.Login(ctx, st, lim, nip, seed.DemoPassword, "10.7.0.0", later); !apperr.Is(err, apperr.TooMany) {
		t.Fatalf("held pair: %v", err)
	}
	admin := store.Actor{AkunID: 0, Label: "uji"}
	if err := st.LiftLoginLock(ctx, admin, pair.Key, later); err != nil {
		t.Fatal(err)
	}
	if err := st.LiftLoginLock(ctx, admin, pair.Key, later); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("lifting twice: %v", err)
	}
	if id, err := auth.Login(ctx, st, lim, nip, seed.DemoPassword, "10.7.0.0", later); err != nil || id == 0 {
		t.Fatalf("after the lift: %d, %v", id, err)
	}
	entries, err := st.ListAudit(ctx, store.AuditFilter{Action: "akun.buka_kunci"})
	if err != nil || len(entries) != 1 {
		t.Fatalf("lift audit entries = %d, %v", len(entries), err)
	}
}

func TestLoginUnknownNIPLooksLikeWrongPassword(t *testing.T) {
	t.Parallel()
	st, _, ds := seeded(t)
	now := time.Now()
	_, errUnknown := auth.Login(ctx, st, auth.DefaultLimits, "199001012019031999", "apa saja", "10.0.0.3", now)
	_, errWrong := auth.Login(ctx, st, auth.DefaultLimits, ds.Pegawai[0].NIP, "apa saja", "10.0.0.3", now)
	if errUnknown != auth.ErrBadCredentials || errWrong != auth.ErrBadCredentials {
		t.Fatalf("unknown NIP: %v; wrong password: %v; want the same error", errUnknown, errWrong)
	}
}

func TestIPThrottleSpansNIPs(t *testing.T) {
	t.Parallel()
	st, _, ds := seeded(t)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for i := 0; i < auth.DefaultLimits.IP.MaxFailures; i++ {
		nip := ds.Pegawai[20+i].NIP
		if _, err := auth.Login(ctx, st, auth.DefaultLimits, nip, "salah", "10.9.9.9", now); err != auth.ErrBadCredentials {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	_, err := auth.Login(ctx, st, auth.DefaultLimits, ds.Pegawai[100].NIP, seed.DemoPassword, "10.9.9.9", now)
	if !apperr.Is(err, apperr.TooMany) {
		t.Fatalf("address past its limit: %v, want TooMany", err)
	}
}

func TestReady(t *testing.T) {
	t.Parallel()
	st, _, _ := seeded(t)
	if err := st.Ready(ctx); err != nil {
		t.Fatalf("Ready: %v", err)
	}
	if err := st.ReadyAt(ctx, 999); err == nil {
		t.Fatal("ReadyAt(999) should fail on an older schema")
	}
	empty := store.New(dbtest.New(t).Pool)
	if has, err := empty.HasPegawai(ctx); err != nil || has {
		t.Fatalf("empty database HasPegawai = %v, %v", has, err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func jsonText(v any) string {
	switch x := v.(type) {
	case json.RawMessage:
		return string(x)
	case []byte:
		return string(x)
	}
	return ""
}

func TestNamaLengkapInSQLMatchesGo(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	for _, c := range [][3]string{
		{"", "Siti Aminah", ""}, {"Dr.", "Siti Aminah", "S.H., M.H."}, {" ", " Budi ", " S.Kom. "}, {"H.", "Ahmad", ""}, {"", "Rina", "A.Md."},
	} {
		var got string
		if err := db.Pool.QueryRow(t.Context(), `SELECT nama_lengkap($1, $2, $3)`, c[0], c[1], c[2]).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := org.NamaLengkap(c[0], c[1], c[2]); got != want {
			t.Errorf("nama_lengkap%q = %q, org.NamaLengkap = %q", c, got, want)
		}
	}
	var null *string
	if err := db.Pool.QueryRow(t.Context(), `SELECT nama_lengkap(NULL, NULL, NULL)`).Scan(&null); err != nil || null != nil {
		t.Fatalf("no pegawai (outer join) gives %v, %v; want NULL so that coalesce picks a fallback", null, err)
	}
}
