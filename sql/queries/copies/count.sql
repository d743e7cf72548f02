-- How many photos are copies of another one.
SELECT COUNT(*) FROM photos WHERE copy_of IS NOT NULL;
