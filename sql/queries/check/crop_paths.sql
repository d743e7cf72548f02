-- Every face with a crop file, with one path of its photo, by face id: check looks for each file on disk.
SELECT f.id AS face, f.face_index, f.crop_path,
       (SELECT MIN(pp.path) FROM photo_paths AS pp WHERE pp.photo_id = f.photo_id) AS photo_path
FROM faces AS f
WHERE f.crop_path IS NOT NULL
ORDER BY f.id;
