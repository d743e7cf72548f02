-- PostgreSQL form of sql/queries/graph/group_photos.sql, the same rows: PostgreSQL has no json_each, so the ids of
-- :people (a JSON array such as '[3, 7]') come from json_array_elements_text.
--
-- The photos that show every person of :people (a JSON array of person ids, such as '[3, 7]'; in PostgreSQL
-- json_array_elements_text takes the place of json_each): the photos behind an edge, or a group's photos. Dated
-- photos in time order, then undated ones by path. Date range :from/:to as in neighbours.sql.
WITH wanted (person) AS (
    SELECT DISTINCT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(CAST(:people AS TEXT) AS json))
)
SELECT ph.id AS photo,
       (SELECT MIN(pp.path) FROM photo_paths AS pp WHERE pp.photo_id = ph.id) AS path,
       ph.taken_at AS taken_at,
       ph.face_count AS faces
FROM photos AS ph
WHERE (CAST(:from AS TEXT) IS NULL OR ph.taken_at BETWEEN :from AND :to)
  AND ph.id IN (
      SELECT f.photo_id
      FROM face_people AS fp
      JOIN faces AS f ON f.id = fp.face_id
      WHERE fp.person_id IN (SELECT person FROM wanted)
      GROUP BY f.photo_id
      HAVING COUNT(DISTINCT fp.person_id) = (SELECT COUNT(*) FROM wanted)
  )
ORDER BY CASE WHEN ph.taken_at IS NULL THEN 1 ELSE 0 END, ph.taken_at, path;
