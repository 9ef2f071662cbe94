-- Mutasi inside a period. A participant's year is a series of penugasan (stretches
-- under one placement and one penilai). periode_peserta holds the current one (ke,
-- from which date, and the first periodic check-in its plan is rated at);
-- periode_penugasan keeps every stretch that ended, with its placement, its penilai and
-- the check-ins its plan is rated at. Each plan (skp) belongs to one stretch; a new
-- stretch starts a new plan (the next versi), cascaded from the new penilai's plan.
-- Package periode states the rules (CheckMutasi, Penugasan); this is the last line of
-- defence.
ALTER TABLE periode_peserta
    ADD COLUMN penugasan_ke smallint NOT NULL DEFAULT 1 CHECK (penugasan_ke >= 1),
    ADD COLUMN mulai date,
    ADD COLUMN checkin_dari smallint NOT NULL DEFAULT 1 CHECK (checkin_dari BETWEEN 1 AND 13);

ALTER TABLE skp ADD COLUMN penugasan_ke smallint NOT NULL DEFAULT 1 CHECK (penugasan_ke >= 1);

CREATE TABLE periode_penugasan (
    periode_id     bigint NOT NULL,
    pegawai_id     bigint NOT NULL,
    ke             smallint NOT NULL CHECK (ke >= 1),
    mulai          date NOT NULL,
    selesai        date NOT NULL,
    checkin_dari   smallint NOT NULL CHECK (checkin_dari BETWEEN 1 AND 13),
    checkin_sampai smallint NOT NULL CHECK (checkin_sampai BETWEEN 0 AND 12),
    penilai_id     bigint REFERENCES pegawai (id),
    opd_id         bigint NOT NULL REFERENCES perangkat_daerah (id),
    unit_kerja_id  bigint NOT NULL REFERENCES unit_kerja (id),
    jabatan_id     bigint NOT NULL REFERENCES jabatan (id),
    jabatan        text NOT NULL,
    jenis_jabatan  text NOT NULL,
    unit_kerja     text NOT NULL,
    golongan       text NOT NULL,
    alasan         text NOT NULL CHECK (length(btrim(alasan)) BETWEEN 5 AND 500),
    dicatat_at     timestamptz NOT NULL DEFAULT now(),
    dicatat_by     bigint REFERENCES akun (id),
    PRIMARY KEY (periode_id, pegawai_id, ke),
    FOREIGN KEY (periode_id, pegawai_id) REFERENCES periode_peserta (periode_id, pegawai_id),
    CHECK (selesai >= mulai),
    CHECK (penilai_id IS DISTINCT FROM pegawai_id)
);
CREATE INDEX periode_penugasan_penilai_idx ON periode_penugasan (periode_id, penilai_id);

CREATE TRIGGER periode_penugasan_terbuka BEFORE INSERT OR UPDATE OR DELETE ON periode_penugasan
    FOR EACH ROW EXECUTE FUNCTION periode_masih_terbuka();
-- An ended stretch is history: it is written once.
CREATE TRIGGER periode_penugasan_append_only BEFORE UPDATE OR DELETE ON periode_penugasan
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER periode_penugasan_no_truncate BEFORE TRUNCATE ON periode_penugasan
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Who rates whom at a check-in (0: the year): one row per active participant whose
-- stretch is rated then, with that stretch's penilai, number and OPD. The year belongs
-- to the current stretch; a periodic check-in to the stretch whose range holds it.
CREATE FUNCTION penilai_unit(p_periode bigint, p_checkin integer)
RETURNS TABLE (pegawai_id bigint, penilai_id bigint, ke smallint, opd_id bigint)
LANGUAGE sql STABLE AS $$
    SELECT ps.pegawai_id, ps.penilai_id, ps.penugasan_ke, ps.opd_id
    FROM periode_peserta ps
    WHERE ps.periode_id = p_periode AND ps.aktif AND (p_checkin = 0 OR p_checkin >= ps.checkin_dari)
    UNION ALL
    SELECT g.pegawai_id, g.penilai_id, g.ke, g.opd_id
    FROM periode_penugasan g
    JOIN periode_peserta ps ON ps.periode_id = g.periode_id AND ps.pegawai_id = g.pegawai_id AND ps.aktif
    WHERE g.periode_id = p_periode AND p_checkin > 0 AND p_checkin BETWEEN g.checkin_dari AND g.checkin_sampai
$$;

-- A rating at a check-in is given on a plan of the stretch rated then.
CREATE FUNCTION penilaian_penugasan() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ke_skp smallint;
    ok boolean;
BEGIN
    SELECT s.penugasan_ke INTO ke_skp FROM skp s WHERE s.id = NEW.skp_id;
    SELECT CASE
             WHEN ps.penugasan_ke = ke_skp THEN NEW.checkin = 0 OR NEW.checkin >= ps.checkin_dari
             ELSE NEW.checkin > 0 AND EXISTS (SELECT 1 FROM periode_penugasan g WHERE g.periode_id = NEW.periode_id
                      AND g.pegawai_id = NEW.pegawai_id AND g.ke = ke_skp AND NEW.checkin BETWEEN g.checkin_dari AND g.checkin_sampai)
           END INTO ok
    FROM periode_peserta ps WHERE ps.periode_id = NEW.periode_id AND ps.pegawai_id = NEW.pegawai_id;
    IF NOT coalesce(ok, false) THEN
        RAISE EXCEPTION 'penilaian check-in % tidak termasuk penugasan SKP %', NEW.checkin, NEW.skp_id
            USING ERRCODE = '23514', CONSTRAINT = 'penilaian_penugasan';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER penilaian_penugasan BEFORE INSERT OR UPDATE OF skp_id, checkin ON penilaian
    FOR EACH ROW EXECUTE FUNCTION penilaian_penugasan();

-- A plan belongs to the current stretch or to one that ended.
CREATE FUNCTION skp_penugasan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM periode_peserta ps WHERE ps.periode_id = NEW.periode_id AND ps.pegawai_id = NEW.pegawai_id
                   AND NEW.penugasan_ke <= ps.penugasan_ke) THEN
        RAISE EXCEPTION 'SKP untuk penugasan % belum ada', NEW.penugasan_ke USING ERRCODE = '23514', CONSTRAINT = 'skp_penugasan';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER skp_penugasan BEFORE INSERT OR UPDATE OF penugasan_ke ON skp
    FOR EACH ROW EXECUTE FUNCTION skp_penugasan();
