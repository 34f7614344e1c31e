-- The audit log filtered by who did it, newest first, without reading the whole log.
CREATE INDEX audit_log_user ON audit_log (user_id, at DESC);
