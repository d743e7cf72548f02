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

-- Stores clustered before this version get their provenance from FaceStore's open, which reruns
-- queries/edges_rebuild.sql when edges exist without it.
