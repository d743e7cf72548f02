-- One face's apparent age (years) and gender (p(female)), estimated after it was stored, unless another worker
-- estimated it meanwhile (the same networks give the same values): returns the face when this call stored them.
UPDATE faces SET age = :age, gender = :gender WHERE id = :face AND age IS NULL
RETURNING id;
