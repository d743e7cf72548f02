-- Every face with what `face-network evaluate` needs: each path of its photo (a photo stored under two paths
-- appears twice), its bounding box, the photo's size and the face's person (NULL when unassigned).
SELECT f.id AS face, f.photo_id AS photo_id, pp.path AS path,
       f.box_left AS "left", f.box_top AS top, f.box_right AS "right", f.box_bottom AS bottom,
       p.width AS width, p.height AS height, fp.person_id AS person
FROM faces AS f
JOIN photos AS p ON p.id = f.photo_id
JOIN photo_paths AS pp ON pp.photo_id = f.photo_id
LEFT JOIN face_people AS fp ON fp.face_id = f.id
ORDER BY pp.path, f.face_index;
