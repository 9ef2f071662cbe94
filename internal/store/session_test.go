package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/store"
)

// TestSessionTableHoldsNoToken checks that the sessions table keeps only a hash of
// each token: no row holds the cookie value, and a stored value presented as a
// cookie finds no session.
func TestSessionTableHoldsNoToken(t *testing.T) {
	t.Parallel()
	st, db, _ := seeded(t)
	ss := st.Sessions(func([]byte) int64 { return 0 })
	const token = "cookie-value-from-the-browser"
	if err := ss.CommitCtx(ctx, token, []byte("data"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var stored []string
	rows, err := db.Pool.Query(ctx, `SELECT token FROM sessions`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		stored = append(stored, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(stored) != 1 {
		t.Fatalf("sessions rows: %q", stored)
	}
	if stored[0] == token || strings.Contains(stored[0], token) {
		t.Fatalf("the table holds the token itself: %q", stored[0])
	}
	if _, found, err := ss.FindCtx(ctx, stored[0]); err != nil || found {
		t.Fatalf("the stored value works as a cookie: found %v, %v", found, err)
	}
	if data, found, err := ss.FindCtx(ctx, token); err != nil || !found || string(data) != "data" {
		t.Fatalf("the token itself: %q %v %v", data, found, err)
	}
	if err := ss.DeleteCtx(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := ss.FindCtx(ctx, token); found {
		t.Fatal("a deleted session is still found")
	}
}

// TestSessionStoreReadsThePrincipal checks that a session read brings the principal
// of the account recorded with it, as LoadPrincipal reads it, and nothing for
// anonymous, deactivated, expired or deleted sessions.
func TestSessionStoreReadsThePrincipal(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	// The test's session data is just the account id in decimal.
	ss := st.Sessions(func(b []byte) int64 { n, _ := strconv.ParseInt(string(b), 10, 64); return n })
	penilai, _ := headOf(t, ds, "Seksi Kurikulum SD")
	acc, err := st.FindLoginAccount(ctx, penilai.NIP)
	if err != nil {
		t.Fatal(err)
	}
	want, err := st.LoadPrincipal(ctx, acc.AkunID)
	if err != nil || !want.Roles.Penilai || want.PegawaiID != penilai.ID || want.OPDID == 0 {
		t.Fatalf("LoadPrincipal: %+v %v", want, err)
	}
	later := time.Now().Add(time.Hour)
	find := func(token string) (*store.PrincipalSlot, []byte, bool) {
		t.Helper()
		c, sl := store.WithPrincipalSlot(ctx)
		data, found, err := ss.FindCtx(c, token)
		if err != nil {
			t.Fatal(err)
		}
		return sl, data, found
	}

	if err := ss.CommitCtx(ctx, "signed-in", []byte(strconv.FormatInt(acc.AkunID, 10)), later); err != nil {
		t.Fatal(err)
	}
	sl, data, found := find("signed-in")
	if !found || string(data) != strconv.FormatInt(acc.AkunID, 10) || !sl.Read || sl.AkunID != acc.AkunID || !sl.Active || sl.Principal != want {
		t.Fatalf("signed in: found %v data %q slot %+v, want %+v", found, data, sl, want)
	}
	var column *int64
	if err := db.Pool.QueryRow(ctx, `SELECT akun_id FROM sessions WHERE token = encode(sha256('signed-in'), 'hex')`).Scan(&column); err != nil || column == nil || *column != acc.AkunID {
		t.Fatalf("akun_id column: %v %v", column, err)
	}

	if err := ss.CommitCtx(ctx, "anonymous", []byte("flash only"), later); err != nil {
		t.Fatal(err)
	}
	if sl, _, found := find("anonymous"); !found || !sl.Read || sl.AkunID != 0 || sl.Active {
		t.Fatalf("anonymous: found %v slot %+v", found, sl)
	}

	// Signing out of the account in the same session clears the column on the next write.
	if err := ss.CommitCtx(ctx, "signed-in", []byte("0"), later); err != nil {
		t.Fatal(err)
	}
	if sl, _, _ := find("signed-in"); sl.AkunID != 0 || sl.Active {
		t.Fatalf("after sign-out: %+v", sl)
	}
	if err := ss.CommitCtx(ctx, "signed-in", []byte(strconv.FormatInt(acc.AkunID, 10)), later); err != nil {
		t.Fatal(err)
	}

	if _, err := db.Pool.Exec(ctx, `UPDATE akun SET aktif = false WHERE id = $1`, acc.AkunID); err != nil {
		t.Fatal(err)
	}
	if sl, _, found := find("signed-in"); !found || !sl.Read || sl.AkunID != acc.AkunID || sl.Active {
		t.Fatalf("deactivated account: found %v slot %+v", found, sl)
	}

	// Without a slot in the context the session still reads.
	if _, found, err := ss.Find("signed-in"); err != nil || !found {
		t.Fatalf("find without a slot: %v %v", found, err)
	}
	if err := ss.Commit("expired", []byte("1"), time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, _, found := find("expired"); found {
		t.Fatal("expired session found")
	}
	if err := ss.Delete("signed-in"); err != nil {
		t.Fatal(err)
	}
	if _, _, found := find("signed-in"); found {
		t.Fatal("deleted session found")
	}
	if err := ss.DeleteCtx(ctx, "never-existed"); err != nil {
		t.Fatalf("deleting a missing session: %v", err)
	}

	// Writes finish when the request's context has ended (the client went away after
	// the handler acted); a read does not.
	gone, cancel := context.WithCancel(ctx)
	cancel()
	if err := ss.CommitCtx(gone, "left", []byte("1"), later); err != nil {
		t.Fatalf("commit after the client left: %v", err)
	}
	if _, _, found := find("left"); !found {
		t.Fatal("session committed after the client left is missing")
	}
	if _, _, err := ss.FindCtx(gone, "left"); !errors.Is(err, context.Canceled) {
		t.Fatalf("find with an ended context: %v, want context.Canceled", err)
	}
	if err := ss.DeleteCtx(gone, "left"); err != nil {
		t.Fatalf("delete after the client left: %v", err)
	}
	if _, _, found := find("left"); found {
		t.Fatal("session deleted after the client left is still there")
	}
}
