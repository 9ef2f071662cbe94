DROP TABLE IF EXISTS umpan_balik;
