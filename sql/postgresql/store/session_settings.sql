-- Settings of every store connection. A worker stopped inside a transaction (paused, or its machine frozen) would
-- hold its rows' locks for as long as it stays stopped: the server ends such a session after 30 seconds idle in a
-- transaction, which lets the locks go (the store's transactions send their statements back to back, never pausing
-- for work). Keepalives notice a machine cut off from the network within about a minute instead of hours, so that
-- its advisory locks are let go too.
SET idle_in_transaction_session_timeout = '30s';
SET tcp_keepalives_idle = 30;
SET tcp_keepalives_interval = 10;
SET tcp_keepalives_count = 3;
