-- The paths claimed now, with the worker holding each and its lease ('status').
SELECT q.path AS path, w.host AS host, w.pid AS pid, q.claimed_at AS claimed_at, q.lease_until AS lease_until,
       q.claims AS claims
FROM photo_queue AS q LEFT JOIN workers AS w ON w.id = q.claimed_by
WHERE q.state = 'claimed'
ORDER BY q.claimed_at, q.path;
