-- Kalibrasi at the organisation's level (SE MenPANRB 3/2023 bounds the distribution
-- of the OPD). A period settles the distribution per penilai (the behaviour until
-- now, kept for existing periods) or in a kalibrasi of the OPD, the default of new
-- periods, which the application sets.
ALTER TABLE periode ADD COLUMN kalibrasi text NOT NULL DEFAULT 'penilai' CHECK (kalibrasi IN ('penilai', 'opd'));

-- In kalibrasi mode the penilai's Tetapkan proposes the ratings.
ALTER TABLE penilaian ADD COLUMN diusulkan_at timestamptz, ADD COLUMN diusulkan_by bigint REFERENCES akun (id);
ALTER TABLE penilaian ADD CONSTRAINT penilaian_usul_sebelum_tetap CHECK (ditetapkan_at IS NULL OR diusulkan_at IS NULL OR diusulkan_at <= ditetapkan_at);

-- A change made in kalibrasi is marked in the rating's history.
ALTER TABLE penilaian_riwayat ADD COLUMN kalibrasi boolean NOT NULL DEFAULT false;

-- An OPD's publication is a penetapan of the OPD (opd_id), answered for by the OPD's
-- kepala (penilai_id), not by each penilai.
ALTER TABLE penetapan ADD COLUMN opd_id bigint REFERENCES perangkat_daerah (id);
CREATE INDEX penetapan_opd_idx ON penetapan (periode_id, opd_id, checkin);

-- A proposal is locked to its penilai: only the kalibrasi, whose transaction sets
-- kinerja.kalibrasi = 'on', changes or publishes it.
CREATE FUNCTION penilaian_diusulkan() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    locked boolean;
BEGIN
    IF TG_TABLE_NAME = 'penilaian' THEN
        locked := TG_OP <> 'INSERT' AND OLD.diusulkan_at IS NOT NULL AND OLD.ditetapkan_at IS NULL;
    ELSE
        SELECT p.diusulkan_at IS NOT NULL AND p.ditetapkan_at IS NULL INTO locked FROM penilaian p
        WHERE p.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.penilaian_id ELSE NEW.penilaian_id END;
    END IF;
    IF locked AND coalesce(current_setting('kinerja.kalibrasi', true), '') <> 'on' THEN
        RAISE EXCEPTION 'penilaian sudah diusulkan ke kalibrasi OPD: nilai hanya diubah dalam kalibrasi'
            USING ERRCODE = '55000', CONSTRAINT = 'penilaian_diusulkan';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER penilaian_diusulkan BEFORE UPDATE OR DELETE ON penilaian
    FOR EACH ROW EXECUTE FUNCTION penilaian_diusulkan();
CREATE TRIGGER penilaian_item_diusulkan BEFORE INSERT OR UPDATE OR DELETE ON penilaian_item
    FOR EACH ROW EXECUTE FUNCTION penilaian_diusulkan();
