-- Lets a shared hold of the writer lock go (writer_lock_try_shared.sql).
SELECT pg_advisory_unlock_shared(3724483271669912068) AS released;
