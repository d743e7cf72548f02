-- One face of a photo being stored: box in pixels of the upright photo, landmarks and descriptor as little-endian
-- float32 bytes (FloatBlob); apparent age (years) and gender (p(female)) when estimated, else NULL.
INSERT INTO faces (photo_id, face_index, box_left, box_top, box_right, box_bottom, detection_score, landmarks,
                   descriptor, crop_path, crop_error, age, gender)
VALUES (:photo_id, :face_index, :box_left, :box_top, :box_right, :box_bottom, :detection_score, :landmarks,
        :descriptor, :crop_path, :crop_error, :age, :gender);
