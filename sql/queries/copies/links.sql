-- Every photo that is a copy, with its original.
SELECT id AS photo, copy_of AS original FROM photos WHERE copy_of IS NOT NULL;
