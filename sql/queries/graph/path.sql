-- One shortest co-appearance chain from :source to :target, searched from both ends: :forward_depth steps out of
-- :source and :backward_depth steps out of :target (QueryExecutor+Path.swift deepens the two in turn, the side with the
-- smaller frontier first, until the two meet). Date range :from/:to as in neighbours.sql.
--
-- Rows, in one result so that the search is walked once:
--   kind 'step':     step (0 = :source … length = :target), person, name, photos shared with the previous step;
--                    empty when the two searches do not meet yet;
--   kind 'frontier': step = side (0 from :source, 1 from :target), person = how many people that side reached
--                    first at its last level. A side without such a row found no one new: it has reached everyone
--                    it can, so there is no path.
WITH RECURSIVE
reached (side, person, depth) AS (
    VALUES (0, CAST(:source AS BIGINT), 0), (1, CAST(:target AS BIGINT), 0)
    UNION
    -- One row per (side, person, depth): a person reached by many walks of one length is expanded once.
    SELECT r.side, CASE WHEN e.person_a = r.person THEN e.person_b ELSE e.person_a END, r.depth + 1
    FROM reached AS r
    JOIN edges AS e ON e.person_a = r.person OR e.person_b = r.person
    WHERE r.depth < CASE r.side WHEN 0 THEN CAST(:forward_depth AS BIGINT) ELSE CAST(:backward_depth AS BIGINT) END
      AND CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.weight
               ELSE (SELECT COUNT(DISTINCT pp.picture) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
                     WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                       AND ph.taken_at BETWEEN :from AND :to) END > 0
),
meeting (person, forward, backward) AS (
    SELECT f.person, f.depth, b.depth
    FROM reached AS f
    JOIN reached AS b ON b.person = f.person AND b.side = 1
    WHERE f.side = 0
    ORDER BY f.depth + b.depth, f.person
    LIMIT 1
),
-- From the meeting back to each end: a person reached at depth d has a neighbour reached at depth d - 1 (the
-- lowest id is taken) by an edge in the date range. Only the chain's few steps look up edges again.
chain (side, person, depth) AS (
    SELECT 0, person, forward FROM meeting
    UNION ALL
    SELECT 1, person, backward FROM meeting
    UNION ALL
    SELECT c.side,
           (SELECT MIN(r.person)
            FROM reached AS r
            JOIN edges AS e ON (e.person_a = r.person AND e.person_b = c.person)
                            OR (e.person_b = r.person AND e.person_a = c.person)
            WHERE r.side = c.side AND r.depth = c.depth - 1
              AND CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.weight
                       ELSE (SELECT COUNT(DISTINCT pp.picture) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
                             WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                               AND ph.taken_at BETWEEN :from AND :to) END > 0),
           c.depth - 1
    FROM chain AS c
    WHERE c.depth > 0
),
steps (step, person) AS (
    SELECT CASE c.side WHEN 0 THEN c.depth ELSE m.forward + m.backward - c.depth END, c.person
    FROM chain AS c CROSS JOIN meeting AS m
    WHERE c.side = 0 OR c.depth < m.backward
)
SELECT 'step' AS kind, s.step AS step, s.person AS person, p.name AS name,
       -- NULL at step 0, which has no previous step.
       CASE WHEN e.person_a IS NULL THEN NULL
            WHEN CAST(:from AS TEXT) IS NULL THEN e.weight
            ELSE (SELECT COUNT(DISTINCT pp.picture) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
                  WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                    AND ph.taken_at BETWEEN :from AND :to) END AS photos
FROM steps AS s
JOIN people AS p ON p.id = s.person
LEFT JOIN steps AS previous ON previous.step = s.step - 1
LEFT JOIN edges AS e ON (e.person_a = previous.person AND e.person_b = s.person)
                     OR (e.person_b = previous.person AND e.person_a = s.person)
UNION ALL
SELECT 'frontier', r.side, COUNT(DISTINCT r.person), NULL, NULL
FROM reached AS r
WHERE r.depth = CASE r.side WHEN 0 THEN CAST(:forward_depth AS BIGINT) ELSE CAST(:backward_depth AS BIGINT) END
  AND NOT EXISTS (SELECT 1 FROM reached AS e WHERE e.side = r.side AND e.person = r.person AND e.depth < r.depth)
GROUP BY r.side
ORDER BY kind DESC, step;
