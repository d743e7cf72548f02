-- Forgets every photo's copy link before they are set anew.
UPDATE photos SET copy_of = NULL WHERE copy_of IS NOT NULL;
