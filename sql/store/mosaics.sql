-- The fingerprint each person's mosaic was last drawn from.
SELECT person_id, fingerprint FROM person_mosaics;
