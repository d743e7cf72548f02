-- 1 when the store has edges but not the photos behind them: edges made before migration 004, which the store
-- recomputes once when it is opened.
SELECT CASE WHEN EXISTS (SELECT 1 FROM edges) AND NOT EXISTS (SELECT 1 FROM edge_photos) THEN 1 ELSE 0 END AS orphaned;
