DROP TRIGGER skp_rhk_didukung_terjaga ON skp_rhk;
DROP TRIGGER skp_rhk_atasan_ada ON skp_rhk;
DROP FUNCTION skp_rhk_didukung_terjaga();
DROP FUNCTION skp_rhk_atasan_ada();
