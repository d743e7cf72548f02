-- Every edit, oldest first, undone ones included.
SELECT id, kind, arguments, made_at, undone_at FROM people_edits ORDER BY id;
