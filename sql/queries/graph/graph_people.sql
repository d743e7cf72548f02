-- The people of the graph, by id: everyone with a face in a photo taken between :from and :to (inclusive), or with
-- any face when both are NULL. People without ties are nodes too (degree 0). EXISTS stops at a person's first
-- face in the range, so the undated case reads one face per person.
SELECT p.id AS person
FROM people AS p
WHERE EXISTS (
    SELECT 1
    FROM face_people AS fp
    JOIN faces AS f ON f.id = fp.face_id
    JOIN photos AS ph ON ph.id = f.photo_id
    WHERE fp.person_id = p.id AND (:from IS NULL OR ph.taken_at BETWEEN :from AND :to)
)
ORDER BY p.id;
