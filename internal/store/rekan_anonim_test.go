package store_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"kinerja/internal/periode"
	"kinerja/internal/store"
)

// TestPeerAnswersCannotBeLinkedToReviewers answers a pegawai's peer requests one
// by one and then tries, as someone who reads the database and the audit log, each
// link from an answer to its reviewer: the counts as they change, the transaction
// ids (xmin) shared with the reviewer's status row or audit entry, the physical
// order of the rows, timestamps, and the audit entries' contents.
func TestPeerAnswersCannotBeLinkedToReviewers(t *testing.T) {
	t.Parallel()
	st, db, ds := seeded(t)
	u := newRatedUnit(t, st, db.Pool, ds)
	p := u.p
	target := u.subs[0].ID
	cands, err := p.CalonPeninjau(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	var pool []int64
	for _, c := range cands.List {
		pool = append(pool, c.ReviewerID)
	}
	if len(pool) < 4 {
		t.Fatalf("only %d possible reviewers", len(pool))
	}
	pool = pool[:4]
	for _, r := range pool {
		if err := p.Nominasikan(ctx, actor, target, r, true); err != nil {
			t.Fatal(err)
		}
	}
	reqs, err := p.PeninjauOf(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	// Each reviewer answers with their own pattern, so an order that follows the
	// answering would show as blocks of the same pattern.
	levels := []string{"diatas", "sesuai", "dibawah", "sesuai"}
	for i, q := range reqs {
		ratings := map[int]string{}
		for n := 1; n <= 7; n++ {
			ratings[n] = levels[i]
		}
		if err := p.JawabPermintaan(ctx, store.Actor{AkunID: 0, Label: "reviewer-" + strconv.Itoa(i)}, q.ReviewerID, q.ID, ratings, "komentar "+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
		// Link 1, the counts: before the release nothing is shown, not even a number.
		sum, err := p.RingkasanRekanOf(ctx, target)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Cukup || sum.Dijawab != 0 || len(sum.Counts) != 0 || len(sum.Komentar) != 0 {
			t.Fatalf("after answer %d the aggregate moved: %+v", i+1, sum)
		}
		var visible int
		if err := db.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM rekan_tanggapan WHERE pegawai_id = $1) + (SELECT count(*) FROM rekan_komentar WHERE pegawai_id = $1)`, target).Scan(&visible); err != nil || visible != 0 {
			t.Fatalf("after answer %d, %d answer rows are readable before the release (%v)", i+1, visible, err)
		}
	}
	move(t, p, periode.Penilaian)
	sum, err := p.RingkasanRekanOf(ctx, target)
	if err != nil || !sum.Cukup || sum.Dijawab != 4 || len(sum.Komentar) != 4 {
		t.Fatalf("after the release: %+v %v", sum, err)
	}
	if err := p.JawabPermintaan(ctx, actor, pool[0], reqs[0].ID, map[int]string{1: "sesuai"}, ""); err == nil {
		t.Fatal("an answer was taken after the release")
	}

	// Link 2, transaction ids: the released rows share one xmin, which no reviewer's
	// status row and no answer's audit entry has.
	xmins := func(sql string, args ...any) map[string]bool {
		rows, err := db.Pool.Query(ctx, sql, args...)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, x := range got {
			m[x] = true
		}
		return m
	}
	answers := xmins(`SELECT xmin::text FROM rekan_tanggapan WHERE pegawai_id = $1 UNION ALL SELECT xmin::text FROM rekan_komentar WHERE pegawai_id = $1`, target)
	status := xmins(`SELECT xmin::text FROM rekan_peninjau WHERE pegawai_id = $1`, target)
	audits := xmins(`SELECT xmin::text FROM audit_log WHERE action = 'rekan.jawab'`)
	if len(answers) != 1 {
		t.Errorf("released rows carry %d transaction ids, want the release's one", len(answers))
	}
	for x := range answers {
		if status[x] || audits[x] {
			t.Errorf("an answer row shares xmin %s with a reviewer's status row (%v) or an answer's audit entry (%v)", x, status[x], audits[x])
		}
	}
	if len(status) < 4 || len(audits) < 4 {
		t.Fatalf("the test sees %d status and %d audit transaction ids: it could not tell", len(status), len(audits))
	}

	// Link 3, physical order: read in ctid order, the rows are not blocks of seven
	// in the order the reviewers answered.
	rows, err := db.Pool.Query(ctx, `SELECT rating FROM rekan_tanggapan WHERE pegawai_id = $1 ORDER BY ctid`, target)
	if err != nil {
		t.Fatal(err)
	}
	physical, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	var answering []string
	for _, l := range levels {
		for range 7 {
			answering = append(answering, l)
		}
	}
	if strings.Join(physical, ",") == strings.Join(answering, ",") {
		t.Error("the rows lie in the order the reviewers answered")
	}
	crow, err := db.Pool.Query(ctx, `SELECT teks FROM rekan_komentar WHERE pegawai_id = $1 ORDER BY ctid`, target)
	if err != nil {
		t.Fatal(err)
	}
	komentar, err := pgx.CollectRows(crow, pgx.RowTo[string])
	if err != nil || len(komentar) != 4 {
		t.Fatalf("komentar %v %v", komentar, err)
	}

	// Link 4, timestamps and keys: the answer tables have no time, no reviewer and no
	// id column, and the seals are gone.
	var cols []string
	crows, err := db.Pool.Query(ctx, `SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_name IN ('rekan_tanggapan', 'rekan_komentar') ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	if cols, err = pgx.CollectRows(crows, pgx.RowTo[string]); err != nil {
		t.Fatal(err)
	}
	want := "rekan_komentar.pegawai_id,rekan_komentar.periode_id,rekan_komentar.teks,rekan_tanggapan.nilai,rekan_tanggapan.pegawai_id,rekan_tanggapan.periode_id,rekan_tanggapan.rating"
	if strings.Join(cols, ",") != want {
		t.Errorf("answer columns %v, want only %s", cols, want)
	}
	var sealed int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM rekan_segel`).Scan(&sealed); err != nil || sealed != 0 {
		t.Errorf("%d seals remain after the release (%v)", sealed, err)
	}

	// Link 5, the audit: the answer entries say who answered and when, never what, and
	// the release is one entry for the period.
	entries, err := st.ListAudit(ctx, store.AuditFilter{Action: "rekan.jawab"})
	if err != nil || len(entries) != 4 {
		t.Fatalf("answer audit entries: %d %v", len(entries), err)
	}
	for _, e := range entries {
		b, _ := json.Marshal([]any{e.Before, e.After})
		if !strings.Contains(string(b), "selesai") {
			t.Fatalf("the audit entry is not read as text: %s", b)
		}
		for _, secret := range []string{"diatas", "dibawah", "komentar"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("an audit entry holds the answer: %s", b)
			}
		}
	}
	if rel, err := st.ListAudit(ctx, store.AuditFilter{Action: "rekan.rilis"}); err != nil || len(rel) != 1 {
		t.Fatalf("release audit entries: %d %v", len(rel), err)
	}
}
