-- The server's clock in seconds since 1970 (UTC); clock_timestamp, not now(), which stays at the transaction's start.
SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS DOUBLE PRECISION) AS now;
