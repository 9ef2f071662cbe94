package store

import (
	"context"
	"testing"

	"kinerja/internal/apperr"
	"kinerja/internal/dbtest"
)

// TestClosedPeriodTriggerIsAConflict: a write that reaches the closed-period trigger
// (the application's own phase check raced with closing the period, or was missing)
// comes out of the store as the conflict a person reads, so the page answers 409 and
// not 500.
func TestClosedPeriodTriggerIsAConflict(t *testing.T) {
	t.Parallel()
	db := dbtest.NewSeeded(t)
	ctx := context.Background()
	var pid, opd int64
	if err := db.Pool.QueryRow(ctx, `INSERT INTO periode (tahun, mulai, selesai, fase) VALUES (2030, '2030-01-01', '2030-12-31', 'selesai') RETURNING id`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if err := db.Pool.QueryRow(ctx, `SELECT min(id) FROM perangkat_daerah`).Scan(&opd); err != nil {
		t.Fatal(err)
	}
	_, err := db.Pool.Exec(ctx, `INSERT INTO periode_predikat_opd (periode_id, opd_id, predikat) VALUES ($1, $2, 'Baik')`, pid, opd)
	if err == nil {
		t.Fatal("the trigger let a write into a closed period")
	}
	got := wrap("uji", err)
	if e := apperr.As(got); e == nil || e.Code != apperr.Conflict || e.Message != "Periode ini sudah selesai (ditutup); datanya tidak dapat diubah." {
		t.Fatalf("wrap(%v) = %v, want the closed-period conflict", err, got)
	}
}
