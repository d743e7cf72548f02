-- A new, unnamed person made by a clustering run.
INSERT INTO people (id, name, run_id) VALUES (:id, NULL, :run_id);
