-- Claims up to :limit queued paths, in the order the walk found them, for :lease seconds.
UPDATE photo_queue SET state = 'claimed', claimed_by = :worker, claims = claims + 1, claimed_at = :now,
    lease_until = :now + :lease
WHERE path IN (SELECT path FROM photo_queue WHERE state = 'queued' ORDER BY position, path LIMIT :limit)
RETURNING path, file_size, modified_at, claims, position;
