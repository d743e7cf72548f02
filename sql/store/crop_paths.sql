-- Every crop path a stored face names.
SELECT crop_path FROM faces WHERE crop_path IS NOT NULL;
