-- Recomputes every co-appearance edge, with the photos behind it, from the face assignments.
-- A photo counts once per pair of people however many faces each has in it (DISTINCT), and a person is never linked
-- to themself (person_a < person_b). Cost: one pass over the faces of photos with 2+ people, then one over the pairs.
DELETE FROM edge_photos;
DELETE FROM edges;
INSERT INTO edge_photos (person_a, person_b, photo_id)
SELECT DISTINCT a.person_id, b.person_id, fa.photo_id
FROM face_people AS a
JOIN faces AS fa ON fa.id = a.face_id
JOIN faces AS fb ON fb.photo_id = fa.photo_id
JOIN face_people AS b ON b.face_id = fb.id
WHERE a.person_id < b.person_id;
INSERT INTO edges (person_a, person_b, weight, first_taken_at, last_taken_at)
SELECT ep.person_a, ep.person_b, COUNT(*), MIN(p.taken_at), MAX(p.taken_at)
FROM edge_photos AS ep
JOIN photos AS p ON p.id = ep.photo_id
GROUP BY ep.person_a, ep.person_b;
