-- The lead's charts read per-day counts kept as the rows are written, not a year of rows: mismatches per day, type,
-- packer and SKU (a trigger on every insert), and weighed boxes per day and 20 g deviation bucket (the projection of
-- box.weighed, in the event's transaction).
CREATE TABLE mismatch_days (
  day TEXT NOT NULL,
  type TEXT NOT NULL,
  packer TEXT NOT NULL,
  sku TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, type, packer, sku)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER mismatches_counted AFTER INSERT ON mismatches BEGIN
  INSERT INTO mismatch_days (day, type, packer, sku, n)
  VALUES (substr(NEW.at, 1, 10), NEW.type, coalesce(NEW.packer, '-'), coalesce(NEW.sku, ''), 1)
  ON CONFLICT (day, type, packer, sku) DO UPDATE SET n = n + 1;
END;

INSERT INTO mismatch_days (day, type, packer, sku, n)
SELECT substr(at, 1, 10), type, coalesce(packer, '-'), coalesce(sku, ''), count(*) FROM mismatches GROUP BY 1, 2, 3, 4;

CREATE TABLE weight_days (
  day TEXT NOT NULL,
  bucket_g INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, bucket_g)
) STRICT, WITHOUT ROWID;

INSERT INTO weight_days (day, bucket_g, n)
SELECT substr(at, 1, 10), CAST(round(json_extract(payload, '$.check.differenceG') / 20.0) * 20 AS INTEGER), count(*)
FROM events WHERE type = 'box.weighed' AND json_extract(payload, '$.check.differenceG') IS NOT NULL GROUP BY 1, 2;
