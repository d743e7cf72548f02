-- '1' when edges count copies of one picture apart (network --count-copies); no row or '0' otherwise.
SELECT value FROM settings WHERE key = 'count_copies';
