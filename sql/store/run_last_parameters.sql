-- The parameters (JSON) of the latest finished run of a command.
SELECT parameters FROM runs WHERE command = :command AND status = 'finished' ORDER BY id DESC LIMIT 1;
