-- Faces whose photo is not in the store (deleting a photo deletes its faces, so none should be left).
SELECT f.id AS face, f.photo_id AS photo
FROM faces AS f
WHERE NOT EXISTS (SELECT 1 FROM photos AS p WHERE p.id = f.photo_id)
ORDER BY f.id;
