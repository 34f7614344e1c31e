-- The hourly allowance of new photos per account counts an account's recent uploads.
CREATE INDEX media_uploader ON media (uploaded_by, created_at);
