-- Marks a claimed path done, in the transaction that stores its photo, copy or failure. Returns the path only when
-- this worker's claim still holds: a worker that stalled past its lease finds its path taken over by another and
-- its late result is rolled back.
UPDATE photo_queue SET state = 'done', finished_at = :now, lease_until = NULL
WHERE path = :path AND state = 'claimed' AND claimed_by = :worker AND claims = :claims
RETURNING path;
