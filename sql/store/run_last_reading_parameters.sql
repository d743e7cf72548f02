-- The parameters (JSON) of the latest extract run whose workers read at least one photo, however it ended
-- (finished, interrupted, failed, or still running on another machine): the settings the newest stored faces were
-- found with. A run that found nothing new to read says nothing about them.
SELECT r.parameters FROM runs AS r
WHERE r.command = 'extract'
  AND EXISTS (SELECT 1 FROM workers AS w WHERE w.run_id = r.id AND w.photos > 0)
ORDER BY r.id DESC LIMIT 1;
