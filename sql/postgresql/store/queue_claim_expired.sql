-- As sql/store/queue_claim_expired.sql; a row another worker is claiming now is skipped, not waited for.
UPDATE photo_queue SET state = 'claimed', claimed_by = :worker, claims = claims + 1, claimed_at = :now,
    lease_until = :now + :lease
WHERE path IN (SELECT path FROM photo_queue WHERE state = 'claimed' AND lease_until < :now
               ORDER BY position, path LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING path, file_size, modified_at, claims, position;
