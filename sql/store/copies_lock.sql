-- Taken before the copy links are replaced: with SQLite the write transaction is the store's only one, so there is
-- nothing to wait for (sql/postgresql/store/copies_lock.sql serialises extract workers ending at once).
SELECT 1 AS locked;
