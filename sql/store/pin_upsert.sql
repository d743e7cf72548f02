-- Pins a face to a person, or rejects it (:person_id NULL).
INSERT INTO face_pins (face_id, person_id) VALUES (:face_id, :person_id)
ON CONFLICT (face_id) DO UPDATE SET person_id = excluded.person_id;
