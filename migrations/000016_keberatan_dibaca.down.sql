DROP INDEX keberatan_pegawai_idx;
DROP TABLE keberatan_dibaca;
