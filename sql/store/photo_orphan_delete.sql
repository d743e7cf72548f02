-- Photo :photo, when no path points at it any more (its last path was removed or now holds other bytes), is gone
-- from the collection (its faces with it, by the foreign keys). One photo by its key: a store of a million photos
-- is not scanned for each one stored (photos_orphaned_delete.sql is the sweep, for removals of many paths).
DELETE FROM photos WHERE id = :photo AND NOT EXISTS (SELECT 1 FROM photo_paths WHERE photo_id = :photo);
