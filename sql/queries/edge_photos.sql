-- The photos behind one co-appearance edge (:person_a < :person_b): id, one path, date taken.
-- Dated photos first in time order, then undated ones by path.
SELECT ep.photo_id AS photo,
       (SELECT MIN(pp.path) FROM photo_paths AS pp WHERE pp.photo_id = ep.photo_id) AS path,
       p.taken_at AS taken_at
FROM edge_photos AS ep
JOIN photos AS p ON p.id = ep.photo_id
WHERE ep.person_a = :person_a AND ep.person_b = :person_b
ORDER BY CASE WHEN p.taken_at IS NULL THEN 1 ELSE 0 END, p.taken_at, path;
