-- Realisasi forms write dozens of rows per submission; the row-level closed-period
-- trigger ran a query per row (twice for an upsert). Statement-level triggers with
-- transition tables check all rows of a statement in one query, with the same rule.
CREATE FUNCTION periode_masih_terbuka_stmt() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    pid bigint;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT p.id INTO pid FROM (SELECT DISTINCT periode_id FROM baru) n JOIN periode p ON p.id = n.periode_id WHERE p.fase = 'selesai' LIMIT 1;
    END IF;
    IF pid IS NULL AND TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT p.id INTO pid FROM (SELECT DISTINCT periode_id FROM lama) o JOIN periode p ON p.id = o.periode_id WHERE p.fase = 'selesai' LIMIT 1;
    END IF;
    IF pid IS NOT NULL THEN
        RAISE EXCEPTION 'periode % sudah selesai (ditutup): data tidak dapat diubah', pid
            USING ERRCODE = '55000', CONSTRAINT = 'periode_ditutup';
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER realisasi_terbuka ON realisasi;
CREATE TRIGGER realisasi_terbuka_ins AFTER INSERT ON realisasi REFERENCING NEW TABLE AS baru
    FOR EACH STATEMENT EXECUTE FUNCTION periode_masih_terbuka_stmt();
CREATE TRIGGER realisasi_terbuka_upd AFTER UPDATE ON realisasi REFERENCING OLD TABLE AS lama NEW TABLE AS baru
    FOR EACH STATEMENT EXECUTE FUNCTION periode_masih_terbuka_stmt();
CREATE TRIGGER realisasi_terbuka_del AFTER DELETE ON realisasi REFERENCING OLD TABLE AS lama
    FOR EACH STATEMENT EXECUTE FUNCTION periode_masih_terbuka_stmt();
