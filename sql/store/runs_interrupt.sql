-- Runs still marked running when a process takes the writer lock belong to a process that died.
UPDATE runs SET status = 'interrupted' WHERE status = 'running';
