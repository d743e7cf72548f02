-- A path gone from the folder leaves the queue (unless a worker holds it now).
DELETE FROM photo_queue WHERE path = :path AND state <> 'claimed';
