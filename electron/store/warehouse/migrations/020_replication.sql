-- Which order a bench's box session packs: events name their session, projections need the order.
CREATE TABLE bench_sessions (
  session_id text PRIMARY KEY,
  bench_id text NOT NULL,
  order_no text NOT NULL
);
