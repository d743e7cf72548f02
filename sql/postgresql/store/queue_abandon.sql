-- As sql/store/queue_abandon.sql; rows another worker is changing now are skipped, not waited for.
UPDATE photo_queue SET state = 'failed', finished_at = :now, lease_until = NULL,
    reason = 'the worker reading it stopped twice (killed, out of memory, crashed or cut off) before it was stored; extract --retry-failed tries it again'
WHERE path IN (SELECT path FROM photo_queue WHERE state = 'claimed' AND lease_until < :now AND claims >= 2
               FOR UPDATE SKIP LOCKED)
RETURNING path, reason;
