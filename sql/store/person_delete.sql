-- Removes a person (their assignments, pins' person and mosaic record by the foreign keys).
DELETE FROM people WHERE id = :id;
