-- The model checksums recorded by the latest extract run that stored anything (workers refuse other models).
SELECT model_checksums FROM runs WHERE command = 'extract' AND model_checksums <> '{}' ORDER BY id DESC LIMIT 1;
