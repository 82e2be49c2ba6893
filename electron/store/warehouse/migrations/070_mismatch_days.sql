-- The lead's page counts mismatches per bench and day from here, not by reading every row (10 M rows and more).
CREATE TABLE mismatch_days (
  bench_id text NOT NULL,
  day date NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (bench_id, day)
);

CREATE FUNCTION packbench_count_mismatch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO mismatch_days (bench_id, day, n) VALUES (NEW.bench_id, (NEW.at AT TIME ZONE 'UTC')::date, 1)
  ON CONFLICT (bench_id, day) DO UPDATE SET n = mismatch_days.n + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER mismatches_counted AFTER INSERT ON mismatches FOR EACH ROW EXECUTE FUNCTION packbench_count_mismatch();

INSERT INTO mismatch_days (bench_id, day, n)
SELECT bench_id, (at AT TIME ZONE 'UTC')::date, count(*) FROM mismatches GROUP BY 1, 2;
