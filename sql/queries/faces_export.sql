-- One row per face for `export faces`: the photo's first path (relative), the 1-based face index, the bounding box,
-- the person (NULL when the face is unassigned), and the apparent age (years) and gender (p(female)) when
-- `extract --age-gender` estimated them (else NULL).
SELECT (SELECT MIN(pp.path) FROM photo_paths AS pp WHERE pp.photo_id = f.photo_id) AS photo,
       f.face_index AS face,
       f.box_left AS "left", f.box_top AS top, f.box_right AS "right", f.box_bottom AS bottom,
       fp.person_id AS person,
       f.age AS age, f.gender AS gender
FROM faces AS f
LEFT JOIN face_people AS fp ON fp.face_id = f.id
ORDER BY photo, f.face_index;
