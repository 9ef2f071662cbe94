-- Hardening (issue 15).

-- 1. Sessions keep the SHA-256 of their token, never the token: reading the table is
--    not enough to take a session over. Existing rows are hashed in place, so
--    nobody is signed out by the upgrade.
UPDATE sessions SET token = encode(sha256(convert_to(token, 'UTF8')), 'hex');

-- 2. TRUNCATE skips row triggers, so the closed-period and lock triggers do not see
--    it. Every table of the organisation and of the appraisal refuses it; only the
--    transient sessions and login_throttle tables allow it.
CREATE FUNCTION tanpa_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'TRUNCATE is refused on %', TG_TABLE_NAME
        USING ERRCODE = '42501', CONSTRAINT = 'tanpa_truncate';
END $$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'akun', 'bukti_dukung', 'frasa', 'impor_pegawai', 'instansi', 'jabatan',
        'jenis_jabatan', 'keberatan', 'keberatan_dibaca', 'keberatan_komentar',
        'pangkat_golongan', 'pegawai', 'pegawai_riwayat', 'penetapan', 'penilaian',
        'penilaian_diri', 'penilaian_item', 'perangkat_daerah', 'periode',
        'periode_predikat_opd', 'realisasi', 'rekan_komentar', 'rekan_peninjau',
        'rekan_tanggapan', 'skp', 'skp_catatan', 'skp_ekspektasi', 'skp_iki',
        'skp_rhk', 'umpan_balik', 'unit_kerja']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION tanpa_truncate()',
            t || '_tanpa_truncate', t);
    END LOOP;
END $$;

-- 3. Login throttling per NIP and address (auth.Limits). A row counts the failures
--    of one key: a NIP from one address (pair), a NIP from anywhere (nip) or an
--    address (ip). nip and alamat name the key for the admin's list of locks.
DELETE FROM login_throttle;
ALTER TABLE login_throttle
    ADD COLUMN jenis  text NOT NULL CHECK (jenis IN ('pair', 'nip', 'ip')),
    ADD COLUMN nip    text NOT NULL DEFAULT '',
    ADD COLUMN alamat text NOT NULL DEFAULT '';
CREATE INDEX login_throttle_nip_idx ON login_throttle (nip) WHERE nip <> '';
CREATE INDEX login_throttle_locked_idx ON login_throttle (locked_until);
