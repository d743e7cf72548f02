-- Processes opening one database at once migrate it one after the other: a lock held to the end of the
-- transaction (the writer lock's key plus one).
SELECT pg_advisory_xact_lock(3724483271669912069);
