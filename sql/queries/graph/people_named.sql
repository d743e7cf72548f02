-- The people whose name is exactly :name, by id.
SELECT id AS person, name FROM people WHERE name = :name ORDER BY id;
