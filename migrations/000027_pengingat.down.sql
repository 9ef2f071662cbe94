ALTER TABLE periode DROP COLUMN eskalasi_hari, DROP COLUMN pengingat_hari;
