-- One order in several cartons (一单多包 / 子母件): each carton's own waybill number under the order's one booking.
-- An order in one carton has no rows here; its shipment's waybill is the carton's.
CREATE TABLE shipment_parcels (
  shipment_id INTEGER NOT NULL REFERENCES shipments(id),
  carton INTEGER NOT NULL CHECK (carton >= 1),
  waybill_no TEXT NOT NULL,
  weight_g INTEGER,
  PRIMARY KEY (shipment_id, carton)
) STRICT;
CREATE INDEX shipment_parcels_by_waybill ON shipment_parcels(waybill_no);

-- Each carton is loaded at handover by its own scan: a batch item is a shipment's carton (1 for one carton).
CREATE TABLE handover_items_new (
  handover_id INTEGER NOT NULL REFERENCES handovers(id),
  shipment_id INTEGER NOT NULL REFERENCES shipments(id),
  carton INTEGER NOT NULL DEFAULT 1 CHECK (carton >= 1),
  scanned_at TEXT NOT NULL,
  PRIMARY KEY (handover_id, shipment_id, carton),
  UNIQUE (shipment_id, carton)
) STRICT;
INSERT INTO handover_items_new (handover_id, shipment_id, carton, scanned_at)
  SELECT handover_id, shipment_id, 1, scanned_at FROM handover_items;
DROP TABLE handover_items;
ALTER TABLE handover_items_new RENAME TO handover_items;
