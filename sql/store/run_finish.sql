-- Records how a run ended.
UPDATE runs SET finished_at = :finished_at, status = :status WHERE id = :id;
