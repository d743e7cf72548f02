-- The worker's heartbeat: renews the leases it still holds and says it is alive.
UPDATE photo_queue SET lease_until = :now + :lease WHERE claimed_by = :worker AND state = 'claimed';
UPDATE workers SET seen_at = :now WHERE id = :worker;
