-- PostgreSQL form of sql/queries/check/mosaic_faces.sql, the same rows: PostgreSQL has no group_concat (SQLite has no
-- string_agg before 3.44), and string_agg is ordered by face id as SQLite's walk of face_people_by_person gives them.
--
-- Every mosaic drawn (person_mosaics), with whether its person still exists and the face ids the person has now
-- (comma-separated; NULL when none), for check to compare with the fingerprint the mosaic was drawn from.
SELECT m.person_id AS person, m.fingerprint,
       EXISTS (SELECT 1 FROM people AS p WHERE p.id = m.person_id) AS person_exists,
       (SELECT string_agg(CAST(fp.face_id AS TEXT), ',' ORDER BY fp.face_id)
          FROM face_people AS fp WHERE fp.person_id = m.person_id) AS faces
FROM person_mosaics AS m
ORDER BY m.person_id;
