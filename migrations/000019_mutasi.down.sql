DROP TRIGGER skp_penugasan ON skp;
DROP FUNCTION skp_penugasan();
DROP TRIGGER penilaian_penugasan ON penilaian;
DROP FUNCTION penilaian_penugasan();
DROP FUNCTION penilai_unit(bigint, integer);
DROP TABLE periode_penugasan;
ALTER TABLE skp DROP COLUMN penugasan_ke;
ALTER TABLE periode_peserta DROP COLUMN penugasan_ke, DROP COLUMN mulai, DROP COLUMN checkin_dari;
