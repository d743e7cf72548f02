-- Every co-appearance edge (a < b) with its weight in photos, for the analysis layer's in-memory graph. Date range
-- :from/:to as in neighbours.sql: only photos in the range count, and edges left without any are dropped.
SELECT t.a AS a, t.b AS b, t.weight AS weight
FROM (
    SELECT e.person_a AS a, e.person_b AS b,
           CASE WHEN :from IS NULL THEN e.weight
                ELSE (SELECT COUNT(*) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                        AND ph.taken_at BETWEEN :from AND :to) END AS weight
    FROM edges AS e
) AS t
WHERE t.weight > 0
ORDER BY t.a, t.b;
