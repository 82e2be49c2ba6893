-- Parcels followed after handover (跟踪 → 签收): one row per waybill handed over (each carton's own), its events.
CREATE TABLE tracking (
  waybill_no TEXT PRIMARY KEY,
  shipment_id INTEGER NOT NULL REFERENCES shipments(id),
  carrier TEXT NOT NULL,
  -- collected | in-transit | delivering | signed | exception | returned; NULL while the carrier has nothing yet
  status TEXT,
  last_event_at TEXT,
  changed_at TEXT,
  checked_at TEXT,
  handed_over_at TEXT NOT NULL,
  -- signed or returned: nothing more to ask
  final INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX tracking_open ON tracking(checked_at) WHERE final = 0;
CREATE INDEX tracking_by_shipment ON tracking(shipment_id);
CREATE TABLE tracking_events (
  waybill_no TEXT NOT NULL,
  at TEXT NOT NULL,
  status TEXT,
  text TEXT NOT NULL,
  PRIMARY KEY (waybill_no, at, text)
) STRICT;
