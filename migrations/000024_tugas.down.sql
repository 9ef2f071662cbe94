ALTER TABLE impor_pegawai DROP COLUMN berkas, DROP COLUMN lengkap;
DROP TABLE tugas;
