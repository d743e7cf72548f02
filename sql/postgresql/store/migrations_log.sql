-- The log of applied migrations (sql/postgresql/migrations file names without .sql).
CREATE TABLE IF NOT EXISTS schema_migrations (identifier TEXT PRIMARY KEY);
