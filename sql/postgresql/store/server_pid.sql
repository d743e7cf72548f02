-- The server process serving this connection, for cancelling its statements from another connection.
SELECT CAST(pg_backend_pid() AS BIGINT) AS pid;
