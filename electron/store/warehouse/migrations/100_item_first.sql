-- Item-first packing (单件扫描): a bench scanning an item claims the earliest single-item order of its SKU. Order time
-- and ship-by deadline are ISO-8601 UTC text as the benches keep them; single_sku is the SKU an order is one unit of.
ALTER TABLE orders ADD COLUMN ordered_at text;
ALTER TABLE orders ADD COLUMN ship_by text;
ALTER TABLE orders ADD COLUMN single_sku text;
UPDATE orders SET single_sku = l.sku
FROM (
  SELECT order_id, min(sku) AS sku FROM order_lines GROUP BY order_id HAVING count(*) = 1 AND sum(qty) = 1
) AS l
WHERE l.order_id = orders.id;
-- Orders without an order time come first (their age is unknown: never left waiting), then by time, then import order.
CREATE INDEX orders_single_waiting ON orders (single_sku, ordered_at NULLS FIRST, id)
  WHERE status = 'released' AND single_sku IS NOT NULL;
