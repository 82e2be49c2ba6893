-- 010: the tables the pack workflow stands on.
CREATE TABLE products (
  sku TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit_weight_g INTEGER CHECK (unit_weight_g IS NULL OR unit_weight_g >= 0),
  length_mm INTEGER, width_mm INTEGER, height_mm INTEGER,
  image TEXT,
  category TEXT,
  serial_required INTEGER NOT NULL DEFAULT 0 CHECK (serial_required IN (0, 1)),
  -- A kit whose own barcode may be scanned instead of its components.
  kit_accepts_own_barcode INTEGER NOT NULL DEFAULT 0 CHECK (kit_accepts_own_barcode IN (0, 1)),
  updated_at TEXT NOT NULL
) STRICT;

-- Several codes per SKU (一品多码); a case or inner-pack code counts `qty` units.
CREATE TABLE barcodes (
  code TEXT PRIMARY KEY,
  sku TEXT NOT NULL REFERENCES products(sku) ON DELETE CASCADE,
  qty INTEGER NOT NULL DEFAULT 1 CHECK (qty > 0)
) STRICT;
CREATE INDEX barcodes_by_sku ON barcodes(sku);

CREATE TABLE kit_components (
  kit_sku TEXT NOT NULL REFERENCES products(sku) ON DELETE CASCADE,
  component_sku TEXT NOT NULL REFERENCES products(sku),
  qty INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (kit_sku, component_sku)
) STRICT;

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL UNIQUE,
  shop TEXT,
  platform TEXT,
  status TEXT NOT NULL DEFAULT 'released'
    CHECK (status IN ('released', 'held', 'packing', 'packed', 'partial', 'cancelled')),
  hold_reason TEXT,
  receiver_name TEXT, receiver_phone TEXT,
  province TEXT, city TEXT, district TEXT, address TEXT,
  note TEXT,
  waybill_no TEXT,
  tote TEXT,
  pick_list TEXT,
  order_value_cents INTEGER,
  cod_cents INTEGER,
  -- A carrier the platform mandates (平台指定快递).
  carrier_required TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  packed_at TEXT,
  packed_by TEXT
) STRICT;
CREATE INDEX orders_by_waybill ON orders(waybill_no) WHERE waybill_no IS NOT NULL;
CREATE INDEX orders_by_tote ON orders(tote) WHERE tote IS NOT NULL;
CREATE INDEX orders_by_pick_list ON orders(pick_list) WHERE pick_list IS NOT NULL;

CREATE TABLE order_lines (
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,
  sku TEXT NOT NULL,
  name TEXT,
  qty INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (order_id, line_no)
) STRICT;

-- Box types: tare and inner dimensions.
CREATE TABLE packages (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  tare_g INTEGER NOT NULL CHECK (tare_g >= 0),
  inner_length_mm INTEGER, inner_width_mm INTEGER, inner_height_mm INTEGER
) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('packer', 'lead', 'admin')),
  badge TEXT UNIQUE,
  pin_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE pack_sessions (
  id TEXT PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  station_id TEXT NOT NULL,
  packer TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'held', 'partial', 'abandoned')),
  opened_at TEXT NOT NULL,
  closed_at TEXT
) STRICT;
CREATE INDEX pack_sessions_open ON pack_sessions(station_id) WHERE status = 'open';

-- Append-only: every scan, weight, booking and print result, written before its effect runs.
CREATE TABLE events (
  session_id TEXT NOT NULL REFERENCES pack_sessions(id),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  at TEXT NOT NULL,
  packer TEXT,
  station_id TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
) STRICT;

-- Projection of the events: every packing exception, for the shift lead.
CREATE TABLE mismatches (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES pack_sessions(id),
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
CREATE INDEX mismatches_by_at ON mismatches(at);
CREATE INDEX mismatches_by_sku ON mismatches(sku, at);
CREATE INDEX mismatches_by_packer ON mismatches(packer, at);

-- One serial number goes into one box, ever.
CREATE TABLE box_serials (
  sku TEXT NOT NULL,
  serial TEXT NOT NULL,
  session_id TEXT NOT NULL REFERENCES pack_sessions(id),
  seq INTEGER NOT NULL,
  PRIMARY KEY (sku, serial)
) STRICT;

-- What a partial shipment left behind.
CREATE TABLE backorders (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  session_id TEXT NOT NULL REFERENCES pack_sessions(id),
  sku TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty > 0),
  reason TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;

-- Approved box weights by SKU set: the history the learned weight check compares with.
CREATE TABLE box_weights (
  session_id TEXT PRIMARY KEY REFERENCES pack_sessions(id),
  sku_set TEXT NOT NULL,
  grams INTEGER NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX box_weights_by_set ON box_weights(sku_set, at);

-- The durable print queue: a job is done only once a printer accepted its bytes.
CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  printer TEXT NOT NULL,
  language TEXT NOT NULL,
  kind TEXT NOT NULL,
  session_id TEXT,
  waybill_no TEXT,
  payload BLOB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'done', 'failed', 'void')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  reprint_of INTEGER REFERENCES print_jobs(id),
  reason TEXT,
  requested_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX print_jobs_queued ON print_jobs(printer, id) WHERE status = 'queued';
CREATE INDEX print_jobs_by_session ON print_jobs(session_id);

-- Carrier bookings. The row and its idempotency key are written before the carrier is called.
CREATE TABLE shipments (
  id INTEGER PRIMARY KEY,
  -- NULL for a booking made from the command line (IT tests), outside any box.
  session_id TEXT REFERENCES pack_sessions(id),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  carrier TEXT NOT NULL,
  service TEXT,
  idempotency_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('requesting', 'booked', 'unknown', 'rejected', 'cancelling', 'cancelled')),
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
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX shipments_by_waybill ON shipments(carrier, waybill_no) WHERE waybill_no IS NOT NULL;
CREATE INDEX shipments_by_session ON shipments(session_id);
CREATE INDEX shipments_unresolved ON shipments(status) WHERE status IN ('requesting', 'unknown', 'cancelling');

-- Offline waybill numbers from the carrier's file; a used number is never issued again.
CREATE TABLE waybill_pool (
  carrier TEXT NOT NULL,
  waybill_no TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('free', 'used')),
  used_by TEXT,
  used_at TEXT,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (carrier, waybill_no)
) STRICT;
CREATE INDEX waybill_pool_free ON waybill_pool(carrier, waybill_no) WHERE status = 'free';

-- 交接: boxes loaded onto a carrier's batch.
CREATE TABLE handovers (
  id INTEGER PRIMARY KEY,
  carrier TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  station_id TEXT NOT NULL,
  opened_by TEXT,
  opened_at TEXT NOT NULL,
  closed_by TEXT,
  closed_at TEXT
) STRICT;
CREATE TABLE handover_items (
  handover_id INTEGER NOT NULL REFERENCES handovers(id),
  shipment_id INTEGER NOT NULL UNIQUE REFERENCES shipments(id),
  scanned_at TEXT NOT NULL,
  PRIMARY KEY (handover_id, shipment_id)
) STRICT;

-- Messages to send out (ship notices), kept until delivered; survives restarts.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox(next_at) WHERE status = 'pending';

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;
