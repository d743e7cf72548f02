-- The paths :worker holds claimed now, in walk order: after a claim whose answer the connection lost (committed or
-- not), the worker takes up those it does not know it holds, which its heartbeat would otherwise keep for ever.
SELECT path, file_size, modified_at, claims FROM photo_queue
WHERE state = 'claimed' AND claimed_by = :worker
ORDER BY position, path;
