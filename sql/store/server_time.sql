-- The database's clock in seconds since 1970 (UTC): leases and worker times are kept in it, so that workers on
-- machines whose clocks differ agree on when a lease runs out.
SELECT (julianday('now') - 2440587.5) * 86400.0 AS now;
