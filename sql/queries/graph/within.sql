-- The ego network of :person: everyone within :depth co-appearance steps of them, with their distance in steps
-- (the person themself at 0), nearest first, then by id. Date range :from/:to as in neighbours.sql: only edges with
-- a photo taken in the range are walked.
--
-- Breadth-first by a recursive CTE bounded by :depth. UNION (not UNION ALL) keeps one row per (person, depth), so a
-- person reached by many walks of the same length is expanded once per level and the work is at most
-- people-in-range × depth × degree, never the number of walks.
WITH RECURSIVE reached (person, depth) AS (
    SELECT CAST(:person AS BIGINT), 0
    UNION
    SELECT CASE WHEN e.person_a = r.person THEN e.person_b ELSE e.person_a END, r.depth + 1
    FROM reached AS r
    JOIN edges AS e ON e.person_a = r.person OR e.person_b = r.person
    WHERE r.depth < CAST(:depth AS BIGINT) AND
        CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.weight
             ELSE (SELECT COUNT(DISTINCT pp.picture) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
                   WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                     AND ph.taken_at BETWEEN :from AND :to) END > 0
)
SELECT r.person AS person, p.name AS name, MIN(r.depth) AS distance
FROM reached AS r
JOIN people AS p ON p.id = r.person
GROUP BY r.person, p.name
ORDER BY distance, r.person;
