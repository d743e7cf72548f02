-- A worker ending by itself (an error, or interrupted): what it claimed and did not store is queued again, and the
-- claim not counted against the photo; its end and final totals are recorded.
UPDATE photo_queue SET state = 'queued', claimed_by = NULL, claims = MAX(claims - 1, 0), claimed_at = NULL,
    lease_until = NULL
WHERE claimed_by = :worker AND state = 'claimed';
UPDATE workers SET stopped_at = :now, seen_at = :now, photos = :photos, faces = :faces WHERE id = :worker;
