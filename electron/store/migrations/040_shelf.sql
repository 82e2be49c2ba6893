-- The handover shelf: a bench's boxes closed lately, found without reading a year of sessions.
CREATE INDEX pack_sessions_closed ON pack_sessions(station_id, closed_at) WHERE status = 'closed';
