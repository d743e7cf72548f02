-- face-network store, version 7: a person seen only in copies of one picture has no ties.
--
-- Without its copies such a face is one face, and a person needs the clustering's minimum size (2 faces by
-- default): a bystander in a press photo saved four times would be no person, tied to nobody. Copies cluster
-- together (they are the same face), so the person is kept (their faces are one identity), but a tie needs each
-- person seen in at least as many pictures as the minimum size asks faces of them (copies of one picture counting
-- once, as in photo_pictures), or named by the user.

-- 'min_cluster_size': the minimum person size of the last clustering (written with its people); 1 when unset,
-- so that stores clustered before version 7 keep their ties until they are clustered again.

-- The people a tie may join.
CREATE VIEW tied_people AS
SELECT fp.person_id AS person_id
FROM face_people AS fp
JOIN faces AS f ON f.id = fp.face_id
JOIN photo_pictures AS pp ON pp.photo_id = f.photo_id
JOIN people AS p ON p.id = fp.person_id
GROUP BY fp.person_id, p.name
HAVING p.name IS NOT NULL
    OR COUNT(DISTINCT pp.picture) >= MIN(COUNT(*), COALESCE(
           (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'min_cluster_size'), 1));

-- expected_edges (version 6) reads this view by name and stays as it is: SQLite binds a view's names when it is
-- read, not when it is made.
DROP VIEW expected_edge_photos;

-- As in version 5, between tied people only.
CREATE VIEW expected_edge_photos AS
SELECT DISTINCT a.person_id AS person_a, b.person_id AS person_b, fa.photo_id AS photo_id
FROM face_people AS a
JOIN faces AS fa ON fa.id = a.face_id
JOIN faces AS fb ON fb.photo_id = fa.photo_id
JOIN face_people AS b ON b.face_id = fb.id
WHERE a.person_id < b.person_id
  AND a.person_id IN (SELECT person_id FROM tied_people)
  AND b.person_id IN (SELECT person_id FROM tied_people);
