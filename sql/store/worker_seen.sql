-- With the heartbeat: the worker is alive, with its totals so far.
UPDATE workers SET seen_at = :now, photos = :photos, faces = :faces WHERE id = :worker;
