-- What is still to do: paths queued, paths claimed, and the earliest end of another worker's lease.
SELECT SUM(CASE WHEN state = 'queued' THEN 1 ELSE 0 END) AS queued,
       SUM(CASE WHEN state = 'claimed' THEN 1 ELSE 0 END) AS claimed,
       MIN(CASE WHEN state = 'claimed' THEN lease_until END) AS next_lease_end
FROM photo_queue WHERE state IN ('queued', 'claimed');
