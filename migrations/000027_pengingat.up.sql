-- Reminders (package notif, periode.Settings): on which days before each deadline
-- whoever still owes the work is reminded, and after how many days past it a
-- penilai's own overdue work is reported to their penilai.
ALTER TABLE periode
    ADD COLUMN pengingat_hari integer[] NOT NULL DEFAULT '{7,3,1}'
        CHECK (cardinality(pengingat_hari) <= 5 AND 1 <= ALL (pengingat_hari) AND 60 >= ALL (pengingat_hari)),
    ADD COLUMN eskalasi_hari integer NOT NULL DEFAULT 3 CHECK (eskalasi_hari BETWEEN 1 AND 30);
