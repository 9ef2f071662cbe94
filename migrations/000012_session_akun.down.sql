ALTER TABLE sessions DROP COLUMN akun_id;
