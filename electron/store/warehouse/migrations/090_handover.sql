-- The shared dock: a box packed at any bench is loaded onto a carrier's batch at any bench (or the lead's PC), and
-- goes onto one batch, warehouse-wide. Shipments and daily counts are projections of the benches' events.

CREATE TABLE shipments (
  waybill_no text PRIMARY KEY,
  carrier text NOT NULL,
  order_no text NOT NULL,
  bench_id text NOT NULL,
  session_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('booked', 'cancelled')),
  weight_g integer,
  booked_at timestamptz NOT NULL,
  closed_at timestamptz,
  loaded_at timestamptz
);
-- The shelf: closed boxes not yet on a batch (a few hundred, however many a year holds).
CREATE INDEX shipments_shelf ON shipments (carrier, bench_id) WHERE status = 'booked' AND closed_at IS NOT NULL AND loaded_at IS NULL;

CREATE TABLE handovers (
  id bigserial PRIMARY KEY,
  carrier text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  bench_id text NOT NULL,
  opened_by text,
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_by text,
  closed_at timestamptz
);
-- One batch being loaded per bench at a time, as on a single bench.
CREATE UNIQUE INDEX handovers_open_at_bench ON handovers (bench_id) WHERE status = 'open';
CREATE INDEX handovers_closed_at ON handovers (closed_at) WHERE status = 'closed';

CREATE TABLE handover_items (
  -- A box goes onto one batch: two docks scanning it at once, one wins.
  waybill_no text PRIMARY KEY REFERENCES shipments (waybill_no),
  handover_id bigint NOT NULL REFERENCES handovers (id),
  bench_id text NOT NULL,
  scanned_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX handover_items_batch ON handover_items (handover_id, scanned_at);

-- Boxes closed per UTC day, bench and carrier (the days the review counts in).
CREATE TABLE daily_counts (
  day date NOT NULL,
  bench_id text NOT NULL,
  carrier text NOT NULL,
  boxes integer NOT NULL DEFAULT 0,
  weight_g bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, bench_id, carrier)
);

-- Events replicated before this version, projected as the replicator now does.
INSERT INTO shipments (waybill_no, carrier, order_no, bench_id, session_id, status, booked_at)
SELECT DISTINCT ON (w.waybill_no) w.waybill_no, w.carrier, s.order_no, w.bench_id, w.session_id, 'booked', w.at
FROM (
  SELECT e.payload->>'waybillNo' AS waybill_no, e.payload->>'carrier' AS carrier, e.bench_id, e.session_id, e.at
  FROM events e WHERE e.type = 'box.booked'
  UNION ALL
  SELECT e.payload->>'waybillNo', b.payload->>'carrier', e.bench_id, e.session_id, e.at
  FROM events e JOIN events b ON b.bench_id = e.bench_id AND b.session_id = e.session_id AND b.type = 'box.booking'
    AND b.payload->'shipmentId' = e.payload->'shipmentId'
  WHERE e.type = 'box.waybillEntered'
) w JOIN bench_sessions s ON s.session_id = w.session_id
WHERE w.waybill_no IS NOT NULL AND w.carrier IS NOT NULL
ORDER BY w.waybill_no, w.at DESC;
UPDATE shipments sh SET status = 'cancelled' FROM events e
WHERE e.type = 'box.bookingCancelled' AND e.payload->>'waybillNo' = sh.waybill_no AND e.session_id = sh.session_id;
UPDATE shipments sh SET closed_at = e.at, weight_g = (e.payload->>'weightG')::integer FROM events e
WHERE e.type = 'box.closed' AND e.payload->>'waybillNo' = sh.waybill_no AND e.session_id = sh.session_id;
INSERT INTO daily_counts (day, bench_id, carrier, boxes, weight_g)
SELECT (closed_at AT TIME ZONE 'UTC')::date, bench_id, carrier, count(*), coalesce(sum(weight_g), 0)
FROM shipments WHERE closed_at IS NOT NULL GROUP BY 1, 2, 3;
