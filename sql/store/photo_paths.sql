-- Every path recorded by earlier runs, with the size and modification time seen then.
SELECT path, photo_id, file_size, modified_at FROM photo_paths;
