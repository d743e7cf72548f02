-- 1 when a stored face names this crop path (index faces_by_crop).
SELECT CASE WHEN EXISTS (SELECT 1 FROM faces WHERE crop_path = :crop_path) THEN 1 ELSE 0 END AS named;
