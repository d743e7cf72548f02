-- Lets the writer lock go (see writer_lock_try.sql).
SELECT pg_advisory_unlock(3724483271669912068) AS released;
