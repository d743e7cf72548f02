-- One face's apparent age (years) and gender (p(female)), estimated after it was stored.
UPDATE faces SET age = :age, gender = :gender WHERE id = :face;
