-- Puts the store's tables in the schema :schema (the URL's ?schema=), made when missing. The name reaches the
-- dynamic CREATE SCHEMA through a setting, so that it is bound like every other value and quoted by format(%I).
SELECT set_config('face_network.schema', :schema, false);
DO $$ BEGIN EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', current_setting('face_network.schema')); END $$;
SELECT set_config('search_path', quote_ident(current_setting('face_network.schema')), false);
