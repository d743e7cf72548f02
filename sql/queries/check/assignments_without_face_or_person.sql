-- Assignments of faces to people where the face or the person is not in the store.
SELECT fp.face_id AS face, fp.person_id AS person,
       EXISTS (SELECT 1 FROM faces AS f WHERE f.id = fp.face_id) AS face_exists,
       EXISTS (SELECT 1 FROM people AS p WHERE p.id = fp.person_id) AS person_exists
FROM face_people AS fp
WHERE NOT EXISTS (SELECT 1 FROM faces AS f WHERE f.id = fp.face_id)
   OR NOT EXISTS (SELECT 1 FROM people AS p WHERE p.id = fp.person_id)
ORDER BY fp.face_id;
