-- The wider pool's nominations become plain rekan; closed periods keep their rows
-- (their triggers are set aside for the change of the label only).
ALTER TABLE rekan_peninjau DISABLE TRIGGER USER;
UPDATE rekan_peninjau SET hubungan = 'rekan' WHERE hubungan IN ('setingkat', 'atasan');
ALTER TABLE rekan_peninjau ENABLE TRIGGER USER;
ALTER TABLE rekan_peninjau DROP CONSTRAINT rekan_peninjau_hubungan_check;
ALTER TABLE rekan_peninjau ADD CONSTRAINT rekan_peninjau_hubungan_check CHECK (hubungan IN ('rekan', 'bawahan'));
