-- The Audit page filters the log by action and by actor, newest first.
CREATE INDEX audit_log_action_idx ON audit_log (action, at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);
