-- One row about :person: name, distinct photos, faces, first and last EXIF date taken among their photos (NULL when
-- none is dated) and the number of people they appear with. Date range :from/:to as in neighbours.sql: only
-- photos taken in the range count. No row when the person does not exist.
WITH seen (face, photo, taken_at) AS (
    SELECT f.id, f.photo_id, ph.taken_at
    FROM face_people AS fp
    JOIN faces AS f ON f.id = fp.face_id
    JOIN photos AS ph ON ph.id = f.photo_id
    WHERE fp.person_id = :person AND (CAST(:from AS TEXT) IS NULL OR ph.taken_at BETWEEN :from AND :to)
)
SELECT p.id AS person, p.name AS name,
       (SELECT COUNT(DISTINCT photo) FROM seen) AS photos,
       (SELECT COUNT(*) FROM seen) AS faces,
       (SELECT MIN(taken_at) FROM seen) AS first_seen,
       (SELECT MAX(taken_at) FROM seen) AS last_seen
FROM people AS p
WHERE p.id = :person;
