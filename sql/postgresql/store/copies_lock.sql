-- Extract workers ending at once each replace the copy links: a transaction-level advisory lock makes them take
-- turns (each clears and sets the same rows, which would otherwise deadlock). The key is the writer lock's + 2.
SELECT pg_advisory_xact_lock(3724483271669912070) AS locked;
