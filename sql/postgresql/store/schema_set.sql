-- Reads the store in the schema :schema (the URL's ?schema=), which exists: a command that only reads needs no
-- right to create it (schema_use.sql is the writers').
SELECT set_config('search_path', quote_ident(CAST(:schema AS TEXT)), false);
