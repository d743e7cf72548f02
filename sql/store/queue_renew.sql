-- The worker's heartbeat: renews the leases it still holds (worker_seen.sql says it is alive).
UPDATE photo_queue SET lease_until = :now + :lease WHERE claimed_by = :worker AND state = 'claimed';
