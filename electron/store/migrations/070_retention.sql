-- Retention walks the closed boxes in the order they closed, from where its last run stopped, through an index
-- (a year of boxes is never scanned to find the next 200).
CREATE INDEX pack_sessions_by_close ON pack_sessions(closed_at, id) WHERE closed_at IS NOT NULL;
