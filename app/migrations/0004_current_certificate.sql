-- Each product points at its current certificate: the latest one issued and not revoked.
-- Whether it is still valid depends on the day, so readers compare expires_on with today;
-- keeping the pointer here spares every list a scan of all certificates.

ALTER TABLE products ADD COLUMN current_certificate_id INTEGER REFERENCES certificates (id);
CREATE INDEX products_current_certificate ON products (current_certificate_id);

CREATE TRIGGER certificates_current_on_insert AFTER INSERT ON certificates
BEGIN
    UPDATE products SET current_certificate_id = (
        SELECT c.id FROM certificates c
        WHERE c.product_id = NEW.product_id AND c.revoked_on IS NULL
        ORDER BY c.issued_on DESC, c.id DESC LIMIT 1)
    WHERE id = NEW.product_id;
END;

CREATE TRIGGER certificates_current_on_update AFTER UPDATE ON certificates
BEGIN
    UPDATE products SET current_certificate_id = (
        SELECT c.id FROM certificates c
        WHERE c.product_id = products.id AND c.revoked_on IS NULL
        ORDER BY c.issued_on DESC, c.id DESC LIMIT 1)
    WHERE id IN (OLD.product_id, NEW.product_id);
END;

UPDATE products SET current_certificate_id = (
    SELECT c.id FROM certificates c
    WHERE c.product_id = products.id AND c.revoked_on IS NULL
    ORDER BY c.issued_on DESC, c.id DESC LIMIT 1);
