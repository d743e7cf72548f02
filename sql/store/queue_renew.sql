-- The worker's heartbeat: renews the leases it still holds, says it is alive and records its totals so far.
UPDATE photo_queue SET lease_until = :now + :lease WHERE claimed_by = :worker AND state = 'claimed';
UPDATE workers SET seen_at = :now, photos = :photos, faces = :faces WHERE id = :worker;
