-- Marks an edit undone.
UPDATE people_edits SET undone_at = :undone_at WHERE id = :id;
