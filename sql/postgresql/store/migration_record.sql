INSERT INTO schema_migrations (identifier) VALUES (:name);
