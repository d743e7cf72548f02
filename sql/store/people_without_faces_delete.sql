-- People left without any face (every photo of theirs was removed from the collection) are gone too.
DELETE FROM people WHERE id NOT IN (SELECT person_id FROM face_people);
