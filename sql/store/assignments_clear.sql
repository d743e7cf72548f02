-- Unassigns every face (a clustering replaces the people).
DELETE FROM face_people;
