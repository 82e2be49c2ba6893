-- The lead's "still to look at" (unresolved) total is summed from the per-day counts like the others, not counted
-- row by row through a year: each day's count keeps how many are open, kept by a trigger on insert and on resolve.
ALTER TABLE mismatch_days ADD COLUMN open INTEGER NOT NULL DEFAULT 0;

UPDATE mismatch_days SET open = o.n
FROM (
  SELECT substr(at, 1, 10) AS day, type, coalesce(packer, '-') AS packer, coalesce(sku, '') AS sku, count(*) AS n
  FROM mismatches WHERE resolution IS NULL GROUP BY 1, 2, 3, 4
) AS o
WHERE o.day = mismatch_days.day AND o.type = mismatch_days.type AND o.packer = mismatch_days.packer
  AND o.sku = mismatch_days.sku;

DROP TRIGGER mismatches_counted;
CREATE TRIGGER mismatches_counted AFTER INSERT ON mismatches BEGIN
  INSERT INTO mismatch_days (day, type, packer, sku, n, open)
  VALUES (substr(NEW.at, 1, 10), NEW.type, coalesce(NEW.packer, '-'), coalesce(NEW.sku, ''), 1,
          NEW.resolution IS NULL)
  ON CONFLICT (day, type, packer, sku) DO UPDATE SET n = n + 1, open = open + (NEW.resolution IS NULL);
END;

CREATE TRIGGER mismatches_resolved AFTER UPDATE OF resolution ON mismatches
WHEN (OLD.resolution IS NULL) <> (NEW.resolution IS NULL) BEGIN
  UPDATE mismatch_days SET open = open + (CASE WHEN NEW.resolution IS NULL THEN 1 ELSE -1 END)
  WHERE day = substr(NEW.at, 1, 10) AND type = NEW.type AND packer = coalesce(NEW.packer, '-')
    AND sku = coalesce(NEW.sku, '');
END;
