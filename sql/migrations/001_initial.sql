-- face-network store, version 1.
-- Written in standard SQL where that costs nothing, so that a PostgreSQL store can share it; SQLite specifics are
-- limited to INTEGER PRIMARY KEY (row ids) and BLOB (bytea in PostgreSQL).

-- One row per distinct photo content. The same bytes under two paths are one photo (see photo_paths), so a copied
-- photo never counts twice in an edge.
CREATE TABLE photos (
    id              INTEGER PRIMARY KEY,
    content_hash    TEXT    NOT NULL UNIQUE,   -- SHA-256 of the file's bytes, lowercase hex
    byte_size       INTEGER NOT NULL,
    format          TEXT    NOT NULL,          -- 'jpeg' or 'png', from the file's first bytes
    width           INTEGER NOT NULL,          -- pixels of the upright image (EXIF orientation applied)
    height          INTEGER NOT NULL,
    orientation     INTEGER NOT NULL DEFAULT 1,-- EXIF orientation tag 1..8 as stored in the file
    taken_at        TEXT,                      -- EXIF DateTimeOriginal as 'YYYY-MM-DD HH:MM:SS', when present
    camera_make     TEXT,
    camera_model    TEXT,
    camera_serial   TEXT,
    decode_warning  TEXT,                      -- set when the decoder warned (for example a truncated JPEG)
    face_count      INTEGER NOT NULL,
    extracted_at    TEXT    NOT NULL           -- ISO 8601 UTC
);

-- Where each photo lies, relative to the photo folder, with '/' separators.
CREATE TABLE photo_paths (
    path        TEXT    PRIMARY KEY,
    photo_id    INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    file_size   INTEGER NOT NULL,
    modified_at REAL    NOT NULL               -- seconds since 1970; with file_size, lets a re-run skip re-hashing
);
CREATE INDEX photo_paths_by_photo ON photo_paths (photo_id);

-- One row per detected face.
CREATE TABLE faces (
    id              INTEGER PRIMARY KEY,
    photo_id        INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    face_index      INTEGER NOT NULL,          -- 1-based, in the detector's order
    box_left        INTEGER NOT NULL,          -- bounding box in pixels of the upright image, as dlib and
    box_top         INTEGER NOT NULL,          -- face_recognition report it (inclusive, clipped to the image)
    box_right       INTEGER NOT NULL,
    box_bottom      INTEGER NOT NULL,
    detection_score REAL    NOT NULL,          -- HOG SVM margin
    landmarks       BLOB    NOT NULL,          -- 5 points (x, y) as 10 little-endian float32, dlib's 5-point order
    descriptor      BLOB    NOT NULL,          -- 128 little-endian float32 (dlib ResNet face descriptor)
    crop_path       TEXT,                      -- relative to the photo folder
    UNIQUE (photo_id, face_index)
);

-- Every invocation of a command, with what it needs to be reproduced.
CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    command         TEXT    NOT NULL,
    parameters      TEXT    NOT NULL,          -- JSON object
    model_checksums TEXT    NOT NULL,          -- JSON object: model file name -> SHA-256
    tool_version    TEXT    NOT NULL,
    started_at      TEXT    NOT NULL,
    finished_at     TEXT,
    status          TEXT    NOT NULL DEFAULT 'running'  -- running, finished, failed
);

-- Files that could not be used, with the reason; cleared when a later run reads the file successfully.
CREATE TABLE failures (
    path        TEXT    PRIMARY KEY,           -- relative to the photo folder
    reason      TEXT    NOT NULL,
    run_id      INTEGER REFERENCES runs (id),
    recorded_at TEXT    NOT NULL
);

-- People are clusters of faces.
CREATE TABLE people (
    id      INTEGER PRIMARY KEY,
    name    TEXT,
    run_id  INTEGER REFERENCES runs (id)
);

CREATE TABLE face_people (
    face_id   INTEGER PRIMARY KEY REFERENCES faces (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX face_people_by_person ON face_people (person_id);

-- Co-appearance edges: two people who appear in the same photo; weight = number of distinct photos.
CREATE TABLE edges (
    person_a INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    person_b INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    weight   INTEGER NOT NULL,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
);
