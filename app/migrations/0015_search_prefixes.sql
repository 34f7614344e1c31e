-- The product search index again, with the first two and three letters of every word indexed
-- as well (`prefix`): the last word of a search is matched as a prefix (text::fts_query), and
-- without these FTS5 read every word starting with it and merged their lists. Measured with
-- sqlite3 at 100,000 products: "ca kho" 8 ms to 2, "tra" 3.5 to 1.5. The index grows from 24
-- to 60 MB at that size. The triggers of migration 0003 keep it as before: they name the
-- table, which is made again here under the same name and filled as they fill it.

DROP TABLE product_search;

CREATE VIRTUAL TABLE product_search USING fts5 (
    name,
    body,
    producer,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

INSERT INTO product_search (rowid, name, body, producer)
SELECT p.id,
       replace(replace(p.name, 'đ', 'd'), 'Đ', 'D'),
       replace(replace(p.description || ' ' || p.ingredients, 'đ', 'd'), 'Đ', 'D'),
       replace(replace(pr.name, 'đ', 'd'), 'Đ', 'D')
FROM products p JOIN producers pr ON pr.id = p.producer_id;
