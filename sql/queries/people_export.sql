-- One row per person for `export people`: id, name (NULL until named), distinct photos and faces.
SELECT p.id AS person, p.name AS name, COUNT(DISTINCT f.photo_id) AS photos, COUNT(*) AS faces
FROM people AS p
JOIN face_people AS fp ON fp.person_id = p.id
JOIN faces AS f ON f.id = fp.face_id
GROUP BY p.id, p.name
HAVING COUNT(DISTINCT f.photo_id) >= :min_photos
ORDER BY p.id;
