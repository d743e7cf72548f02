-- A photo whose every path was removed or now points at other bytes is gone from the collection (its faces with
-- it, by the foreign keys).
DELETE FROM photos WHERE id NOT IN (SELECT photo_id FROM photo_paths);
