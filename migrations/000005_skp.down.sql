DROP TABLE IF EXISTS skp_catatan;
DROP TABLE IF EXISTS skp_ekspektasi;
DROP TABLE IF EXISTS skp_iki;
DROP TABLE IF EXISTS skp_rhk;
DROP SEQUENCE IF EXISTS skp_rhk_kunci_seq;
DROP TABLE IF EXISTS skp;
DROP FUNCTION IF EXISTS skp_disetujui_terkunci();
