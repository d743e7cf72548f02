-- One row per person: id, name, number of distinct photos, number of faces, and the face shown for them
-- (the face with the highest detection score). Parameter :min_photos keeps people seen in at least that many photos.
-- Date range :from/:to as in graph/neighbours.sql: only faces in photos taken then count (people with none are
-- left out); both NULL count every face.
SELECT p.id AS person,
       p.name AS name,
       COUNT(DISTINCT f.photo_id) AS photos,
       COUNT(*) AS faces,
       (SELECT f2.id
          FROM face_people AS fp2 JOIN faces AS f2 ON f2.id = fp2.face_id
         WHERE fp2.person_id = p.id
         ORDER BY f2.detection_score DESC, f2.id
         LIMIT 1) AS face
FROM people AS p
JOIN face_people AS fp ON fp.person_id = p.id
JOIN faces AS f ON f.id = fp.face_id
WHERE CAST(:from AS TEXT) IS NULL
   OR EXISTS (SELECT 1 FROM photos AS ph WHERE ph.id = f.photo_id AND ph.taken_at BETWEEN :from AND :to)
GROUP BY p.id, p.name
HAVING COUNT(DISTINCT f.photo_id) >= :min_photos
ORDER BY p.id;
