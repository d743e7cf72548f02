-- An extract process starting on the store; returns its id, which its claims carry.
INSERT INTO workers (host, pid, run_id, lease, started_at, seen_at) VALUES (:host, :pid, :run_id, :lease, :now, :now)
RETURNING id;
