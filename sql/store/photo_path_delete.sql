-- Forgets one path of a photo.
DELETE FROM photo_paths WHERE path = :path;
