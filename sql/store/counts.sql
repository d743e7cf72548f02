-- The store's totals, shown at the end of a run.
SELECT (SELECT COUNT(*) FROM photos) AS photos,
       (SELECT COUNT(*) FROM faces) AS faces,
       (SELECT COUNT(*) FROM people) AS people,
       (SELECT COUNT(*) FROM face_people) AS assigned_faces,
       (SELECT COUNT(*) FROM edges) AS edges,
       (SELECT COUNT(*) FROM failures) AS failures,
       (SELECT COUNT(*) FROM faces WHERE crop_error IS NOT NULL) AS crops_not_saved;
