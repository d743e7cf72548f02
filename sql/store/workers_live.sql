-- Extract workers that may still be at work: not ended by themselves, and heard from within their lease (one whose
-- connection to the server dropped holds no lock while it connects again, but its lease still runs).
SELECT COUNT(*) FROM workers WHERE stopped_at IS NULL AND seen_at + lease >= :now;
