-- Recomputes every co-appearance edge, with the photos behind it, from the face assignments (the views
-- expected_edge_photos and expected_edges, migration 005). Cost: one pass over the faces of photos with 2+ people,
-- then one over the pairs.
DELETE FROM edge_photos;
DELETE FROM edges;
INSERT INTO edge_photos (person_a, person_b, photo_id)
SELECT person_a, person_b, photo_id FROM expected_edge_photos;
INSERT INTO edges (person_a, person_b, weight, first_taken_at, last_taken_at)
SELECT person_a, person_b, weight, first_taken_at, last_taken_at FROM expected_edges;
