package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// AuditEntry is one row of the append-only audit log.
type AuditEntry struct {
	ID         int64
	At         time.Time
	ActorID    int64 // akun id, 0 for the system
	ActorLabel string
	Action     string // e.g. "akun.login", "pegawai.update"
	Entity     string
	EntityID   string
	Before     any // marshalled to JSON; nil for none
	After      any
	IP         string
}

func nullJSON(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// audit appends e inside the caller's transaction.
func audit(ctx context.Context, db DBTX, e AuditEntry) error {
	before, err := nullJSON(e.Before)
	if err != nil {
		return fmt.Errorf("audit: before: %w", err)
	}
	after, err := nullJSON(e.After)
	if err != nil {
		return fmt.Errorf("audit: after: %w", err)
	}
	var actor any
	if e.ActorID != 0 {
		actor = e.ActorID
	}
	_, err = db.Exec(ctx, `
		INSERT INTO audit_log (actor_id, actor_label, action, entity, entity_id, before, after, ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		actor, e.ActorLabel, e.Action, e.Entity, e.EntityID, before, after, e.IP)
	if err != nil {
		return fmt.Errorf("audit: insert: %w", err)
	}
	return nil
}

// AuditFilter selects audit rows; zero fields match everything.
type AuditFilter struct {
	Entity   string
	EntityID string
	Action   string
	Limit    int
}

// ListAudit returns the newest audit rows matching f (at most f.Limit, default 100).
func (s *Store) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	rows, err := s.pool.Query(ctx, `
		SELECT id, at, coalesce(actor_id, 0), actor_label, action, entity, entity_id,
		       coalesce(before::text, ''), coalesce(after::text, ''), ip
		FROM audit_log
		WHERE ($1 = '' OR entity = $1) AND ($2 = '' OR entity_id = $2) AND ($3 = '' OR action = $3)
		ORDER BY id DESC LIMIT $4`, f.Entity, f.EntityID, f.Action, f.Limit)
	if err != nil {
		return nil, wrap("list audit", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var before, after string
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorLabel, &e.Action, &e.Entity, &e.EntityID, &before, &after, &e.IP); err != nil {
			return nil, wrap("list audit", err)
		}
		if before != "" {
			e.Before = json.RawMessage(before)
		}
		if after != "" {
			e.After = json.RawMessage(after)
		}
		out = append(out, e)
	}
	return out, wrap("list audit", rows.Err())
}
