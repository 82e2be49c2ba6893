-- Warehouse-wide jobs (ship notices; later feeds and tracking polls): each runs once, by whichever bench or worker
-- takes it first (FOR UPDATE SKIP LOCKED); a job whose runner died is taken again after a minute.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  payload text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_at timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  locked_at timestamptz,
  done_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due ON jobs (next_at) WHERE status <> 'done';
