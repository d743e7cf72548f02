-- Every person's id and name (NULL when unnamed), by id: for resolving names case-insensitively, suggesting the
-- closest names and completing names in the shell.
SELECT id AS person, name FROM people ORDER BY id;
