-- face-network store, version 2: photos that --rotate-retry turned.
-- Degrees the photo was turned clockwise after its EXIF orientation because faces were found only that way
-- (0, 90 or 270); width, height and face boxes are those of the turned image.
ALTER TABLE photos ADD COLUMN turned_degrees INTEGER NOT NULL DEFAULT 0;
