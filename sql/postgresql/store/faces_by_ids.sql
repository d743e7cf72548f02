-- As sql/store/faces_by_ids.sql; PostgreSQL reads the JSON array with json_array_elements_text.
SELECT f.id, f.crop_path, f.box_left, f.box_top, f.box_right, f.box_bottom, f.descriptor,
       (SELECT MIN(pp.path) FROM photo_paths AS pp WHERE pp.photo_id = f.photo_id) AS photo_path
FROM faces AS f
WHERE f.id IN (SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(:ids AS json)) AS ids (value));
