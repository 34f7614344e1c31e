-- The product search index again (as migration 0015 made it), with the first four letters of
-- every word indexed as well. A last word of four letters ("muoi", "banh", "tinh") was matched
-- by merging the lists of every word starting with it: at 100,000 products, in sqlite3,
-- "muoi" took 2.7 to 3.0 ms and was, with "ca kho", the slowest of the bench's searches.
-- With these, 1.8; "banh" 1.0 to 0.8; the other words as before. The index grows from 58 to
-- 68 MB at that size, and making it again took 7 s. Words of five letters and more were
-- already fast ("khoai" 0.2 ms): few words start with them.

DROP TABLE product_search;

CREATE VIRTUAL TABLE product_search USING fts5 (
    name,
    body,
    producer,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);

INSERT INTO product_search (rowid, name, body, producer)
SELECT p.id,
       replace(replace(p.name, 'đ', 'd'), 'Đ', 'D'),
       replace(replace(p.description || ' ' || p.ingredients, 'đ', 'd'), 'Đ', 'D'),
       replace(replace(pr.name, 'đ', 'd'), 'Đ', 'D')
FROM products p JOIN producers pr ON pr.id = p.producer_id;
