-- Co-appearance edges between people seen in at least :min_photos distinct photos, heaviest first, with the
-- earliest and latest EXIF date taken of the photos behind each (empty when none has a date).
WITH kept AS (
    SELECT fp.person_id
    FROM face_people AS fp JOIN faces AS f ON f.id = fp.face_id
    GROUP BY fp.person_id
    HAVING COUNT(DISTINCT f.photo_id) >= :min_photos
)
SELECT e.person_a AS source, e.person_b AS target, e.weight AS weight,
       e.first_taken_at AS first_taken_at, e.last_taken_at AS last_taken_at
FROM edges AS e
WHERE e.person_a IN (SELECT person_id FROM kept)
  AND e.person_b IN (SELECT person_id FROM kept)
ORDER BY e.weight DESC, e.person_a, e.person_b;
