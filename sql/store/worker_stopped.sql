-- A worker ended by itself, with its final totals.
UPDATE workers SET stopped_at = :now, seen_at = :now, photos = :photos, faces = :faces WHERE id = :worker;
