-- The first copies by path, each with the picture it is a copy of (a path of each), for extract's summary.
SELECT (SELECT MIN(path) FROM photo_paths WHERE photo_id = c.id) AS copy,
       (SELECT MIN(path) FROM photo_paths WHERE photo_id = c.copy_of) AS original
FROM photos c
WHERE c.copy_of IS NOT NULL
ORDER BY copy
LIMIT :limit;
