-- The photo a path points at now, if any.
SELECT photo_id FROM photo_paths WHERE path = :path;
