-- nama_lengkap writes a pegawai's name with gelar, the same way as org.NamaLengkap:
-- "Dr. Siti Aminah, S.H., M.H."; every query that shows a name calls it. NULL when
-- nama is NULL (no pegawai on an outer join), so coalesce can choose a fallback.
CREATE FUNCTION nama_lengkap(gelar_depan text, nama text, gelar_belakang text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN coalesce(nullif(btrim(gelar_depan), '') || ' ', '') || btrim(nama)
        || coalesce(', ' || nullif(btrim(gelar_belakang), ''), '');
