-- Takes the writer lock shared, if no process holds it alone: extract workers share it with each other, and
-- cluster, network and people edits (which take it alone, writer_lock_try.sql) wait until none is left.
SELECT CASE WHEN pg_try_advisory_lock_shared(3724483271669912068) THEN 1 ELSE 0 END AS taken;
