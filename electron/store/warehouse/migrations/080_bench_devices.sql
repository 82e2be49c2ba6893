-- What each bench's devices are doing, as its heartbeat says: the lead's board shows it.
ALTER TABLE benches ADD COLUMN devices jsonb NOT NULL DEFAULT '[]';
