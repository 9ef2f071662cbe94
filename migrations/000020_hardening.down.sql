DROP INDEX login_throttle_locked_idx;
DROP INDEX login_throttle_nip_idx;
DELETE FROM login_throttle;
ALTER TABLE login_throttle DROP COLUMN jenis, DROP COLUMN nip, DROP COLUMN alamat;

DO $$
DECLARE t text;
BEGIN
    FOR t IN SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE '%\_tanpa\_truncate'
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_tanpa_truncate', t);
    END LOOP;
END $$;
DROP FUNCTION tanpa_truncate();

-- Hashed session tokens cannot be turned back: everyone signs in again.
DELETE FROM sessions;
