-- One order in several cartons (一单多包 / 子母件): every carton's own waybill is a row of its own, loaded at the dock by
-- its own scan; the row knows its carton, how many the order has, and the master number (NULL for one carton).
ALTER TABLE shipments ADD COLUMN carton integer NOT NULL DEFAULT 1;
ALTER TABLE shipments ADD COLUMN cartons integer NOT NULL DEFAULT 1;
ALTER TABLE shipments ADD COLUMN master_no text;
CREATE INDEX shipments_by_session ON shipments (session_id);
-- The lead's counts: cartons (boxes) and the orders they belong to, apart.
ALTER TABLE daily_counts ADD COLUMN orders integer NOT NULL DEFAULT 0;
UPDATE daily_counts SET orders = boxes;
