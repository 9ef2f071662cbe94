-- A keberatan of a pegawai whose penilai has no atasan in the period (the head of an
-- OPD rated by the Sekretaris Daerah, whose own atasan is the kepala daerah) has no
-- pemutus in the system: the Admin BKD records the decision of the official, named
-- in atas_nama.
ALTER TABLE keberatan ALTER COLUMN pemutus_id DROP NOT NULL;
ALTER TABLE keberatan ADD COLUMN atas_nama text NOT NULL DEFAULT '' CHECK (length(atas_nama) <= 200);
ALTER TABLE keberatan ADD CONSTRAINT keberatan_pemutus_atau_atas_nama
    CHECK (pemutus_id IS NOT NULL OR status = 'diajukan' OR length(btrim(atas_nama)) > 0);
CREATE INDEX keberatan_tanpa_pemutus_idx ON keberatan (periode_id) WHERE pemutus_id IS NULL;
