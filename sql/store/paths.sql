-- Every recorded path.
SELECT path FROM photo_paths;
