-- The faces of one person with crops, boxes and descriptors, and the photo's first path, by face id.
SELECT f.id, f.crop_path, f.box_left, f.box_top, f.box_right, f.box_bottom, f.descriptor,
       (SELECT MIN(pp.path) FROM photo_paths AS pp WHERE pp.photo_id = f.photo_id) AS photo_path
FROM faces AS f
JOIN face_people AS fp ON fp.face_id = f.id
WHERE fp.person_id = :person
ORDER BY f.id;
