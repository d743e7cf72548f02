-- A read sees one state of the store, as SQLite's readers do.
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
