SELECT identifier FROM schema_migrations;
