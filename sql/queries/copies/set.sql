-- Marks photo :photo a copy of photo :original.
UPDATE photos SET copy_of = :original WHERE id = :photo;
