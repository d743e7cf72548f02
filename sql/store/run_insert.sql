-- Records the start of a command that writes the store; returns the run's id.
INSERT INTO runs (command, parameters, model_checksums, tool_version, started_at)
VALUES (:command, :parameters, :model_checksums, :tool_version, :started_at)
RETURNING id;
