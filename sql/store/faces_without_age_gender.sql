-- The faces whose apparent age and gender were never estimated (stored before `extract --age-gender`), with what
-- estimating them needs without detecting again: a path of the photo (relative), its turn after the EXIF
-- orientation, its content hash (to tell a file changed since), and the face's box and 5 landmarks (FloatBlob).
SELECT f.id AS face, f.photo_id AS photo,
       (SELECT MIN(pp.path) FROM photo_paths AS pp WHERE pp.photo_id = f.photo_id) AS path,
       ph.turned_degrees AS turned, ph.content_hash AS content_hash,
       f.box_left AS box_left, f.box_top AS box_top, f.box_right AS box_right, f.box_bottom AS box_bottom,
       f.landmarks AS landmarks
FROM faces AS f
JOIN photos AS ph ON ph.id = f.photo_id
WHERE f.age IS NULL
ORDER BY f.photo_id, f.face_index;
