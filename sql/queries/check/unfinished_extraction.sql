-- Extraction that did not finish: photos claimed by a worker whose lease ran out before :now (it was killed or
-- cut off), and photos queued while no worker was seen since :quiet (server seconds since 1970, as photo_queue).
SELECT SUM(CASE WHEN state = 'claimed' AND lease_until < :now THEN 1 ELSE 0 END) AS abandoned,
       SUM(CASE WHEN state = 'queued' THEN 1 ELSE 0 END) AS queued,
       (SELECT COUNT(*) FROM workers WHERE seen_at >= :quiet AND stopped_at IS NULL) AS workers_alive
FROM photo_queue WHERE state IN ('claimed', 'queued');
