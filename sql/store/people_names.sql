-- Every person's id and name (NULL when unnamed).
SELECT id, name FROM people;
