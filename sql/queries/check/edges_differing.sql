-- Pairs of people whose stored edge (weight, dates, photos) differs from what the current face assignments give
-- (the views of migration 005): stored rows a rebuild would drop or change, and rows it would add. Empty when
-- edges and edge_photos are up to date.
SELECT person_a, person_b FROM (
    SELECT person_a, person_b, weight, first_taken_at, last_taken_at FROM edges
    EXCEPT SELECT person_a, person_b, weight, first_taken_at, last_taken_at FROM expected_edges) AS stale
UNION
SELECT person_a, person_b FROM (
    SELECT person_a, person_b, weight, first_taken_at, last_taken_at FROM expected_edges
    EXCEPT SELECT person_a, person_b, weight, first_taken_at, last_taken_at FROM edges) AS missing
UNION
SELECT person_a, person_b FROM (
    SELECT person_a, person_b, photo_id FROM edge_photos
    EXCEPT SELECT person_a, person_b, photo_id FROM expected_edge_photos) AS stale_photos
UNION
SELECT person_a, person_b FROM (
    SELECT person_a, person_b, photo_id FROM expected_edge_photos
    EXCEPT SELECT person_a, person_b, photo_id FROM edge_photos) AS missing_photos
ORDER BY person_a, person_b;
