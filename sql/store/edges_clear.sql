-- Forgets every edge and the photos behind it (rebuilt by queries/edges_rebuild.sql).
DELETE FROM edge_photos;
DELETE FROM edges;
