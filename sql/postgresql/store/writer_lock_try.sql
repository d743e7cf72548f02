-- Takes the store's writer lock if it is free: a session-level advisory lock, which the server lets go when this
-- connection ends, however its process ends. The key is the first 8 bytes of SHA-256('face-network writer').
SELECT CASE WHEN pg_try_advisory_lock(3724483271669912068) THEN 1 ELSE 0 END AS taken;
