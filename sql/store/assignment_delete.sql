-- Unassigns a face.
DELETE FROM face_people WHERE face_id = :face_id;
