-- Imports are checked and applied by River jobs from now on; a batch that an older
-- server left checking or applying in its memory has no job, and is failed.
UPDATE impor_pegawai
SET status = 'gagal', pesan = 'Proses terhenti karena server diperbarui. Unggah berkas lagi.', updated_at = now()
WHERE status IN ('memeriksa', 'menerapkan');
