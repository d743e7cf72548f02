-- One row per person: id, name, number of distinct photos, number of faces, and the face shown for them
-- (the face with the highest detection score). Parameter :min_photos keeps people seen in at least that many photos.
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
GROUP BY p.id, p.name
HAVING COUNT(DISTINCT f.photo_id) >= :min_photos
ORDER BY p.id;
