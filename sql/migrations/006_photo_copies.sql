-- face-network store, version 6: copies of one picture (resized, re-compressed, cropped: analysis PhotoCopies)
-- count once in every co-appearance edge.

-- The photo this one is a copy of: the first stored photo of its group of copies. NULL for a photo that is no
-- copy, and for the group's original. Byte-identical files are one photo already (content_hash); these are the
-- rest. Recomputed over the whole store after every extraction.
ALTER TABLE photos ADD COLUMN copy_of INTEGER REFERENCES photos (id) ON DELETE SET NULL;
CREATE INDEX photos_by_copy ON photos (copy_of);

-- Choices that outlive one command, as text: 'count_copies' = '1' when `network --count-copies` asked to count
-- copies apart (every photo one tie), until a `network` without it.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The picture each photo stands for in ties: its original when it is a copy, itself otherwise, or always itself
-- when the setting count_copies asks for every photo. The one rule every weight follows, stored or date-ranged.
CREATE VIEW photo_pictures AS
SELECT p.id AS photo_id,
       CASE WHEN (SELECT value FROM settings WHERE key = 'count_copies') = '1' THEN p.id
            ELSE COALESCE(p.copy_of, p.id) END AS picture
FROM photos AS p;

-- weight = the pictures two people share; first and last EXIF dates among all the photos.
DROP VIEW expected_edges;
CREATE VIEW expected_edges AS
SELECT ep.person_a, ep.person_b, COUNT(DISTINCT pp.picture) AS weight,
       MIN(p.taken_at) AS first_taken_at, MAX(p.taken_at) AS last_taken_at
FROM expected_edge_photos AS ep
JOIN photos AS p ON p.id = ep.photo_id
JOIN photo_pictures AS pp ON pp.photo_id = ep.photo_id
GROUP BY ep.person_a, ep.person_b;
