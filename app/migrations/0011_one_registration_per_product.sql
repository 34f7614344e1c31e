-- A product is registered at most once in a cycle: the application checks it in its transaction,
-- the database holds it too.
CREATE UNIQUE INDEX registrations_cycle_product ON registrations (cycle_id, product_id);
