-- The number of photos in the store.
SELECT COUNT(*) FROM photos;
