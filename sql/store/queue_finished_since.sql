-- Paths finished (done or failed) since :since, and the faces of the photos stored by workers seen since then
-- ('status': throughput).
SELECT COUNT(*) AS paths FROM photo_queue WHERE state IN ('done', 'failed') AND finished_at >= :since;
