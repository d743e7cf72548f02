-- Assigns a face to a person, replacing its earlier person.
INSERT INTO face_people (face_id, person_id) VALUES (:face_id, :person_id)
ON CONFLICT (face_id) DO UPDATE SET person_id = excluded.person_id;
