-- Paths whose lease ran out on their second claim: they stopped two workers (killed, out of memory, crashed, or
-- cut off) and are marked failed instead of being claimed a third time. Returns them.
UPDATE photo_queue SET state = 'failed', finished_at = :now, lease_until = NULL,
    reason = 'the worker reading it stopped twice (killed, out of memory, crashed or cut off) before it was stored; extract --retry-failed tries it again'
WHERE state = 'claimed' AND lease_until < :now AND claims >= 2
RETURNING path, reason;
