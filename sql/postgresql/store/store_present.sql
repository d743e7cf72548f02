-- 1 when the schema :schema (NULL: the first of the search path, usually public) holds a face-network store (its
-- migrations log), so that a command that only reads never makes one.
SELECT CASE WHEN to_regclass(format('%I.schema_migrations',
                                    COALESCE(CAST(:schema AS TEXT), current_schema(), 'public'))) IS NULL
            THEN 0 ELSE 1 END AS present;
