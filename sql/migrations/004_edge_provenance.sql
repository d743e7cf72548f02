-- face-network store, version 4: where each co-appearance edge comes from, and when.
-- (Version 3 holds the people-editing log.)
--
-- edge_photos lists, for every edge, the photos that show both people; edges.weight is their count. The first and
-- last dates are the earliest and latest EXIF date taken among those photos (NULL when none has one); dates are
-- stored as 'YYYY-MM-DD HH:MM:SS', so text order is time order.
ALTER TABLE edges ADD COLUMN first_taken_at TEXT;
ALTER TABLE edges ADD COLUMN last_taken_at TEXT;

CREATE TABLE edge_photos (
    person_a INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    person_b INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    photo_id INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    PRIMARY KEY (person_a, person_b, photo_id),
    CHECK (person_a < person_b)
);
CREATE INDEX edge_photos_by_photo ON edge_photos (photo_id);

-- Graph traversals walk edges from either end: the primary key serves person_a, this index person_b.
CREATE INDEX edges_by_person_b ON edges (person_b, person_a);

-- Fill the new columns for stores clustered before this version.
INSERT INTO edge_photos (person_a, person_b, photo_id)
SELECT DISTINCT a.person_id, b.person_id, fa.photo_id
FROM face_people AS a
JOIN faces AS fa ON fa.id = a.face_id
JOIN faces AS fb ON fb.photo_id = fa.photo_id
JOIN face_people AS b ON b.face_id = fb.id
WHERE a.person_id < b.person_id;

UPDATE edges SET
    first_taken_at = (SELECT MIN(p.taken_at) FROM edge_photos AS ep JOIN photos AS p ON p.id = ep.photo_id
                       WHERE ep.person_a = edges.person_a AND ep.person_b = edges.person_b),
    last_taken_at  = (SELECT MAX(p.taken_at) FROM edge_photos AS ep JOIN photos AS p ON p.id = ep.photo_id
                       WHERE ep.person_a = edges.person_a AND ep.person_b = edges.person_b);
