-- The crop paths of one photo's faces, by face index.
SELECT crop_path FROM faces WHERE photo_id = :photo AND crop_path IS NOT NULL ORDER BY face_index;
