DROP TRIGGER penilaian_item_diusulkan ON penilaian_item;
DROP TRIGGER penilaian_diusulkan ON penilaian;
DROP FUNCTION penilaian_diusulkan();
DROP INDEX penetapan_opd_idx;
ALTER TABLE penilaian_riwayat DROP COLUMN kalibrasi;
ALTER TABLE penetapan DROP COLUMN opd_id;
ALTER TABLE penilaian DROP CONSTRAINT penilaian_usul_sebelum_tetap;
ALTER TABLE penilaian DROP COLUMN diusulkan_by, DROP COLUMN diusulkan_at;
ALTER TABLE periode DROP COLUMN kalibrasi;
