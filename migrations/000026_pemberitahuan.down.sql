DROP TABLE token_surel;
DROP TABLE surel;
ALTER TABLE pegawai DROP COLUMN ringkasan_at, DROP COLUMN preferensi_surel, DROP COLUMN surel;
DROP TABLE pemberitahuan;
