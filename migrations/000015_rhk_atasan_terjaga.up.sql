-- The cascade link (skp_rhk.atasan_kunci → the penilai's skp_rhk.kunci) has no
-- foreign key, because a key lives in several rows, one per plan version. These
-- constraint triggers are its last line of defence, checked at commit so that a
-- version copy or a bulk load may insert rows in any order:
--   - a link must name an RHK key of another plan in the same period;
--   - the last row holding a key cannot go (delete, or a changed kunci) while
--     another plan's RHK still supports it.
-- The application refuses the same with names (skp.CheckHapusRHK).
CREATE FUNCTION skp_rhk_atasan_ada() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The row as it is at commit: it may have changed or gone since the event.
    IF EXISTS (
        SELECT 1 FROM skp_rhk r WHERE r.id = NEW.id AND r.atasan_kunci IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM skp_rhk a WHERE a.kunci = r.atasan_kunci AND a.periode_id = r.periode_id AND a.skp_id <> r.skp_id)
    ) THEN
        RAISE EXCEPTION 'RHK % mendukung RHK atasan yang tidak ada', NEW.id
            USING ERRCODE = '23503', CONSTRAINT = 'skp_rhk_atasan_kunci';
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION skp_rhk_didukung_terjaga() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.kunci = OLD.kunci THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM skp_rhk a WHERE a.kunci = OLD.kunci AND a.periode_id = OLD.periode_id)
       AND EXISTS (SELECT 1 FROM skp_rhk d WHERE d.atasan_kunci = OLD.kunci AND d.periode_id = OLD.periode_id) THEN
        RAISE EXCEPTION 'RHK % masih didukung RHK bawahan', OLD.kunci
            USING ERRCODE = '23503', CONSTRAINT = 'skp_rhk_atasan_kunci';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER skp_rhk_atasan_ada AFTER INSERT OR UPDATE OF atasan_kunci, periode_id ON skp_rhk
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION skp_rhk_atasan_ada();
CREATE CONSTRAINT TRIGGER skp_rhk_didukung_terjaga AFTER DELETE OR UPDATE OF kunci ON skp_rhk
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION skp_rhk_didukung_terjaga();
