-- Every recorded failure, by path.
SELECT path, reason FROM failures ORDER BY path;
