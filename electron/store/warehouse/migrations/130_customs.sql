-- Cross-border parcels (跨境), as a bench keeps them (SQLite migration 150): a product's customs data, an order's
-- destination, buyer tax id / IOSS, incoterm and its lines' declared values. A bench's cached order brings them.
CREATE TABLE product_customs (
  sku text PRIMARY KEY REFERENCES products (sku) ON DELETE CASCADE,
  hs_code text,
  name_en text,
  name_zh text,
  origin_country text,
  dangerous_goods text
);
CREATE TABLE order_customs (
  order_id bigint PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  country text NOT NULL,
  buyer_tax_id text,
  ioss text,
  incoterm text,
  lines jsonb NOT NULL
);
