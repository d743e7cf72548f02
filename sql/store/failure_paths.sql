-- Every path with a recorded failure.
SELECT path FROM failures;
