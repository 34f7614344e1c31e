-- The public list of certificates that no longer hold (revoked, or past their end), newest
-- end first: the day each ended is its revocation's, or the day after its last valid day. An
-- expression index, so the list reads a range of it in order instead of sorting them all.
CREATE INDEX certificates_ended ON certificates (coalesce(revoked_on, date(expires_on, '+1 day')));
