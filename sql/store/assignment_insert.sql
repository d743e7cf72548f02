-- Assigns a face to a person.
INSERT INTO face_people (face_id, person_id) VALUES (:face_id, :person_id);
