DROP INDEX audit_log_actor_idx;
DROP INDEX audit_log_action_idx;
