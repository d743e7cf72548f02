-- face-network store, version 5: what `face-network check` compares the store against.

-- Why a face's crop could not be written (a full disk, a folder in the way); NULL when it was written or crops
-- were not asked for. crop_path is NULL when this is set, so that no face points at a file that is not there.
ALTER TABLE faces ADD COLUMN crop_error TEXT;
-- A photo's path re-read with other bytes removes the old photo's faces: extraction deletes their crops unless a
-- face still names them, one look-up each.
CREATE INDEX faces_by_crop ON faces (crop_path);

-- The co-appearance edges the current face assignments give, with the photos behind them: what
-- queries/edges_rebuild.sql stores, and what check compares the stored edges with. A photo counts once per pair
-- of people however many faces each has in it (DISTINCT), and a person is never linked to themself
-- (person_a < person_b).
CREATE VIEW expected_edge_photos AS
SELECT DISTINCT a.person_id AS person_a, b.person_id AS person_b, fa.photo_id AS photo_id
FROM face_people AS a
JOIN faces AS fa ON fa.id = a.face_id
JOIN faces AS fb ON fb.photo_id = fa.photo_id
JOIN face_people AS b ON b.face_id = fb.id
WHERE a.person_id < b.person_id;

-- weight = the photos two people share; first and last EXIF dates among them (NULL when none has one).
CREATE VIEW expected_edges AS
SELECT ep.person_a, ep.person_b, COUNT(*) AS weight, MIN(p.taken_at) AS first_taken_at,
       MAX(p.taken_at) AS last_taken_at
FROM expected_edge_photos AS ep
JOIN photos AS p ON p.id = ep.photo_id
GROUP BY ep.person_a, ep.person_b;
