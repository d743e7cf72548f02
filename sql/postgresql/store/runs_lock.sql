-- Extract workers starting at once on a new store each check the models against the runs recorded before theirs:
-- a transaction-level advisory lock on the store's schema makes them do it in turn, so that the second sees the
-- first's run. The writer key + 2.
SELECT pg_advisory_xact_lock(867173839, hashtext(current_schema())) AS locked;
