-- A product's GTIN (the number under its barcode), kept as the 14 digits of GTIN-14 so that
-- its GS1 Digital Link address `/01/{gtin}` is one whatever length it was typed in. No two
-- products share one: the address resolves to a single product and its certificate.
ALTER TABLE products ADD COLUMN gtin TEXT;
CREATE UNIQUE INDEX products_gtin ON products (gtin) WHERE gtin IS NOT NULL;
