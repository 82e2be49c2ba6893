-- Every filter of the lead's review reads through an index (a year of rows is never scanned for one page): by type,
-- by bench, and the unresolved or resolved ones; by day, SKU and packer had theirs.
CREATE INDEX mismatches_by_type ON mismatches(type, at);
CREATE INDEX mismatches_by_station ON mismatches(station_id, at);
CREATE INDEX mismatches_unresolved ON mismatches(at) WHERE resolution IS NULL;
CREATE INDEX mismatches_resolved ON mismatches(at) WHERE resolution IS NOT NULL;
