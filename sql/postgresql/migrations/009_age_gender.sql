-- face-network store, version 9: apparent age and gender per face (as sql/migrations/009_age_gender.sql).
ALTER TABLE faces ADD COLUMN age DOUBLE PRECISION;
ALTER TABLE faces ADD COLUMN gender DOUBLE PRECISION;
