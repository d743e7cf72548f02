-- Taken before a run is recorded: with SQLite the write transaction is the store's only one, so there is nothing
-- to wait for (sql/postgresql/store/runs_lock.sql makes extract workers starting at once check the models in turn).
SELECT 1 AS locked;
