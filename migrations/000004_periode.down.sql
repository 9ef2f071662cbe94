DROP TABLE IF EXISTS periode_predikat_opd;
DROP TABLE IF EXISTS periode_peserta;
DROP TABLE IF EXISTS periode;
DROP FUNCTION IF EXISTS periode_tertutup();
DROP FUNCTION IF EXISTS periode_masih_terbuka();
