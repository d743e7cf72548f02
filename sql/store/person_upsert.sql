-- Makes or renames a person; an existing person keeps the run that made it.
INSERT INTO people (id, name, run_id) VALUES (:id, :name, :run_id)
ON CONFLICT (id) DO UPDATE SET name = excluded.name;
