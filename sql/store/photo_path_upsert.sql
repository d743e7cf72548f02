-- Records a path as a location of a stored photo, replacing what the path pointed at before.
INSERT INTO photo_paths (path, photo_id, file_size, modified_at) VALUES (:path, :photo_id, :file_size, :modified_at)
ON CONFLICT (path) DO UPDATE SET photo_id = excluded.photo_id, file_size = excluded.file_size,
                                 modified_at = excluded.modified_at;
