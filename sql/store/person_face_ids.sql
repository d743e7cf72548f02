-- The face ids of a person, ascending.
SELECT face_id FROM face_people WHERE person_id = :person ORDER BY face_id;
