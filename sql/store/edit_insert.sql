-- Logs an edit of the people with a snapshot (JSON) of every row it touches; returns the edit's id.
INSERT INTO people_edits (kind, arguments, before, made_at) VALUES (:kind, :arguments, :before, :made_at)
RETURNING id;
