-- Records that a path could not be used; a path that failed before keeps one row with the latest reason.
INSERT INTO failures (path, reason, run_id, recorded_at) VALUES (:path, :reason, :run_id, :recorded_at)
ON CONFLICT (path) DO UPDATE SET reason = excluded.reason, run_id = excluded.run_id,
                                 recorded_at = excluded.recorded_at;
