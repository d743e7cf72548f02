-- A newly extracted photo; returns its id. Its faces follow in the same transaction (face_insert.sql). No row when
-- the same bytes were stored meanwhile (another worker read a copy of the file at the same moment).
INSERT INTO photos (content_hash, byte_size, format, width, height, orientation, turned_degrees, taken_at,
                    camera_make, camera_model, camera_serial, decode_warning, face_count, extracted_at)
VALUES (:content_hash, :byte_size, :format, :width, :height, :orientation, :turned_degrees, :taken_at,
        :camera_make, :camera_model, :camera_serial, :decode_warning, :face_count, :extracted_at)
ON CONFLICT (content_hash) DO NOTHING
RETURNING id;
