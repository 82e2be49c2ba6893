-- The warehouse tier: what many benches share. Every bench writes its box events to its own SQLite first; this
-- schema holds the master data, the claims, the waybill pool and the replicated events with their projections.

CREATE TABLE benches (
  id text PRIMARY KEY,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  packer text,
  order_no text,
  phase text,
  lag_events integer NOT NULL DEFAULT 0
);

CREATE TABLE products (
  sku text PRIMARY KEY,
  name text NOT NULL,
  unit_weight_g integer,
  length_mm integer,
  width_mm integer,
  height_mm integer,
  image text,
  category text,
  serial_required boolean NOT NULL DEFAULT false,
  kit_accepts_own_barcode boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE barcodes (
  code text PRIMARY KEY,
  sku text NOT NULL REFERENCES products (sku) ON DELETE CASCADE,
  qty integer NOT NULL DEFAULT 1 CHECK (qty > 0)
);
CREATE INDEX barcodes_sku ON barcodes (sku);

CREATE TABLE kit_components (
  kit_sku text NOT NULL REFERENCES products (sku) ON DELETE CASCADE,
  component_sku text NOT NULL REFERENCES products (sku),
  qty integer NOT NULL CHECK (qty > 0),
  PRIMARY KEY (kit_sku, component_sku)
);

CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  order_no text NOT NULL UNIQUE,
  shop text,
  platform text,
  status text NOT NULL DEFAULT 'released'
    CHECK (status IN ('released', 'held', 'packing', 'packed', 'partial', 'cancelled')),
  hold_reason text,
  receiver_name text,
  receiver_phone text,
  province text,
  city text,
  district text,
  address text,
  note text,
  waybill_no text,
  tote text,
  pick_list text,
  order_value_cents integer,
  cod_cents integer,
  carrier_required text,
  packed_at timestamptz,
  packed_by text,
  packed_bench text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_status ON orders (status);

CREATE TABLE order_lines (
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no integer NOT NULL,
  sku text NOT NULL,
  name text,
  qty integer NOT NULL CHECK (qty > 0),
  PRIMARY KEY (order_id, line_no)
);

-- One bench packs an order: the claim is one INSERT that exactly one bench wins.
CREATE TABLE claims (
  order_id bigint PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  bench_id text NOT NULL,
  packer text,
  claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claims_bench ON claims (bench_id);

CREATE TABLE users (
  name text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('packer', 'lead', 'admin')),
  badge text UNIQUE,
  pin_hash text,
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE waybill_pool (
  carrier text NOT NULL,
  waybill_no text NOT NULL,
  status text NOT NULL DEFAULT 'free' CHECK (status IN ('free', 'leased', 'used')),
  leased_to text,
  used_by text,
  imported_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  PRIMARY KEY (carrier, waybill_no)
);
CREATE INDEX waybill_pool_free ON waybill_pool (carrier, waybill_no) WHERE status = 'free';
CREATE UNIQUE INDEX waybill_pool_key ON waybill_pool (carrier, used_by) WHERE used_by IS NOT NULL;

-- Serial numbers go into one box, warehouse-wide.
CREATE TABLE serials (
  sku text NOT NULL,
  serial text NOT NULL,
  bench_id text NOT NULL,
  session_id text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (sku, serial)
);

-- Box events as the benches wrote them, pushed up in order; a push repeated after a crash changes nothing.
CREATE TABLE events (
  bench_id text NOT NULL,
  session_id text NOT NULL,
  seq integer NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  at timestamptz NOT NULL,
  packer text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bench_id, session_id, seq)
);
CREATE INDEX events_type_at ON events (type, at);

CREATE TABLE mismatches (
  id bigserial PRIMARY KEY,
  bench_id text NOT NULL,
  session_id text NOT NULL,
  seq integer NOT NULL,
  type text NOT NULL,
  order_no text NOT NULL,
  sku text,
  code text,
  expected text,
  actual text,
  packer text,
  at timestamptz NOT NULL,
  resolution text,
  resolved_by text,
  resolved_at timestamptz,
  UNIQUE (bench_id, session_id, seq)
);
CREATE INDEX mismatches_at ON mismatches (at DESC, id DESC);
CREATE INDEX mismatches_bench_at ON mismatches (bench_id, at DESC);
