-- Who appears with :person: everyone who shares a photo with them, with the number of photos they share and the
-- first and last EXIF date taken among those photos. Ties of fewer than :min_photos photos are left out; strongest
-- first, then by person id.
--
-- Date range, as in every graph query: :from and :to ('YYYY-MM-DD HH:MM:SS', both inclusive) count only the photos
-- taken between them, and undated photos never; both NULL count every photo and read the edges' stored totals.
-- The test is CAST(:from AS TEXT) IS NULL: PostgreSQL must know each parameter's type, and a NULL is bound without one.
-- An edge is stored once (person_a < person_b), so each query walks it from either end: an OR over the two ends,
-- which SQLite answers with the primary key (person_a) and edges_by_person_b (MULTI-INDEX OR).
SELECT t.person AS person, p.name AS name, t.photos AS photos,
       t.first_taken_at AS first_taken_at, t.last_taken_at AS last_taken_at
FROM (
    SELECT CASE WHEN e.person_a = :person THEN e.person_b ELSE e.person_a END AS person,
           CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.weight
                ELSE (SELECT COUNT(DISTINCT pp.picture) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
                      WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                        AND ph.taken_at BETWEEN :from AND :to) END AS photos,
           CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.first_taken_at
                ELSE (SELECT MIN(ph.taken_at) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                        AND ph.taken_at BETWEEN :from AND :to) END AS first_taken_at,
           CASE WHEN CAST(:from AS TEXT) IS NULL THEN e.last_taken_at
                ELSE (SELECT MAX(ph.taken_at) FROM edge_photos AS ep JOIN photos AS ph ON ph.id = ep.photo_id
                      WHERE ep.person_a = e.person_a AND ep.person_b = e.person_b
                        AND ph.taken_at BETWEEN :from AND :to) END AS last_taken_at
    FROM edges AS e
    WHERE e.person_a = :person OR e.person_b = :person
) AS t
JOIN people AS p ON p.id = t.person
WHERE t.photos >= :min_photos AND t.photos > 0
ORDER BY t.photos DESC, t.person;
