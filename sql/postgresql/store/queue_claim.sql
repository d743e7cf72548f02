-- As sql/store/queue_claim.sql; rows other workers are claiming now are skipped, so workers never wait for each
-- other here (SELECT … FOR UPDATE SKIP LOCKED).
UPDATE photo_queue SET state = 'claimed', claimed_by = :worker, claims = claims + 1, claimed_at = :now,
    lease_until = :now + :lease
WHERE path IN (SELECT path FROM photo_queue WHERE state = 'queued' ORDER BY position, path LIMIT :limit
               FOR UPDATE SKIP LOCKED)
RETURNING path, file_size, modified_at, claims, position;
