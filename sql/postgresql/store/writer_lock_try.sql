-- Takes the store's writer lock if it is free: a session-level advisory lock, which the server lets go when this
-- connection ends, however its process ends. Its keys are the first 4 bytes of SHA-256('face-network writer') and
-- the store's schema (hashtext of current_schema()), so that the stores of two archives in one database do not
-- wait for each other.
SELECT CASE WHEN pg_try_advisory_lock(867173837, hashtext(current_schema())) THEN 1 ELSE 0 END AS taken;
