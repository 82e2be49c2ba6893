-- The lead's page counts mismatches per bench, day and type from here, not by reading every row (10 M rows and
-- more); the other filters have their own indexes.
CREATE TABLE mismatch_days (
  bench_id text NOT NULL,
  day date NOT NULL,
  type text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (bench_id, day, type)
);

CREATE FUNCTION packbench_count_mismatch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO mismatch_days (bench_id, day, type, n) VALUES (NEW.bench_id, (NEW.at AT TIME ZONE 'UTC')::date, NEW.type, 1)
  ON CONFLICT (bench_id, day, type) DO UPDATE SET n = mismatch_days.n + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER mismatches_counted AFTER INSERT ON mismatches FOR EACH ROW EXECUTE FUNCTION packbench_count_mismatch();

INSERT INTO mismatch_days (bench_id, day, type, n)
SELECT bench_id, (at AT TIME ZONE 'UTC')::date, type, count(*) FROM mismatches GROUP BY 1, 2, 3;

CREATE INDEX mismatches_sku_at ON mismatches (sku, at DESC);
CREATE INDEX mismatches_packer_at ON mismatches (packer, at DESC);
CREATE INDEX mismatches_unresolved_at ON mismatches (at DESC) WHERE resolution IS NULL;
