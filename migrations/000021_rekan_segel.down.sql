DROP TABLE rekan_rilis;
DROP TABLE rekan_segel;
