-- The highest person id in use, by a person or by an edit's pin (0 when none).
SELECT MAX(id) AS id FROM (SELECT MAX(id) AS id FROM people UNION ALL SELECT MAX(person_id) FROM face_pins) AS ids;
