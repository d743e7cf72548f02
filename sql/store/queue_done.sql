-- Marks a claimed path done, in the transaction that stores its photo, copy or failure. Returns the path only when
-- this worker's claim still holds: a worker that stalled past its lease finds its path taken over by another and
-- its late result is rolled back. The time is the database's clock (server_time.sql), read here to spare a
-- statement per photo.
UPDATE photo_queue SET state = 'done', finished_at = (julianday('now') - 2440587.5) * 86400.0, lease_until = NULL
WHERE path = :path AND state = 'claimed' AND claimed_by = :worker AND claims = :claims
RETURNING path;
