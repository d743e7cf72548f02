-- Photos that no path points at (extraction removes them with their faces when their last path goes).
SELECT p.id AS photo, p.content_hash
FROM photos AS p
WHERE NOT EXISTS (SELECT 1 FROM photo_paths AS pp WHERE pp.photo_id = p.id)
ORDER BY p.id;
