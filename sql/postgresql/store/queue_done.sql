-- As sql/store/queue_done.sql, with the server's clock (server_time.sql).
UPDATE photo_queue SET state = 'done', finished_at = CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS DOUBLE PRECISION),
    lease_until = NULL
WHERE path = :path AND state = 'claimed' AND claimed_by = :worker AND claims = :claims
RETURNING path;
