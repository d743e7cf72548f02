-- The photos behind every co-appearance edge between people seen in at least :min_photos distinct photos, in one
-- read (the exports list them for thousands of edges; sql/queries/edge_photos.sql serves one edge at a time).
-- Rows: person_a < person_b, photo id; the photos' paths and dates come from person_photos.sql.
WITH kept AS (
    SELECT fp.person_id
    FROM face_people AS fp JOIN faces AS f ON f.id = fp.face_id
    GROUP BY fp.person_id
    HAVING COUNT(DISTINCT f.photo_id) >= :min_photos
)
SELECT ep.person_a AS person_a, ep.person_b AS person_b, ep.photo_id AS photo
FROM edge_photos AS ep
WHERE ep.person_a IN (SELECT person_id FROM kept)
  AND ep.person_b IN (SELECT person_id FROM kept)
ORDER BY ep.person_a, ep.person_b, ep.photo_id;
