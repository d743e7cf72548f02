-- Records the fingerprint of a person's mosaic now on disk.
INSERT INTO person_mosaics (person_id, fingerprint) VALUES (:person_id, :fingerprint);
