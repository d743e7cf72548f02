-- Every face with what copy detection compares: its photo's size and date, its box and 5-point landmarks, and its
-- descriptor. By photo, then face, so a photo's faces come together.
SELECT f.photo_id AS photo, p.width AS width, p.height AS height, p.taken_at AS taken_at,
       f.box_left AS box_left, f.box_right AS box_right, f.landmarks AS landmarks, f.descriptor AS descriptor
FROM faces AS f
JOIN photos AS p ON p.id = f.photo_id
ORDER BY f.photo_id, f.face_index;
