-- Forgets every mosaic fingerprint (they are written anew after drawing).
DELETE FROM person_mosaics;
