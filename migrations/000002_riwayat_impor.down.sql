DROP TABLE IF EXISTS impor_pegawai;
DROP TABLE IF EXISTS pegawai_riwayat;
