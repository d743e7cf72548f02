-- One face's pin, if any.
SELECT person_id FROM face_pins WHERE face_id = :face;
