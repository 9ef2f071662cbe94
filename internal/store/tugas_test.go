package store_test

import (
	"testing"

	"kinerja/internal/apperr"
	"kinerja/internal/store"
)

// TestTugasLifecycle: a tugas and its job are inserted together; its owner alone
// reads it; its file is taken once; and it is deleted when its time is up.
func TestTugasLifecycle(t *testing.T) {
	t.Parallel()
	st, db, _ := seeded(t)
	var owner, other int64
	if err := db.Pool.QueryRow(ctx, `SELECT min(id), max(id) FROM akun`).Scan(&owner, &other); err != nil {
		t.Fatal(err)
	}
	id, err := st.StartTugas(ctx, store.TugasBaru{Jenis: store.TugasEvaluasiZIP, AkunID: owner, Total: 4, NamaBerkas: "x.zip", Params: map[string]int{"a": 1}})
	if err != nil {
		t.Fatal(err)
	}
	var jobs int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'tugas' AND (args->>'tugas_id')::bigint = $1`, id).Scan(&jobs); err != nil || jobs != 1 {
		t.Fatalf("jobs of the tugas: %d %v", jobs, err)
	}
	if _, err := st.GetTugas(ctx, id, other); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("another account reads the tugas: %v", err)
	}
	if err := st.TugasProgress(ctx, id, 9); err != nil {
		t.Fatal(err)
	}
	got, err := st.GetTugas(ctx, id, owner)
	if err != nil || got.Status != "berjalan" || got.Selesai != 4 || got.FinishedAt != nil || string(got.Params) != `{"a": 1}` {
		t.Fatalf("running tugas: %+v %v", got, err)
	}
	if _, err := st.TakeTugasBerkas(ctx, id, owner, false); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("file of a running tugas: %v", err)
	}
	if err := st.FinishTugas(ctx, id, "selesai", "", []byte("PK")); err != nil {
		t.Fatal(err)
	}
	// Finishing twice changes nothing: the first result stands.
	if err := st.FinishTugas(ctx, id, "gagal", "lagi", nil); err != nil {
		t.Fatal(err)
	}
	if got, err = st.GetTugas(ctx, id, owner); err != nil || got.Status != "selesai" || !got.AdaBerkas || got.Kedaluwarsa.Sub(*got.FinishedAt) != store.TugasKeep {
		t.Fatalf("finished tugas: %+v %v", got, err)
	}
	if _, err := st.TakeTugasBerkas(ctx, id, other, true); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("another account takes the file: %v", err)
	}
	if b, err := st.TakeTugasBerkas(ctx, id, owner, true); err != nil || string(b) != "PK" {
		t.Fatalf("take once: %q %v", b, err)
	}
	if _, err := st.TakeTugasBerkas(ctx, id, owner, true); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("take twice: %v", err)
	}
	if got, err = st.GetTugas(ctx, id, owner); err != nil || got.AdaBerkas || got.DiunduhAt == nil {
		t.Fatalf("after the download: %+v %v", got, err)
	}
	// Not yet expired: nothing deleted. Then its time is up.
	if n, err := st.ExpireTugas(ctx); err != nil || n != 0 {
		t.Fatalf("expire early: %d %v", n, err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE tugas SET kedaluwarsa_at = now() - interval '1 second' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetTugas(ctx, id, owner); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("expired tugas read: %v", err)
	}
	if n, err := st.ExpireTugas(ctx); err != nil || n != 1 {
		t.Fatalf("expire: %d %v", n, err)
	}
}
