-- How many faces of photo :photo still have no apparent age: 0 once another worker estimated them.
SELECT COUNT(*) FROM faces WHERE photo_id = :photo AND age IS NULL;
