-- 1 when this user may not add photos to the store: it is opened to read.
SELECT CASE WHEN has_table_privilege('photos', 'INSERT') THEN 0 ELSE 1 END AS read_only;
