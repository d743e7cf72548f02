-- Co-appearance edges between people seen in at least :min_photos distinct photos, heaviest first, with the
-- earliest and latest EXIF date taken of the photos behind each (empty when none has a date).
-- Date range :from/:to as in graph/neighbours.sql: only photos taken then count, for the people kept as for the
-- edges, and edges left without any are dropped; both NULL read the edges' stored totals.
WITH kept AS (
    SELECT fp.person_id
    FROM face_people AS fp JOIN faces AS f ON f.id = fp.face_id
    WHERE CAST(:from AS TEXT) IS NULL
       OR EXISTS (SELECT 1 FROM photos AS ph WHERE ph.id = f.photo_id AND ph.taken_at BETWEEN :from AND :to)
    GROUP BY fp.person_id
    HAVING COUNT(DISTINCT f.photo_id) >= :min_photos
),
ranged AS (
    SELECT e.person_a, e.person_b,
           CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.weight
                ELSE (SELECT COUNT(DISTINCT pp.picture) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
                      WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                        AND ph.taken_at BETWEEN :from AND :to) END AS weight,
           CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.first_taken_at
                ELSE (SELECT MIN(ph.taken_at) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                        AND ph.taken_at BETWEEN :from AND :to) END AS first_taken_at,
           CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.last_taken_at
                ELSE (SELECT MAX(ph.taken_at) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                        AND ph.taken_at BETWEEN :from AND :to) END AS last_taken_at
    FROM edges AS e
)
SELECT e.person_a AS source, e.person_b AS target, e.weight AS weight,
       e.first_taken_at AS first_taken_at, e.last_taken_at AS last_taken_at
FROM ranged AS e
WHERE e.weight > 0
  AND e.person_a IN (SELECT person_id FROM kept)
  AND e.person_b IN (SELECT person_id FROM kept)
ORDER BY e.weight DESC, e.person_a, e.person_b;
