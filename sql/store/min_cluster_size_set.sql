-- Records the minimum person size of the clustering whose people are being stored (:size, faces, as text), which
-- the view tied_people reads (migration 007).
INSERT INTO settings (key, value) VALUES ('min_cluster_size', :size)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
