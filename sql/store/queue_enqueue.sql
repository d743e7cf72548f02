-- Queues a path a walk found new or changed. A path queued before is queued again (its claims counted afresh) when
-- its size or modification time changed, or when it was done before this walk began (a failure is read again on
-- each run, as before the queue); a path claimed now is left to its worker, and one done since this walk began
-- (by another worker) is not read twice. A path given up because it stopped two workers ('failed') is queued again
-- only when the file changed, or with :retry_failed = 1 (extract --retry-failed).
INSERT INTO photo_queue (path, file_size, modified_at, state, position, queued_at)
VALUES (:path, :file_size, :modified_at, 'queued', :position, :now)
ON CONFLICT (path) DO UPDATE SET
    file_size = excluded.file_size, modified_at = excluded.modified_at, state = 'queued', claimed_by = NULL,
    claims = 0, claimed_at = NULL, lease_until = NULL, position = excluded.position,
    queued_at = excluded.queued_at, finished_at = NULL, reason = NULL
WHERE photo_queue.state <> 'claimed'
  AND (photo_queue.file_size <> excluded.file_size OR photo_queue.modified_at <> excluded.modified_at
       OR (photo_queue.state = 'done' AND photo_queue.finished_at < :walk_started)
       OR (photo_queue.state = 'failed' AND :retry_failed = 1));
