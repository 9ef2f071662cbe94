package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
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

// AuditQuery is the Audit page's filter; zero fields match everything. Actor matches
// part of the actor's label as recorded or of their name (any case), or the NIP of
// the actor's account; Dari and Sampai are dates in loc, both included.
type AuditQuery struct {
	Actor, Entity, EntityID, Action string
	Dari, Sampai                    time.Time
	Loc                             *time.Location
	Offset, Limit                   int
}

func (q AuditQuery) where() (string, []any) {
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	var dari, sampai any
	if !q.Dari.IsZero() {
		dari = time.Date(q.Dari.Year(), q.Dari.Month(), q.Dari.Day(), 0, 0, 0, 0, loc)
	}
	if !q.Sampai.IsZero() {
		sampai = time.Date(q.Sampai.Year(), q.Sampai.Month(), q.Sampai.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	}
	return `($1::text = '' OR l.actor_label ILIKE '%' || $2::text || '%' OR g.nama ILIKE '%' || $2::text || '%' OR g.nip = $1)
		AND ($3::text = '' OR l.entity = $3) AND ($4::text = '' OR l.entity_id = $4) AND ($5::text = '' OR l.action = $5)
		AND ($6::timestamptz IS NULL OR l.at >= $6) AND ($7::timestamptz IS NULL OR l.at < $7)`,
		[]any{q.Actor, escapeLike(q.Actor), q.Entity, q.EntityID, q.Action, dari, sampai}
}

const auditFrom = ` FROM audit_log l LEFT JOIN akun a ON a.id = l.actor_id LEFT JOIN pegawai g ON g.id = a.pegawai_id WHERE `

// SearchAudit returns a page of the audit rows matching q, newest first, with the
// number matching in all.
func (s *Store) SearchAudit(ctx context.Context, q AuditQuery) ([]AuditEntry, int, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	where, args := q.where()
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT count(*)`+auditFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, wrap("search audit", err)
	}
	var out []AuditEntry
	err := s.EachAudit(ctx, q, func(e AuditEntry) error { out = append(out, e); return nil })
	return out, total, err
}

// EachAudit calls each for the rows matching q, newest first, from q.Offset (at most
// q.Limit rows; 0: all), streaming.
func (s *Store) EachAudit(ctx context.Context, q AuditQuery, each func(AuditEntry) error) error {
	where, args := q.where()
	limit := "ALL"
	if q.Limit > 0 {
		limit = itoa(int64(q.Limit))
	}
	rows, err := s.pool.Query(ctx, `
		SELECT l.id, l.at, coalesce(l.actor_id, 0), coalesce(nama_lengkap(g.gelar_depan, g.nama, g.gelar_belakang) || ' (' || g.nip || ')', l.actor_label),
		       l.action, l.entity, l.entity_id, coalesce(l.before::text, ''), coalesce(l.after::text, ''), l.ip`+auditFrom+where+`
		ORDER BY l.at DESC, l.id DESC LIMIT `+limit+` OFFSET `+itoa(int64(max(q.Offset, 0))), args...)
	if err != nil {
		return wrap("each audit", err)
	}
	var e AuditEntry
	var before, after string
	_, err = pgx.ForEachRow(rows, []any{&e.ID, &e.At, &e.ActorID, &e.ActorLabel, &e.Action, &e.Entity, &e.EntityID, &before, &after, &e.IP}, func() error {
		e.Before, e.After = nil, nil
		if before != "" {
			e.Before = json.RawMessage(before)
		}
		if after != "" {
			e.After = json.RawMessage(after)
		}
		return each(e)
	})
	return wrap("each audit", err)
}

// AuditFacets lists the entities and the actions the log holds, for the filter's
// choices; a loose scan of their indexes reads one row per value.
func (s *Store) AuditFacets(ctx context.Context) (entities, actions []string, err error) {
	loose := func(col string) ([]string, error) {
		rows, err := s.pool.Query(ctx, `
			WITH RECURSIVE v(x) AS (
			    (SELECT `+col+` FROM audit_log ORDER BY `+col+` LIMIT 1)
			    UNION ALL
			    SELECT (SELECT `+col+` FROM audit_log WHERE `+col+` > v.x ORDER BY `+col+` LIMIT 1) FROM v WHERE v.x IS NOT NULL
			)
			SELECT x FROM v WHERE x IS NOT NULL`)
		if err != nil {
			return nil, err
		}
		return pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if entities, err = loose("entity"); err != nil {
		return nil, nil, wrap("audit facets", err)
	}
	actions, err = loose("action")
	return entities, actions, wrap("audit facets", err)
}
