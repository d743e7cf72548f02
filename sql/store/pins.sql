-- The pins edits left: a face pinned to a person, or rejected (person_id NULL).
SELECT face_id, person_id FROM face_pins;
