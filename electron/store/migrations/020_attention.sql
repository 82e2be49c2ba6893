-- A carrier answer that cannot be recorded (its waybill is already held, its payload is invalid) sets the shipment
-- aside as 'needs-attention' with the raw answer, instead of failing the step that records it at every start.
CREATE TABLE shipments_new (
  id INTEGER PRIMARY KEY,
  session_id TEXT REFERENCES pack_sessions(id),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  carrier TEXT NOT NULL,
  service TEXT,
  idempotency_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('requesting', 'booked', 'unknown', 'rejected', 'cancelling', 'cancelled', 'needs-attention')),
  waybill_no TEXT,
  mark_destination TEXT,
  sorting_code TEXT,
  request TEXT NOT NULL CHECK (json_valid(request)),
  response TEXT,
  error TEXT,
  weight_g INTEGER,
  price_cents INTEGER,
  choice TEXT,
  label_format TEXT,
  label BLOB,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- What happened, in words, and the carrier's answer as it came (needs-attention only).
  attention TEXT,
  raw_answer TEXT
) STRICT;
INSERT INTO shipments_new (id, session_id, order_id, carrier, service, idempotency_key, status, waybill_no, mark_destination,
  sorting_code, request, response, error, weight_g, price_cents, choice, label_format, label, created_at, updated_at)
  SELECT id, session_id, order_id, carrier, service, idempotency_key, status, waybill_no, mark_destination,
  sorting_code, request, response, error, weight_g, price_cents, choice, label_format, label, created_at, updated_at
  FROM shipments;
DROP TABLE shipments;
ALTER TABLE shipments_new RENAME TO shipments;
CREATE UNIQUE INDEX shipments_by_waybill ON shipments(carrier, waybill_no) WHERE waybill_no IS NOT NULL;
CREATE INDEX shipments_by_session ON shipments(session_id);
CREATE INDEX shipments_by_order ON shipments(order_id);
CREATE INDEX shipments_unresolved ON shipments(status) WHERE status IN ('requesting', 'unknown', 'cancelling', 'needs-attention');

-- One number per key, whatever the interleaving of benches and processes.
CREATE UNIQUE INDEX waybill_pool_by_key ON waybill_pool(carrier, used_by) WHERE used_by IS NOT NULL;
