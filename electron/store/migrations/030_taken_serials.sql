-- Warehouse mode: serial numbers other benches put in their boxes, so this bench refuses them too.
CREATE TABLE taken_serials (
  sku TEXT NOT NULL,
  serial TEXT NOT NULL,
  PRIMARY KEY (sku, serial)
) STRICT;
