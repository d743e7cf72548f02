-- The photo with these bytes (SHA-256 of the file), if any.
SELECT id FROM photos WHERE content_hash = :content_hash;
