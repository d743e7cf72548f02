-- Forgets the failure recorded for a path (it was read since, or is gone).
DELETE FROM failures WHERE path = :path;
