-- Run by the one writer of a store (SQLite's run lock): no other worker is alive, so every claim left belongs to a
-- process that died; their leases end now and the claims are taken over at once, as a running worker's would be.
UPDATE photo_queue SET lease_until = :now - 1 WHERE state = 'claimed';
