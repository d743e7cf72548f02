-- Lets a shared hold of the writer lock go (writer_lock_try_shared.sql).
SELECT pg_advisory_unlock_shared(867173837, hashtext(current_schema())) AS released;
