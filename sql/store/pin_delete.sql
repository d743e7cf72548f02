-- Removes a face's pin.
DELETE FROM face_pins WHERE face_id = :face_id;
