-- The language of a visitor who has not chosen one and whose browser asks for neither of ours
-- (or for none, like a crawler): Vietnamese unless the office sets English.
ALTER TABLE office ADD COLUMN default_lang TEXT NOT NULL DEFAULT 'vi' CHECK (default_lang IN ('vi', 'en'));
