-- Every photo of every person seen in at least :min_photos distinct photos, for the network exports: person, photo id,
-- one path (the first in text order when the same bytes lie under several) and EXIF date taken. By person, then
-- dated photos in time order, then undated ones by path. A photo with two faces of one person is listed once.
WITH kept AS (
    SELECT fp.person_id
    FROM face_people AS fp JOIN faces AS f ON f.id = fp.face_id
    GROUP BY fp.person_id
    HAVING COUNT(DISTINCT f.photo_id) >= :min_photos
), person_photo AS (
    SELECT DISTINCT fp.person_id AS person, f.photo_id AS photo
    FROM face_people AS fp JOIN faces AS f ON f.id = fp.face_id
    WHERE fp.person_id IN (SELECT person_id FROM kept)
)
SELECT pp.person AS person, pp.photo AS photo,
       (SELECT MIN(paths.path) FROM photo_paths AS paths WHERE paths.photo_id = pp.photo) AS path,
       p.taken_at AS taken_at
FROM person_photo AS pp
JOIN photos AS p ON p.id = pp.photo
ORDER BY pp.person, CASE WHEN p.taken_at IS NULL THEN 1 ELSE 0 END, p.taken_at, path;
