-- Sets whether edges count copies of one picture apart (:apart '1') or once ('0').
INSERT INTO settings (key, value) VALUES ('count_copies', :apart)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
