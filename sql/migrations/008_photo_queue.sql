-- face-network store, version 8: the photos waiting to be read, and the processes reading them.
--
-- Every extract walks the folder and queues the paths that are new or changed; then it claims queued paths, reads
-- them and, in the transaction that stores a photo's faces (or its failure), marks its path done. A claim is a lease:
-- the worker renews it while it runs; a path whose lease ran out (its worker was killed, lost its network, or stopped)
-- is claimed again by another worker. The claim count says how often: a path whose second claim also ran out is
-- marked failed, so one photo that kills workers cannot stop every one of them in turn. Times here are the
-- database's clock, in seconds since 1970 (UTC), so that workers on machines with unequal clocks agree on leases.
-- With SQLite one process writes at a time; the queue still says how far an extraction has gone ('status').

-- One row per extract process that ever worked on the store.
CREATE TABLE workers (
    id          INTEGER PRIMARY KEY,
    host        TEXT    NOT NULL,
    pid         INTEGER NOT NULL,
    lease       REAL    NOT NULL,          -- seconds; its heartbeat comes every third of it
    run_id      INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    started_at  REAL    NOT NULL,
    seen_at     REAL    NOT NULL,          -- renewed with its leases
    stopped_at  REAL,                      -- set when it ended by itself
    photos      INTEGER NOT NULL DEFAULT 0, -- paths it finished
    faces       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE photo_queue (
    path        TEXT    PRIMARY KEY,       -- relative to the photo folder, as photo_paths.path
    file_size   INTEGER NOT NULL,          -- as the walk that queued it saw the file
    modified_at REAL    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('queued', 'claimed', 'done', 'failed')),
    claimed_by  INTEGER REFERENCES workers (id) ON DELETE SET NULL,
    claims      INTEGER NOT NULL DEFAULT 0, -- times claimed since it was queued
    claimed_at  REAL,
    lease_until REAL,
    position    INTEGER NOT NULL,          -- its place in the walk that queued it: claimed in this order
    queued_at   REAL    NOT NULL,
    finished_at REAL,
    reason      TEXT                       -- with 'failed': why
);
CREATE INDEX photo_queue_by_state ON photo_queue (state, position);
CREATE INDEX photo_queue_by_worker ON photo_queue (claimed_by);
