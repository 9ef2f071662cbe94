DROP VIEW IF EXISTS pegawai_snapshot;
