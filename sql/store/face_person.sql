-- A face's person: one row when the face exists, person_id NULL when it is unassigned.
SELECT f.id, fp.person_id FROM faces AS f LEFT JOIN face_people AS fp ON fp.face_id = f.id WHERE f.id = :face;
