-- 002: substring search over orders and customers through FTS5 trigram indexes, so that a
-- rare search term ("a VIN fragment", "a partial order number") no longer reads every order.
-- The indexes hold each row's search_text (external content: the text itself stays in the
-- table) keyed by the table's rowid, and triggers keep them in step with every write.
-- The list still applies its LIKE test to the rows found, so results are exactly the LIKE
-- filter's. VACUUM keeps rowids in current SQLite, but the docs allow it to renumber tables
-- without an INTEGER PRIMARY KEY: after a VACUUM, 'rebuild' both indexes to be safe.

CREATE VIRTUAL TABLE orders_fts USING fts5(search_text, content='orders', content_rowid='rowid', tokenize='trigram');
CREATE VIRTUAL TABLE customers_fts USING fts5(search_text, content='customers', content_rowid='rowid', tokenize='trigram');

CREATE TRIGGER orders_fts_after_insert AFTER INSERT ON orders BEGIN
  INSERT INTO orders_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER orders_fts_after_delete AFTER DELETE ON orders BEGIN
  INSERT INTO orders_fts (orders_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
-- Most order writes (status, notes, stage roll-ups) leave search_text as it was: skip those.
CREATE TRIGGER orders_fts_after_update AFTER UPDATE OF search_text ON orders
WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO orders_fts (orders_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO orders_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE TRIGGER customers_fts_after_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customers_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER customers_fts_after_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER customers_fts_after_update AFTER UPDATE OF search_text ON customers
WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO customers_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- Index what is already there.
INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');

-- The orders of matching customers, with the keys the list filters and sorts on, straight
-- from the index: a search by customer name reads no order row it does not show.
CREATE INDEX orders_live_by_customer_status_date ON orders(customer_id, status, order_date DESC, id DESC) WHERE deleted = 0;
