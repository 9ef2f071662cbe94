DROP INDEX keberatan_tanpa_pemutus_idx;
ALTER TABLE keberatan DROP CONSTRAINT keberatan_pemutus_atau_atas_nama;
ALTER TABLE keberatan DROP COLUMN atas_nama;
ALTER TABLE keberatan ALTER COLUMN pemutus_id SET NOT NULL;
