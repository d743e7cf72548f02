-- Friends of friends of :person who never appear with them, ranked by how many of :person's ties they share
-- (mutual), then by the photos that link them to those ties, then by id; at most :limit rows. Date range
-- :from/:to as in neighbours.sql.
WITH friends (person) AS (
    SELECT CASE WHEN e.person_a = :person THEN e.person_b ELSE e.person_a END
    FROM edges AS e
    WHERE (e.person_a = :person OR e.person_b = :person) AND
        CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.weight
             ELSE (SELECT COUNT(DISTINCT pp.picture) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
                   WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                     AND ph.taken_at BETWEEN :from AND :to) END > 0
),
candidates (person, photos) AS (
    SELECT CASE WHEN e.person_a = f.person THEN e.person_b ELSE e.person_a END,
        CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.weight
             ELSE (SELECT COUNT(DISTINCT pp.picture) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
                   WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                     AND ph.taken_at BETWEEN :from AND :to) END
    FROM friends AS f
    JOIN edges AS e ON e.person_a = f.person OR e.person_b = f.person
)
SELECT c.person AS person, p.name AS name, COUNT(*) AS mutual, CAST(SUM(c.photos) AS BIGINT) AS photos
FROM candidates AS c
JOIN people AS p ON p.id = c.person
WHERE c.photos > 0
  AND c.person <> :person
  AND c.person NOT IN (SELECT person FROM friends)
GROUP BY c.person, p.name
ORDER BY mutual DESC, photos DESC, c.person
LIMIT :limit;
