-- A person's name and the run that made them; no row when there is no such person.
SELECT name, run_id FROM people WHERE id = :id;
