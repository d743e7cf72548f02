-- Takes over one path whose worker's lease ran out: alone, so that if this photo is what stops workers, it stops
-- this one with no other photo in its hands.
UPDATE photo_queue SET state = 'claimed', claimed_by = :worker, claims = claims + 1, claimed_at = :now,
    lease_until = :now + :lease
WHERE path IN (SELECT path FROM photo_queue WHERE state = 'claimed' AND lease_until < :now
               ORDER BY position, path LIMIT 1)
RETURNING path, file_size, modified_at, claims, position;
