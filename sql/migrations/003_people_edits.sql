-- face-network store, version 3: people edited by hand, with undo, surviving re-clustering.

-- Every edit (name, merge, split, reject), in order. `before` is a JSON snapshot of every row the edit changed
-- (the people rows, and each touched face's person and pin), enough to restore them exactly on undo.
CREATE TABLE people_edits (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,              -- name, merge, split, move, reject
    arguments   TEXT    NOT NULL,              -- JSON: what the user asked for
    before      TEXT    NOT NULL,              -- JSON snapshot (see FaceStore+Edits.swift)
    made_at     TEXT    NOT NULL,              -- ISO 8601 UTC
    undone_at   TEXT                           -- set when undone; undone edits stay in the history
);

-- What edits decided about single faces, applied after every clustering: a pinned face belongs to person_id
-- (faces pinned to one id stay together, to different ids stay apart); a rejected face (person_id NULL) is never
-- assigned. person_id is not a foreign key: a re-clustering may drop the people row, and the pin brings it back.
CREATE TABLE face_pins (
    face_id   INTEGER PRIMARY KEY REFERENCES faces (id) ON DELETE CASCADE,
    person_id INTEGER                          -- NULL: rejected
);
CREATE INDEX face_pins_by_person ON face_pins (person_id);

-- The face ids each person's mosaic was drawn from (a hash of the sorted ids), so that only people whose faces
-- changed get a new mosaic.
CREATE TABLE person_mosaics (
    person_id   INTEGER PRIMARY KEY,
    fingerprint TEXT    NOT NULL
);
