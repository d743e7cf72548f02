-- The ties of :person and of :other side by side: everyone who appears with either of them (but is neither), with
-- the photos shared with :person (photos_with_first) and with :other (photos_with_second), 0 when none. Most shared
-- photos first, then by id. Date range :from/:to as in neighbours.sql.
--
-- "mutual X and Y" keeps the rows where both counts are above 0, "with X but not with Y" those where the second
-- is 0; both keep this order. (ORDER BY repeats the sums: PostgreSQL takes an output name alone, not in an
-- expression.)
WITH focus (owner) AS (
    VALUES (CAST(:person AS BIGINT)), (CAST(:other AS BIGINT))
),
ties (owner, person, photos) AS (
    SELECT f.owner, CASE WHEN e.person_a = f.owner THEN e.person_b ELSE e.person_a END,
        CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.weight
             ELSE (SELECT COUNT(DISTINCT pp.picture) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
                   WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                     AND ph.taken_at BETWEEN :from AND :to) END
    FROM focus AS f
    JOIN edges AS e ON e.person_a = f.owner OR e.person_b = f.owner
)
SELECT t.person AS person, p.name AS name,
       CAST(SUM(CASE WHEN t.owner = :person THEN t.photos ELSE 0 END) AS BIGINT) AS photos_with_first,
       CAST(SUM(CASE WHEN t.owner = :other THEN t.photos ELSE 0 END) AS BIGINT) AS photos_with_second
FROM ties AS t
JOIN people AS p ON p.id = t.person
WHERE t.photos > 0 AND t.person <> :person AND t.person <> :other
GROUP BY t.person, p.name
ORDER BY SUM(CASE WHEN t.owner = :person THEN t.photos ELSE 0 END)
         + SUM(CASE WHEN t.owner = :other THEN t.photos ELSE 0 END) DESC, t.person;
