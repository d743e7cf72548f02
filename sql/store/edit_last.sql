-- The latest edit not yet undone.
SELECT id, kind, arguments, before, made_at FROM people_edits WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1;
