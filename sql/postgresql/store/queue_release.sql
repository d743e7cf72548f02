-- As sql/store/queue_release.sql (GREATEST for SQLite's two-argument MAX).
UPDATE photo_queue SET state = 'queued', claimed_by = NULL, claims = GREATEST(claims - 1, 0), claimed_at = NULL,
    lease_until = NULL
WHERE claimed_by = :worker AND state = 'claimed';
UPDATE workers SET stopped_at = :now, seen_at = :now, photos = :photos, faces = :faces WHERE id = :worker;
