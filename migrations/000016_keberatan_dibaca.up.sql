-- What each party of a keberatan (the pegawai, the penilai who published the rating,
-- the pemutus) last saw of it: the Beranda tells them what happened since (filed,
-- decided, new comments). A read marker, not appraisal data: opening a closed
-- period's keberatan still records it, so it has no closed-period trigger and no audit.
CREATE TABLE keberatan_dibaca (
    keberatan_id bigint NOT NULL REFERENCES keberatan (id),
    akun_id      bigint NOT NULL REFERENCES akun (id),
    dibaca_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (keberatan_id, akun_id)
);
CREATE INDEX keberatan_pegawai_idx ON keberatan (pegawai_id);
