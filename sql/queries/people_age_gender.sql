-- Each assigned face's estimated apparent age and gender, by person, ages ascending: what each person's median age
-- and mean gender are computed from. Faces never estimated are left out. :person NULL reads everyone, else only
-- that person (the query shell's `person X`).
SELECT fp.person_id AS person, f.age AS age, f.gender AS gender
FROM face_people AS fp
JOIN faces AS f ON f.id = fp.face_id
WHERE f.age IS NOT NULL
  AND (CAST(:person AS BIGINT) IS NULL OR fp.person_id = :person)
ORDER BY fp.person_id, f.age, f.id;
