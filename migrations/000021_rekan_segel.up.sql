-- Peer answers are sealed until one release for the whole period (penilaian's doc,
-- rekan.go). rekan_segel holds an answer from the moment it is given; the move to
-- penilaian moves every sealed answer of the period into rekan_tanggapan and
-- rekan_komentar in one shuffled batch, deletes the seals, and records per pegawai
-- how many answers were released (rekan_rilis), the only count ever shown.
CREATE TABLE rekan_segel (
    periode_id bigint NOT NULL REFERENCES periode (id),
    pegawai_id bigint NOT NULL REFERENCES pegawai (id),
    rating     text[] NOT NULL CHECK (cardinality(rating) = 7 AND rating <@ ARRAY['diatas', 'sesuai', 'dibawah']),
    komentar   text NOT NULL DEFAULT '' CHECK (length(komentar) <= 2000)
);
CREATE INDEX rekan_segel_idx ON rekan_segel (periode_id);

CREATE TABLE rekan_rilis (
    periode_id bigint NOT NULL REFERENCES periode (id),
    pegawai_id bigint NOT NULL REFERENCES pegawai (id),
    dijawab    integer NOT NULL CHECK (dijawab >= 0),
    PRIMARY KEY (periode_id, pegawai_id)
);

CREATE TRIGGER rekan_segel_terbuka BEFORE INSERT OR UPDATE OR DELETE ON rekan_segel FOR EACH ROW EXECUTE FUNCTION periode_masih_terbuka();
CREATE TRIGGER rekan_rilis_terbuka BEFORE INSERT OR UPDATE OR DELETE ON rekan_rilis FOR EACH ROW EXECUTE FUNCTION periode_masih_terbuka();
CREATE TRIGGER rekan_segel_tanpa_truncate BEFORE TRUNCATE ON rekan_segel FOR EACH STATEMENT EXECUTE FUNCTION tanpa_truncate();
CREATE TRIGGER rekan_rilis_tanpa_truncate BEFORE TRUNCATE ON rekan_rilis FOR EACH STATEMENT EXECUTE FUNCTION tanpa_truncate();

-- Periods past pelaksanaan showed their answers already: they count as released.
-- (A closed period refuses writes, so its rows are added with the trigger set aside
-- for this one statement, by the migration's owner.)
ALTER TABLE rekan_rilis DISABLE TRIGGER rekan_rilis_terbuka;
INSERT INTO rekan_rilis (periode_id, pegawai_id, dijawab)
SELECT r.periode_id, r.pegawai_id, count(*) FILTER (WHERE r.status = 'selesai')
FROM rekan_peninjau r JOIN periode p ON p.id = r.periode_id
WHERE p.fase IN ('penilaian', 'selesai')
GROUP BY r.periode_id, r.pegawai_id;
ALTER TABLE rekan_rilis ENABLE TRIGGER rekan_rilis_terbuka;
