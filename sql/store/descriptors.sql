-- Every face's descriptor, in face id order (the order clustering sees them in).
SELECT id, photo_id, descriptor FROM faces ORDER BY id;
