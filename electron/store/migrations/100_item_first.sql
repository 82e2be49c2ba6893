-- Item-first packing (单件扫描): an item scanned with no box open chooses the earliest single-item order of its SKU.
-- An order keeps its order time and ship-by deadline from the file, and the SKU it is one unit of (else NULL), so
-- the choice is one probe of a partial index in its own order, however many orders wait.
ALTER TABLE orders ADD COLUMN ordered_at TEXT;
ALTER TABLE orders ADD COLUMN ship_by TEXT;
ALTER TABLE orders ADD COLUMN single_sku TEXT;
UPDATE orders SET single_sku = l.sku
FROM (
  SELECT order_id, min(sku) AS sku FROM order_lines GROUP BY order_id HAVING count(*) = 1 AND sum(qty) = 1
) AS l
WHERE l.order_id = orders.id;
-- Orders without an order time come first (their age is unknown: never left waiting), then by time, then import order.
CREATE INDEX orders_single_waiting ON orders(single_sku, ordered_at, id)
  WHERE status = 'released' AND single_sku IS NOT NULL;

-- An item that fills no order is logged for the lead (`no-order`) without a box: a mismatch row may name a session
-- that is not a box. SQLite cannot drop a column's REFERENCES in place, so the table is made again with its rows,
-- indexes and triggers as they were.
CREATE TABLE mismatches_new (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  order_no TEXT NOT NULL,
  sku TEXT,
  code TEXT,
  expected TEXT,
  actual TEXT,
  packer TEXT,
  station_id TEXT NOT NULL,
  at TEXT NOT NULL,
  resolution TEXT,
  resolved_by TEXT,
  resolved_at TEXT,
  UNIQUE (session_id, seq)
) STRICT;
INSERT INTO mismatches_new SELECT id, session_id, seq, type, order_no, sku, code, expected, actual, packer, station_id,
  at, resolution, resolved_by, resolved_at FROM mismatches;
DROP TABLE mismatches;
ALTER TABLE mismatches_new RENAME TO mismatches;
CREATE INDEX mismatches_by_at ON mismatches(at);
CREATE INDEX mismatches_by_sku ON mismatches(sku, at);
CREATE INDEX mismatches_by_packer ON mismatches(packer, at);
CREATE INDEX mismatches_by_type ON mismatches(type, at);
CREATE INDEX mismatches_by_station ON mismatches(station_id, at);
CREATE INDEX mismatches_unresolved ON mismatches(at) WHERE resolution IS NULL;
CREATE INDEX mismatches_resolved ON mismatches(at) WHERE resolution IS NOT NULL;
CREATE TRIGGER mismatches_counted AFTER INSERT ON mismatches BEGIN
  INSERT INTO mismatch_days (day, type, packer, sku, n, open)
  VALUES (substr(NEW.at, 1, 10), NEW.type, coalesce(NEW.packer, '-'), coalesce(NEW.sku, ''), 1,
          NEW.resolution IS NULL)
  ON CONFLICT (day, type, packer, sku) DO UPDATE SET n = n + 1, open = open + (NEW.resolution IS NULL);
END;
CREATE TRIGGER mismatches_resolved AFTER UPDATE OF resolution ON mismatches
WHEN (OLD.resolution IS NULL) <> (NEW.resolution IS NULL) BEGIN
  UPDATE mismatch_days SET open = open + (CASE WHEN NEW.resolution IS NULL THEN 1 ELSE -1 END)
  WHERE day = substr(NEW.at, 1, 10) AND type = NEW.type AND packer = coalesce(NEW.packer, '-')
    AND sku = coalesce(NEW.sku, '');
END;
