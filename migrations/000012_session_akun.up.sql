-- The account a session belongs to, so that reading a session brings the signed-in
-- principal in the same statement. NULL for anonymous sessions, and for sessions
-- written before this column existed until their next write.
ALTER TABLE sessions ADD COLUMN akun_id bigint REFERENCES akun (id) ON DELETE CASCADE;
CREATE INDEX sessions_akun_idx ON sessions (akun_id) WHERE akun_id IS NOT NULL;
