-- Full-text search over products, folding Vietnamese: the tokenizer removes tone and vowel
-- marks (remove_diacritics 2); 'đ' is a letter of its own, so it is folded here.
-- Triggers keep the index in step with every change, in the writer's own transaction.

CREATE VIRTUAL TABLE product_search USING fts5 (
    name,
    body,
    producer,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER product_search_insert AFTER INSERT ON products
BEGIN
    INSERT INTO product_search (rowid, name, body, producer)
    SELECT NEW.id,
           replace(replace(NEW.name, 'đ', 'd'), 'Đ', 'D'),
           replace(replace(NEW.description || ' ' || NEW.ingredients, 'đ', 'd'), 'Đ', 'D'),
           replace(replace(pr.name, 'đ', 'd'), 'Đ', 'D')
    FROM producers pr WHERE pr.id = NEW.producer_id;
END;

CREATE TRIGGER product_search_update AFTER UPDATE OF name, description, ingredients, producer_id ON products
BEGIN
    DELETE FROM product_search WHERE rowid = OLD.id;
    INSERT INTO product_search (rowid, name, body, producer)
    SELECT NEW.id,
           replace(replace(NEW.name, 'đ', 'd'), 'Đ', 'D'),
           replace(replace(NEW.description || ' ' || NEW.ingredients, 'đ', 'd'), 'Đ', 'D'),
           replace(replace(pr.name, 'đ', 'd'), 'Đ', 'D')
    FROM producers pr WHERE pr.id = NEW.producer_id;
END;

CREATE TRIGGER product_search_delete AFTER DELETE ON products
BEGIN
    DELETE FROM product_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER product_search_producer_rename AFTER UPDATE OF name ON producers
BEGIN
    UPDATE product_search SET producer = replace(replace(NEW.name, 'đ', 'd'), 'Đ', 'D')
    WHERE rowid IN (SELECT id FROM products WHERE producer_id = NEW.id);
END;

-- Producers are searched by name on their own list.
CREATE VIRTUAL TABLE producer_search USING fts5 (
    name,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER producer_search_insert AFTER INSERT ON producers
BEGIN
    INSERT INTO producer_search (rowid, name, body)
    VALUES (NEW.id, replace(replace(NEW.name, 'đ', 'd'), 'Đ', 'D'),
            replace(replace(NEW.description || ' ' || NEW.address, 'đ', 'd'), 'Đ', 'D'));
END;

CREATE TRIGGER producer_search_update AFTER UPDATE OF name, description, address ON producers
BEGIN
    DELETE FROM producer_search WHERE rowid = OLD.id;
    INSERT INTO producer_search (rowid, name, body)
    VALUES (NEW.id, replace(replace(NEW.name, 'đ', 'd'), 'Đ', 'D'),
            replace(replace(NEW.description || ' ' || NEW.address, 'đ', 'd'), 'Đ', 'D'));
END;

CREATE TRIGGER producer_search_delete AFTER DELETE ON producers
BEGIN
    DELETE FROM producer_search WHERE rowid = OLD.id;
END;
