DROP TABLE IF EXISTS rekan_komentar, rekan_tanggapan, rekan_peninjau;
