-- When a pegawai has fewer rekan and bawahan than the anonymity threshold, the
-- penilai may nominate from a wider pool: same-level jabatan in the OPD (setingkat)
-- and the pegawai's atasan.
ALTER TABLE rekan_peninjau DROP CONSTRAINT rekan_peninjau_hubungan_check;
ALTER TABLE rekan_peninjau ADD CONSTRAINT rekan_peninjau_hubungan_check CHECK (hubungan IN ('rekan', 'bawahan', 'setingkat', 'atasan'));
