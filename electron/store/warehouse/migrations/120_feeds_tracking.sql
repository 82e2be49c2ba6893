-- Orders in and news out, once per warehouse (issue 16): each feed's cursor, the turns that make a poll run at one
-- runner per interval however many benches and workers tick, the platform's tokens (one refresh at a time), and the
-- parcels followed after handover with their events.
CREATE TABLE feed_cursors (
  name text PRIMARY KEY,
  cursor text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE turns (
  name text PRIMARY KEY,
  next_at timestamptz NOT NULL,
  taken_by text,
  taken_at timestamptz
);

CREATE TABLE platform_tokens (
  platform text PRIMARY KEY,
  tokens jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tracking (
  waybill_no text PRIMARY KEY REFERENCES shipments (waybill_no),
  carrier text NOT NULL,
  order_no text NOT NULL,
  -- collected | in-transit | delivering | signed | exception | returned; NULL while the carrier has nothing yet
  status text CHECK (status IN ('collected', 'in-transit', 'delivering', 'signed', 'exception', 'returned')),
  last_event_at text,
  changed_at timestamptz,
  checked_at timestamptz,
  handed_over_at timestamptz NOT NULL,
  final boolean NOT NULL DEFAULT false
);
CREATE INDEX tracking_open ON tracking (checked_at NULLS FIRST) WHERE NOT final;
CREATE INDEX tracking_by_order ON tracking (order_no);

CREATE TABLE tracking_events (
  waybill_no text NOT NULL REFERENCES tracking (waybill_no),
  at text NOT NULL,
  status text,
  text text NOT NULL,
  PRIMARY KEY (waybill_no, at, text)
);

-- A stop of an order a bench has (claimed, packing, packed) is kept until that bench has acted on it: the NOTIFY is the
-- fast way, this row the sure one (a bench that was not listening finds it at its next sync).
CREATE TABLE intercepts (
  order_no text PRIMARY KEY,
  bench_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('held', 'cancelled')),
  reason text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  handled_at timestamptz
);
CREATE INDEX intercepts_pending ON intercepts (bench_id) WHERE handled_at IS NULL;
