-- Lets the writer lock go (see writer_lock_try.sql).
SELECT pg_advisory_unlock(867173837, hashtext(current_schema())) AS released;
