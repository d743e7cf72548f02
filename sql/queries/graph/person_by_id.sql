-- The person with id :person, if any: id and name (NULL when unnamed).
SELECT id AS person, name FROM people WHERE id = :person;
