-- Adds a finished path and its new faces to the worker's totals.
UPDATE workers SET photos = photos + 1, faces = faces + :faces WHERE id = :worker;
