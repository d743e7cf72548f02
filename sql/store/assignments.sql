-- Every assigned face and its person.
SELECT face_id, person_id FROM face_people;
