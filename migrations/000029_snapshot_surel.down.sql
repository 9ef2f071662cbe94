-- Back to the snapshot without the address.
CREATE OR REPLACE VIEW pegawai_snapshot AS
SELECT p.id,
       jsonb_build_object(
           'nip', p.nip, 'nama', p.nama, 'gelar_depan', p.gelar_depan, 'gelar_belakang', p.gelar_belakang,
           'jenis_asn', p.jenis_asn, 'jenis_kelamin', p.jenis_kelamin, 'tempat_lahir', p.tempat_lahir,
           'tanggal_lahir', to_char(p.tanggal_lahir, 'YYYY-MM-DD'), 'golongan', g.golongan, 'jabatan', j.nama,
           'jenis_jabatan', j.jenis, 'kepala_unit', j.kepala_unit, 'unit_kerja', u.nama, 'perangkat_daerah', d.nama,
           'nip_atasan', coalesce(a.nip, ''), 'aktif', p.aktif) AS data
FROM pegawai p
JOIN pangkat_golongan g ON g.id = p.pangkat_id
JOIN jabatan j ON j.id = p.jabatan_id
JOIN unit_kerja u ON u.id = p.unit_kerja_id
JOIN perangkat_daerah d ON d.id = u.opd_id
LEFT JOIN pegawai a ON a.id = p.atasan_id;
