-- Takes the writer lock shared, if no process holds it alone: extract workers share it with each other, and
-- cluster, network and people edits (which take it alone, writer_lock_try.sql, same keys) wait until none is left.
SELECT CASE WHEN pg_try_advisory_lock_shared(867173837, hashtext(current_schema())) THEN 1 ELSE 0 END AS taken;
