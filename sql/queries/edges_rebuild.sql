-- Recomputes every co-appearance edge from the face assignments.
-- A photo counts once per pair of people however many faces each has in it (COUNT DISTINCT photo), and a person
-- is never linked to themself (person_a < person_b). Cost: one pass over the faces of photos with 2+ people.
DELETE FROM edges;
INSERT INTO edges (person_a, person_b, weight)
SELECT a.person_id, b.person_id, COUNT(DISTINCT fa.photo_id)
FROM face_people AS a
JOIN faces AS fa ON fa.id = a.face_id
JOIN faces AS fb ON fb.photo_id = fa.photo_id
JOIN face_people AS b ON b.face_id = fb.id
WHERE a.person_id < b.person_id
GROUP BY a.person_id, b.person_id;
