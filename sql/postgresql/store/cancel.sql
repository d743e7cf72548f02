-- Cancels the statement the server process :pid runs now (the query shell's Ctrl-C).
SELECT pg_cancel_backend(CAST(:pid AS INTEGER)) AS cancelled;
