-- The schema of a SQLite store: every table, index and view as the CREATE statement SQLite keeps, in the order
-- they were made (SQLite's own tables and the migration log left out), for the query shell's .schema.
SELECT sql FROM sqlite_master
WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
ORDER BY rowid;
