-- The :limit people with the most ties (:weighted = 0: degree, the number of people they appear with) or the most
-- shared photos (:weighted = 1: weighted degree, the sum of their edges' weights), highest first, then by id.
-- People without ties are left out. Date range :from/:to as in neighbours.sql.
WITH weighted_edges (person_a, person_b, photos) AS (
    SELECT e.person_a, e.person_b,
        CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.weight
             ELSE (SELECT COUNT(DISTINCT pp.picture) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
                   WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                     AND ph.taken_at BETWEEN :from AND :to) END FROM edges AS e
),
ends (person, photos) AS (
    SELECT person_a, photos FROM weighted_edges WHERE photos > 0
    UNION ALL
    SELECT person_b, photos FROM weighted_edges WHERE photos > 0
)
SELECT t.person AS person, p.name AS name,
       CASE WHEN CAST(:weighted AS BIGINT) = 1 THEN CAST(SUM(t.photos) AS BIGINT) ELSE COUNT(*) END AS value
FROM ends AS t
JOIN people AS p ON p.id = t.person
GROUP BY t.person, p.name
ORDER BY value DESC, t.person
LIMIT :limit;
