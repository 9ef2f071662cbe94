DROP TABLE eskalasi;
