-- One face of a photo being stored: box in pixels of the upright photo, landmarks and descriptor as little-endian
-- float32 bytes (FloatBlob).
INSERT INTO faces (photo_id, face_index, box_left, box_top, box_right, box_bottom, detection_score, landmarks,
                   descriptor, crop_path, crop_error)
VALUES (:photo_id, :face_index, :box_left, :box_top, :box_right, :box_bottom, :detection_score, :landmarks,
        :descriptor, :crop_path, :crop_error);
