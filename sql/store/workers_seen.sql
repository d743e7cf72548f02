-- Workers seen since :since (server seconds), with their totals ('status').
SELECT id, host, pid, lease, started_at, seen_at, stopped_at, photos, faces
FROM workers WHERE seen_at >= :since ORDER BY id;
