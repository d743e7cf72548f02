-- Extract workers ending at once each replace the copy links: a transaction-level advisory lock on the store's
-- schema (the writer key + 1) makes them take turns (each clears and sets the same rows, which would otherwise deadlock).
SELECT pg_advisory_xact_lock(867173838, hashtext(current_schema())) AS locked;
