DROP TABLE IF EXISTS keberatan_komentar;
DROP TABLE IF EXISTS keberatan;
DROP FUNCTION IF EXISTS keberatan_final();
DROP TABLE IF EXISTS penilaian_riwayat;
DROP TABLE IF EXISTS penilaian_item;
DROP TABLE IF EXISTS penilaian;
DROP FUNCTION IF EXISTS penilaian_terkunci();
DROP TABLE IF EXISTS penetapan;
ALTER TABLE periode DROP COLUMN IF EXISTS kurva_pembulatan;
