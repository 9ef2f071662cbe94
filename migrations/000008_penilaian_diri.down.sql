DROP TABLE IF EXISTS penilaian_diri;
