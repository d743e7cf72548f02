-- The person a face is assigned to, if any.
SELECT person_id FROM face_people WHERE face_id = :face;
