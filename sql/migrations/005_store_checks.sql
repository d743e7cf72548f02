-- face-network store, version 5: what `face-network check` compares the store against.

-- Why a face's crop could not be written (a full disk, a folder in the way); NULL when it was written or crops
-- were not asked for. crop_path is NULL when this is set, so that no face points at a file that is not there.
ALTER TABLE faces ADD COLUMN crop_error TEXT;
