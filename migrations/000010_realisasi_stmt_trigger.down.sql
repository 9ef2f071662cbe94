DROP TRIGGER IF EXISTS realisasi_terbuka_ins ON realisasi;
DROP TRIGGER IF EXISTS realisasi_terbuka_upd ON realisasi;
DROP TRIGGER IF EXISTS realisasi_terbuka_del ON realisasi;
CREATE TRIGGER realisasi_terbuka BEFORE INSERT OR UPDATE OR DELETE ON realisasi FOR EACH ROW EXECUTE FUNCTION periode_masih_terbuka();
DROP FUNCTION IF EXISTS periode_masih_terbuka_stmt();
