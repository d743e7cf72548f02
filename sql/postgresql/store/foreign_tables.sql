-- Tables in the store's schema when the migration log is not there: the database belongs to another program.
SELECT COUNT(*) AS tables FROM information_schema.tables
WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
  AND NOT EXISTS (SELECT 1 FROM information_schema.tables
                  WHERE table_schema = current_schema() AND table_name = 'schema_migrations');
