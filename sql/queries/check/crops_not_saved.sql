-- Faces whose crop could not be written (faces.crop_error), with one path of their photo, by face id.
SELECT f.id AS face, f.face_index, f.crop_error AS reason,
       (SELECT MIN(pp.path) FROM photo_paths AS pp WHERE pp.photo_id = f.photo_id) AS photo_path
FROM faces AS f
WHERE f.crop_error IS NOT NULL
ORDER BY f.id;
