-- Cross-border parcels (跨境): what customs must be told. A product's declaration (HS code, the customs description in
-- English and Chinese, origin, a dangerous-goods mark such as UN3481), and an order's destination, buyer tax id / IOSS,
-- incoterm and each line's declared unit value (JSON, by SKU). Domestic orders have no row here.
CREATE TABLE product_customs (
  sku TEXT PRIMARY KEY REFERENCES products(sku) ON DELETE CASCADE,
  hs_code TEXT,
  name_en TEXT,
  name_zh TEXT,
  origin_country TEXT,
  dangerous_goods TEXT
) STRICT;
CREATE TABLE order_customs (
  order_id INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  country TEXT NOT NULL,
  buyer_tax_id TEXT,
  ioss TEXT,
  incoterm TEXT,
  -- [{"sku": "MUG-1", "valueCents": 1250, "currency": "USD"}, …]: each SKU's declared unit value
  lines TEXT NOT NULL
) STRICT;
