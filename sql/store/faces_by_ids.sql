-- The faces whose ids are in :ids (a JSON array of integers) with crops, boxes and descriptors, and the photo's
-- first path. One statement for any number of ids.
SELECT f.id, f.crop_path, f.box_left, f.box_top, f.box_right, f.box_bottom, f.descriptor,
       (SELECT MIN(pp.path) FROM photo_paths AS pp WHERE pp.photo_id = f.photo_id) AS photo_path
FROM faces AS f
WHERE f.id IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids));
