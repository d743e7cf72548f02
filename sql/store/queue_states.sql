-- How many paths the queue holds in each state ('status').
SELECT state, COUNT(*) AS paths FROM photo_queue GROUP BY state ORDER BY state;
