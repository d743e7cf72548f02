-- The photos behind one co-appearance edge: every distinct photo that shows both :person_a and :person_b, by its
-- first path (relative to the photo folder), in path order. Parameters are bound, never pasted.
SELECT (SELECT MIN(pp.path) FROM photo_paths AS pp WHERE pp.photo_id = fa.photo_id) AS path
FROM face_people AS a
JOIN faces AS fa ON fa.id = a.face_id
JOIN faces AS fb ON fb.photo_id = fa.photo_id
JOIN face_people AS b ON b.face_id = fb.id
WHERE a.person_id = :person_a AND b.person_id = :person_b
GROUP BY fa.photo_id
ORDER BY path;
